import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { dayOf } from '@ai-cost/plugin-ai-cost-common';
import {
  periodFromSearchParams,
  type PeriodPreset,
  type ResolvedPeriod,
} from '../utils/period';

/** @public */
export interface UsePeriodOptions {
  /** The clock; defaults to the system time. Periods end on its UTC day. */
  now?: () => Date;
}

export interface UsePeriodResult {
  period: ResolvedPeriod;
  /** The current UTC day, `YYYY-MM-DD`. */
  today: string;
  setPreset(preset: PeriodPreset): void;
  setCustom(from: string, to: string): void;
}

const systemClock = () => new Date();

/**
 * The selected period, kept in the URL query (`?period=30d` or
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD`) so it survives reloads, can be shared and
 * is the same on the entity tab and the org page. Other query parameters are
 * left alone.
 */
export function usePeriod(options: UsePeriodOptions = {}): UsePeriodResult {
  const now = options.now ?? systemClock;
  const [searchParams, setSearchParams] = useSearchParams();
  const today = dayOf(now());
  const period = useMemo(
    () => periodFromSearchParams(searchParams, today),
    [searchParams, today],
  );

  const setPreset = useCallback(
    (preset: PeriodPreset) =>
      setSearchParams(previous => {
        const next = new URLSearchParams(previous);
        next.set('period', preset);
        next.delete('from');
        next.delete('to');
        return next;
      }),
    [setSearchParams],
  );

  const setCustom = useCallback(
    (from: string, to: string) =>
      setSearchParams(previous => {
        const next = new URLSearchParams(previous);
        next.delete('period');
        next.set('from', from);
        next.set('to', to);
        return next;
      }),
    [setSearchParams],
  );

  return { period, today, setPreset, setCustom };
}

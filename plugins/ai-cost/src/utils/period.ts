import {
  addDays,
  daysInclusive,
  isIsoDay,
  MAX_WINDOW_DAYS,
} from '@ai-cost/plugin-ai-cost-common';

/** The named periods of the period picker. */
export const periodPresets = [
  '7d',
  '30d',
  '90d',
  'this-month',
  'last-month',
] as const;

export type PeriodPreset = (typeof periodPresets)[number];

export const DEFAULT_PERIOD: PeriodPreset = '30d';

export const periodLabels: Record<PeriodPreset | 'custom', string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  'this-month': 'This month',
  'last-month': 'Last month',
  custom: 'Custom range',
};

/** A window of UTC days as the API takes it, with where it came from. */
export interface ResolvedPeriod {
  preset: PeriodPreset | 'custom';
  /** `YYYY-MM-DD`, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, inclusive. */
  to: string;
  label: string;
  /** Why a custom window from the URL cannot be shown; no costs are shown for it. */
  error?: string;
}

function isPreset(value: string | null): value is PeriodPreset {
  return (periodPresets as readonly string[]).includes(value ?? '');
}

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The window of a named period, ending `today` (a UTC day) for rolling periods. */
export function presetWindow(
  preset: PeriodPreset,
  today: string,
): { from: string; to: string } {
  switch (preset) {
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case 'this-month':
      return { from: firstOfMonth(today), to: today };
    case 'last-month': {
      const to = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(to), to };
    }
    case '30d':
    default:
      return { from: addDays(today, -29), to: today };
  }
}

/** Why a custom window cannot be used, or undefined when it can. */
export function validateWindow(from: string, to: string): string | undefined {
  if (!isIsoDay(from)) return 'From must be a date';
  if (!isIsoDay(to)) return 'To must be a date';
  if (from > to) return 'From must not be after To';
  if (daysInclusive(from, to) > MAX_WINDOW_DAYS) {
    return `A period can span at most ${MAX_WINDOW_DAYS} days`;
  }
  return undefined;
}

/**
 * Reads the period from the URL query: `?from=&to=` for a custom window,
 * else `?period=<preset>`, else the default. A custom window that cannot be
 * used (a day missing or unreadable, in the wrong order, too long, ending
 * after `today`) comes back with its `error`, so the page says so instead of
 * showing another window's costs; an unknown preset falls back to the
 * default.
 */
export function periodFromSearchParams(
  params: URLSearchParams,
  today: string,
): ResolvedPeriod {
  if (params.has('from') || params.has('to')) {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    const error =
      validateWindow(from, to) ??
      (to > today ? 'To must not be after today' : undefined);
    return {
      preset: 'custom',
      from,
      to,
      label: `${from} – ${to}`,
      ...(error ? { error } : {}),
    };
  }
  const period = params.get('period');
  const preset = isPreset(period) ? period : DEFAULT_PERIOD;
  return {
    preset,
    ...presetWindow(preset, today),
    label: periodLabels[preset],
  };
}

/** The window of equal length just before `from`, as the API compares against. */
export function previousWindow(
  from: string,
  to: string,
): { from: string; to: string } {
  const days = daysInclusive(from, to);
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

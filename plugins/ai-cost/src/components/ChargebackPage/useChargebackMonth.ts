import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { monthSchema } from '@ai-cost/plugin-ai-cost-common';
import { defaultMonth } from './months';

/**
 * The month of the chargeback page, kept in the URL as `?month=YYYY-MM`;
 * the previous month when absent or not a month.
 */
export function useChargebackMonth(
  now: Date,
): [string, (month: string) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const value = searchParams.get('month');
  const month = monthSchema.safeParse(value).success
    ? (value as string)
    : defaultMonth(now);
  const setMonth = useCallback(
    (next: string) =>
      setSearchParams(previous => {
        const params = new URLSearchParams(previous);
        params.set('month', next);
        return params;
      }),
    [setSearchParams],
  );
  return [month, setMonth];
}

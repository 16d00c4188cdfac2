import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { planYearOf } from './planYears';

/** The year of the plan page, kept in the URL as `?year=YYYY`; the current year by default. */
export function usePlanYear(now: Date): [number, (year: number) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const year = planYearOf(searchParams.get('year'), now);
  const setYear = useCallback(
    (next: number) =>
      setSearchParams(previous => {
        const params = new URLSearchParams(previous);
        params.set('year', String(next));
        return params;
      }),
    [setSearchParams],
  );
  return [year, setYear];
}

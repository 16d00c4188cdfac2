/** How many years before the current one the year picker offers. */
const YEARS_BACK = 3;

/** Next year, the current one and the {@link YEARS_BACK} before it, newest first. */
export function planYears(now: Date): number[] {
  const next = now.getUTCFullYear() + 1;
  return Array.from({ length: YEARS_BACK + 2 }, (_, i) => next - i);
}

/** A year the plan can be asked for, from `?year=`; the current one otherwise. */
export function planYearOf(value: string | null, now: Date): number {
  const year = Number(value);
  return value &&
    /^\d{4}$/.test(value) &&
    year >= 1970 &&
    year <= now.getUTCFullYear() + 1
    ? year
    : now.getUTCFullYear();
}

import { addDays, dayToEpochMs } from '@ai-cost/plugin-ai-cost-common';

/** One day of spend: `date` is `YYYY-MM-DD` (UTC), `cost` integer micro-units. */
export interface DailyCost {
  date: string;
  cost: number;
}

/**
 * A zero-filled view of a daily series: every day from `start` on that has
 * no row costs 0, days before `start` are unknown (`undefined`). Rows of the
 * same day are summed.
 */
export interface DailyLookup {
  /** First known day, or `undefined` when the series is empty. */
  start: string | undefined;
  /** Cost of `day`, 0 when missing, `undefined` before `start`. */
  costOn(day: string): number | undefined;
}

/**
 * Builds a {@link DailyLookup}. `historyStart` defaults to the first day
 * with a row: a new series begins when its spend begins.
 */
export function dailyLookup(
  series: readonly DailyCost[],
  historyStart?: string,
): DailyLookup {
  const byDay = new Map<string, number>();
  let first: string | undefined;
  for (const { date, cost } of series) {
    byDay.set(date, (byDay.get(date) ?? 0) + cost);
    if (first === undefined || date < first) first = date;
  }
  const start = historyStart ?? first;
  return {
    start,
    costOn(day) {
      if (start === undefined || day < start) return undefined;
      return byDay.get(day) ?? 0;
    },
  };
}

/** Day of the week of a `YYYY-MM-DD` day, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(dayToEpochMs(day)).getUTCDay();
}

/** The `count` days ending on `last` (inclusive), oldest first. */
export function trailingDays(last: string, count: number): string[] {
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i--) days.push(addDays(last, -i));
  return days;
}

import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';

/**
 * Covers a set of days with as few windows as possible, each spanning at
 * most `maxDays` days, so that re-attribution touches the affected days
 * (and the days between them in the same window) a bounded transaction at
 * a time.
 */
export function daysToWindows(
  days: Iterable<string>,
  maxDays = 31,
): UsageWindow[] {
  return daysInWindows(days, maxDays).map(({ from, to }) => ({ from, to }));
}

/**
 * The windows of {@link daysToWindows}, each with the days it covers
 * (sorted, once each): for re-attributing those days alone.
 */
export function daysInWindows(
  days: Iterable<string>,
  maxDays = 31,
): Array<UsageWindow & { days: string[] }> {
  const windows: Array<UsageWindow & { days: string[] }> = [];
  for (const day of [...new Set(days)].sort()) {
    const last = windows[windows.length - 1];
    if (last && day <= addDays(last.from, maxDays - 1)) {
      last.to = day;
      last.days.push(day);
    } else {
      windows.push({ from: day, to: day, days: [day] });
    }
  }
  return windows;
}

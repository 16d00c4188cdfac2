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
  const sorted = [...new Set(days)].sort();
  const windows: UsageWindow[] = [];
  for (const day of sorted) {
    const last = windows[windows.length - 1];
    if (last && day <= addDays(last.from, maxDays - 1)) last.to = day;
    else windows.push({ from: day, to: day });
  }
  return windows;
}

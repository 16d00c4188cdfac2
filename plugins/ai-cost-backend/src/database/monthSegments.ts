import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';

/** A window's days within one calendar month (`YYYY-MM`). */
export interface MonthSegment {
  month: string;
  from: string;
  to: string;
}

/** The last day of a `YYYY-MM` month. */
function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/** A window cut at month boundaries, in order. */
export function monthSegments(window: UsageWindow): MonthSegment[] {
  const segments: MonthSegment[] = [];
  for (let from = window.from; from <= window.to; ) {
    const month = from.slice(0, 7);
    const monthEnd = lastDayOf(month);
    const to = monthEnd < window.to ? monthEnd : window.to;
    segments.push({ month, from, to });
    from = addDays(to, 1);
  }
  return segments;
}

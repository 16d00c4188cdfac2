import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from './UsageRecord';

/**
 * The window cut into consecutive windows of `days` days (the last one
 * shorter when the window does not divide evenly), for a provider that
 * streams a long window a slice at a time.
 * @public
 */
export function windowSlices(window: UsageWindow, days: number): UsageWindow[] {
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(
      `windowSlices: days must be a positive integer, got ${days}`,
    );
  }
  const slices: UsageWindow[] = [];
  for (let from = window.from; from <= window.to; from = addDays(from, days)) {
    const to = addDays(from, days - 1);
    slices.push({ from, to: to < window.to ? to : window.to });
  }
  return slices;
}

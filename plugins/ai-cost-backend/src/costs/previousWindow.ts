import { addDays, daysInclusive } from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';

/** The window of equal length just before `window`. */
export function previousWindow(window: UsageWindow): UsageWindow {
  const days = daysInclusive(window.from, window.to);
  return { from: addDays(window.from, -days), to: addDays(window.from, -1) };
}

import { addDays, dayOf } from '@ai-cost/plugin-ai-cost-common';

/** The last `days` UTC days up to and including today. */
export function lastDays(days: number, now: Date) {
  const to = dayOf(now);
  return { from: addDays(to, -(days - 1)), to };
}

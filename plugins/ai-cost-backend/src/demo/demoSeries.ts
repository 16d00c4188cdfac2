import { dayToEpochMs } from '@ai-cost/plugin-ai-cost-common';
import type { DemoStream } from './demoStreams';

/* Shapes the demo's usage and metrics share: growth, weekly pattern, noise. */

/** Series start: growth is measured from here so a day's numbers never depend on "today". */
const EPOCH = '2026-01-01';
export const DAILY_GROWTH = 0.004;
export const SPIKE_PERIOD_DAYS = 37;
export const SPIKE_LENGTH_DAYS = 3;

/** A small deterministic PRNG (mulberry32) seeded per day and stream. */
export function random(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function dayIndex(day: string): number {
  return Math.round((dayToEpochMs(day) - dayToEpochMs(EPOCH)) / 86_400_000);
}

export function patternFactor(
  stream: Pick<DemoStream, 'pattern'>,
  day: string,
): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday
  const weekend = weekday === 0 || weekday === 6;
  switch (stream.pattern) {
    case 'flat':
      return 1;
    case 'monday':
      if (weekday === 1) return 3.2;
      return weekend ? 0.15 : 0.6;
    default:
      return weekend ? 0.42 : 1;
  }
}

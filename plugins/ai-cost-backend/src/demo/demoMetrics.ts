import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { MetricPoint } from '../metrics/types';
import { DAILY_GROWTH, dayIndex, patternFactor, random } from './demoSeries';

/** Where the demo's metrics are stored (as a Prometheus source id would be). */
export const DEMO_METRICS_ORIGIN = 'demo';

/**
 * Business metrics of the demo org (DESIGN §9.2), deterministic per day like
 * its usage: tickets the support bot resolves (its `ai-cost/unit-metric`),
 * growing faster than its spend so its unit cost falls, and daily revenue
 * per customer in USD, one customer with revenue and no AI use (wayne) and
 * one whose AI spend exceeds its revenue (umbrella), and the ChatGPT
 * Enterprise seats in use (the demo config's `activeSeatsMetric`).
 */
const SERIES: Array<{
  metric: string;
  unit: string;
  entityRef: string | null;
  tags: Record<string, string>;
  daily: number;
  pattern: 'weekday' | 'flat';
  growth: number;
}> = [
  {
    metric: 'tickets_resolved',
    unit: 'tickets',
    entityRef: 'component:default/support-bot',
    tags: {},
    daily: 1400,
    pattern: 'weekday',
    growth: 2.5 * DAILY_GROWTH,
  },
  ...(
    [
      ['acme', 1900],
      ['hooli', 700],
      ['globex', 520],
      ['initech', 160],
      ['umbrella', 3],
      ['wayne', 240],
    ] as const
  ).map(([customer, daily]) => ({
    metric: 'revenue',
    unit: 'USD',
    entityRef: null,
    tags: { customer },
    daily,
    pattern: 'flat' as const,
    growth: DAILY_GROWTH,
  })),
  // Seats of the demo's ChatGPT Enterprise subscription in use (of 25).
  {
    metric: 'chatgpt_active_seats',
    unit: 'seats',
    entityRef: null,
    tags: {},
    daily: 19,
    pattern: 'flat',
    growth: 0,
  },
];

/** The demo metric points of every day of a window. */
export function demoMetricPoints(window: {
  from: string;
  to: string;
}): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const day of eachDay(window.from, window.to)) {
    const n = dayIndex(day);
    SERIES.forEach((series, index) => {
      const noise = 0.92 + 0.16 * random(n * 977 + index);
      const value =
        series.daily *
        patternFactor(series, day) *
        (1 + series.growth * Math.max(0, n)) *
        noise;
      points.push({
        metric: series.metric,
        date: day,
        entityRef: series.entityRef,
        tags: series.tags,
        // Whole tickets; revenue in cents.
        valueMicros:
          series.unit === 'USD'
            ? Math.round(value * 100) * 10_000
            : Math.round(value) * 1_000_000,
        unit: series.unit,
      });
    });
  }
  return points;
}

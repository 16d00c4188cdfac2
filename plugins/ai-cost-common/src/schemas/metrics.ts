import { z } from 'zod';
import { ALLOCATION_TAG_KEY_PATTERN } from '../annotations';
import { entityRefSchema, isoDaySchema, metricNameSchema } from './common';
import { refineWindow } from './costs';

/**
 * Metrics computed from usage, which nobody pushes (DESIGN §9.2):
 * `requests`, `tokens` (unit cost per 1,000 tokens) and `customers`
 * (distinct `customer` tag values with spend).
 * @public
 */
export const builtInMetrics = ['requests', 'tokens', 'customers'] as const;

/** @public */
export type BuiltInMetric = (typeof builtInMetrics)[number];

/** @public */
export function isBuiltInMetric(metric: string): metric is BuiltInMetric {
  return (builtInMetrics as readonly string[]).includes(metric);
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether a metric's unit is a currency code such as `USD`, which makes the metric money. @public */
export function isCurrencyUnit(unit: string | null | undefined): boolean {
  return !!unit && CURRENCIES.has(unit);
}

/** Units: 1-32 printable characters, e.g. `documents`, or a currency code such as `USD` for money. @public */
export const metricUnitSchema = z
  .string({ invalid_type_error: 'must be a string such as documents or USD' })
  .regex(
    /^[^\s\p{C}][^\p{C}]{0,31}$/u,
    'must be 1-32 printable characters, e.g. documents or USD',
  );

/** The most points one `POST /metrics` accepts. @public */
export const MAX_METRIC_POINTS_PER_PUSH = 10_000;

/** The largest metric value (so that micro-units stay exact integers). @public */
export const MAX_METRIC_VALUE = 9_000_000_000;

const metricValueSchema = z
  .union(
    [
      z.number(),
      z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number'),
    ],
    { errorMap: () => ({ message: 'must be a decimal number' }) },
  )
  .transform(value => Number(value))
  .refine(value => Number.isFinite(value), 'must be a finite number')
  .refine(
    value => Math.abs(value) <= MAX_METRIC_VALUE,
    `must be at most ${MAX_METRIC_VALUE.toLocaleString(
      'en-US',
    )} in absolute value`,
  );

/** One point of `POST /metrics`. @public */
export const metricPushPointSchema = z
  .object({
    metric: metricNameSchema.refine(name => !isBuiltInMetric(name), {
      message: `is computed from usage (${builtInMetrics.join(
        ', ',
      )}); push your own metric under another name`,
    }),
    date: isoDaySchema,
    value: metricValueSchema,
    unit: metricUnitSchema.optional(),
    entityRef: entityRefSchema.optional(),
    tags: z
      .record(
        z
          .string()
          .regex(
            ALLOCATION_TAG_KEY_PATTERN,
            'tag keys are lower-case letters, digits, _ . -',
          ),
        z
          .string()
          .min(1, 'must not be empty')
          .max(256, 'must be at most 256 characters'),
        { invalid_type_error: 'must be an object of tag values' },
      )
      .optional(),
  })
  .strict();

/** @public */
export type MetricPushPoint = z.input<typeof metricPushPointSchema>;

/**
 * Body of `POST /metrics`. Points are validated one by one, so that a bad
 * point is reported by its index while the good ones are stored.
 * @public
 */
export const pushMetricsRequestSchema = z
  .object({
    metrics: z
      .array(z.unknown(), {
        required_error: 'is required',
        invalid_type_error: 'must be an array of metric points',
      })
      .max(
        MAX_METRIC_POINTS_PER_PUSH,
        `must hold at most ${MAX_METRIC_POINTS_PER_PUSH} points; send several requests`,
      ),
  })
  .strict();

/** @public */
export type PushMetricsRequest = { metrics: MetricPushPoint[] };

/** A point `POST /metrics` did not store, and why. @public */
export type RejectedMetricPoint = {
  /** Index of the point in `metrics`. */
  index: number;
  /** The offending field, e.g. `metrics[3].value`. */
  field: string;
  message: string;
};

/** Response of `POST /metrics`. @public */
export type PushMetricsResponse = {
  /** Points stored (a point with the same metric, date, entity and tags replaced the earlier one). */
  accepted: number;
  rejected: RejectedMetricPoint[];
  /** Metrics the accepted points belong to. */
  metrics: string[];
};

/** A metric the plugin knows. @public */
export type MetricInfo = {
  metric: string;
  /** e.g. `documents`, a currency code for money, null when never stated. */
  unit: string | null;
  /** Pushed with `aiCost.currency` as its unit: margins can be computed. */
  money: boolean;
  builtIn: boolean;
  /** The last day with a value; null for built-ins. */
  lastDate: string | null;
};

/** Response of `GET /metrics`. @public */
export type MetricsResponse = { metrics: MetricInfo[] };

/** Query of `GET /metrics`: with `entityRef`, the metrics with values for it or its descendants. @public */
export const metricsQuerySchema = z
  .object({ entityRef: entityRefSchema.optional() })
  .strict();

/** Query of `GET /metrics`. @public */
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

/** Query of `GET /unit-costs`. @public */
export const unitCostsQuerySchema = z
  .object({
    entityRef: entityRefSchema,
    /** Default: the entity's `ai-cost/unit-metric`, else `requests`. */
    metric: metricNameSchema.optional(),
    from: isoDaySchema,
    to: isoDaySchema,
  })
  .strict()
  .superRefine(refineWindow);

/** @public */
export type UnitCostsQuery = z.infer<typeof unitCostsQuerySchema>;

/** Cost, metric and unit cost over a window. @public */
export type UnitCostTotals = {
  cost: number;
  /** Sum of the metric (distinct customers for `customers`); null when no day has a value. */
  value: number | null;
  /**
   * Cost per `per` units of the metric, over the days with a value:
   * (cost of those days) / value × per. Null when value is null or 0.
   */
  unitCost: number | null;
  /** Cost of days without a metric value: not in `unitCost`, shown instead of hidden. */
  costWithoutMetric: number;
  daysWithoutMetric: number;
};

/** One day of `GET /unit-costs`. @public */
export type UnitCostDay = {
  date: string;
  cost: number;
  /** Null on a day without a metric value. */
  value: number | null;
  unitCost: number | null;
};

/** How `forecast.nextPeriodCost` was made. @public */
export type UnitForecastBasis =
  /** The metric's own trend over the window, times the window's unit cost. */
  | 'unit-trend'
  /** Too few days with a metric value: nothing to project. */
  | 'none';

/** Response of `GET /unit-costs`. @public */
export type UnitCostsResponse = {
  entityRef: string;
  metric: string;
  unit: string | null;
  /** Unit costs are per this many units: 1000 for `tokens`, else 1. */
  per: number;
  /** Where the metric came from: the query, the entity's `ai-cost/unit-metric`, or the default `requests`. */
  metricFrom: 'query' | 'annotation' | 'default';
  builtIn: boolean;
  currency: string;
  from: string;
  to: string;
  total: UnitCostTotals;
  /** The window of equal length before `from`. */
  previous: UnitCostTotals;
  /** Relative changes against `previous` (0.25 = +25%); null when the previous value is 0 or null. */
  change: {
    cost: number | null;
    value: number | null;
    unitCost: number | null;
  };
  daily: UnitCostDay[];
  forecast: {
    /** Spend of the next period of equal length; null when `basis` is `none`. */
    nextPeriodCost: number | null;
    nextPeriodValue: number | null;
    basis: UnitForecastBasis;
    /** The forecast in a sentence, or why there is none. */
    explanation: string;
  };
  /** Set when the metric has no value at all in the window: what to push or annotate. */
  explanation?: string;
};

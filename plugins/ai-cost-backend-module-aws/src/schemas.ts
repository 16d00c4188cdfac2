import { z } from 'zod';

/**
 * Zod schemas of the Cost Explorer responses this module reads, applied to
 * what the official SDK deserialized (the SDK does not check that the
 * fields it returns are present). Only the fields used are declared; unknown
 * fields are ignored.
 *
 * Amounts are decimal strings of dollars (`"0.0690000000"`), never numbers.
 */

const metricValue = z.object({
  /** A decimal string, e.g. `"731.0200000"`. */
  Amount: z.string(),
  /** `USD` for costs; `N/A` or a unit for UsageQuantity. */
  Unit: z.string().optional(),
});

const group = z.object({
  /** One key per GroupBy, in GroupBy order, e.g. `["USE1-…-input-tokens", "123456789012"]`. */
  Keys: z.array(z.string()),
  Metrics: z.record(z.string(), metricValue),
});

const resultByTime = z.object({
  TimePeriod: z.object({
    Start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD'),
    End: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD'),
  }),
  Groups: z.array(group).optional().default([]),
  Estimated: z.boolean().optional(),
});

/** `GetCostAndUsage` output. */
export const getCostAndUsageOutputSchema = z.object({
  ResultsByTime: z.array(resultByTime),
  NextPageToken: z.string().nullish(),
});

/** `GetDimensionValues` output. */
export const getDimensionValuesOutputSchema = z.object({
  DimensionValues: z.array(z.object({ Value: z.string() })),
  NextPageToken: z.string().nullish(),
});

export type CostAndUsagePage = z.infer<typeof getCostAndUsageOutputSchema>;
export type ResultByTime = z.infer<typeof resultByTime>;
export type CostGroup = z.infer<typeof group>;

import { z } from 'zod';
import { daysInclusive } from '../dates';
import { entityRefSchema, isoDaySchema, MAX_WINDOW_DAYS } from './common';

/**
 * Checks that a `from`/`to` window (both inclusive) is in order and not
 * larger than {@link MAX_WINDOW_DAYS}; issues name the offending field.
 * Runs only once both days are valid.
 * @public
 */
export function refineWindow(
  value: { from: string; to: string },
  ctx: z.RefinementCtx,
) {
  if (value.from > value.to) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['from'],
      message: `must not be after to (${value.to})`,
    });
  } else if (daysInclusive(value.from, value.to) > MAX_WINDOW_DAYS) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['to'],
      message: `window must be at most ${MAX_WINDOW_DAYS} days`,
    });
  }
}

/** Query of `GET /costs` and `GET /export.csv`. @public */
export const costsQuerySchema = z
  .object({ entityRef: entityRefSchema, from: isoDaySchema, to: isoDaySchema })
  .superRefine(refineWindow);

/** @public */
export type CostsQuery = z.infer<typeof costsQuerySchema>;

/** Dimensions `GET /rollup` can group by. @public */
export const rollupGroupBys = [
  'owner',
  'system',
  'domain',
  'provider',
  'model',
] as const;

/** Query of `GET /rollup`. @public */
export const rollupQuerySchema = z
  .object({
    groupBy: z.enum(rollupGroupBys, {
      errorMap: () => ({
        message: `must be one of ${rollupGroupBys.join(', ')}`,
      }),
    }),
    from: isoDaySchema,
    to: isoDaySchema,
  })
  .superRefine(refineWindow);

/** @public */
export type RollupQuery = z.infer<typeof rollupQuerySchema>;

/** Token and request totals with their cost, in major currency units. @public */
export interface CostTotals {
  cost: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  requests: number;
}

/** Response of `GET /costs`. @public */
export interface EntityCostsResponse {
  entityRef: string;
  currency: string;
  from: string;
  to: string;
  total: CostTotals;
  /** Spend claimed by the entity itself. */
  own: { cost: number };
  /** Spend claimed by descendants (components of a system, members of a group). */
  viaChildren: { cost: number };
  daily: Array<{ date: string; cost: number }>;
  byProvider: Array<{ provider: string; cost: number }>;
  byModel: Array<{
    provider: string;
    model: string;
    cost: number;
    inputTokens: number;
    outputTokens: number;
    requests: number;
  }>;
  byChild: Array<{ entityRef: string; cost: number }>;
}

/** One unclaimed provider dimension in a rollup. @public */
export interface UnallocatedItem {
  provider: string;
  /** e.g. `projectId`, `apiKeyId`, `accountId` */
  dimension: string;
  value: string;
  cost: number;
}

/** Response of `GET /rollup`. @public */
export interface RollupResponse {
  currency: string;
  from: string;
  to: string;
  groupBy: string;
  total: number;
  items: Array<{ key: string; entityRef?: string; cost: number }>;
  unallocated: { cost: number; items: UnallocatedItem[] };
}

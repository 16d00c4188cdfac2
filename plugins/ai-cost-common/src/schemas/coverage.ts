import { z } from 'zod';
import { isoDaySchema } from './common';
import { refineWindow } from './costs';

/** Query of `GET /allocation/coverage`. @public */
export const coverageQuerySchema = z
  .object({ from: isoDaySchema, to: isoDaySchema })
  .strict()
  .superRefine(refineWindow);

/** @public */
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;

/** Spend without a value of an allocation tag, by where it comes from. @public */
export type MissingTagItem = {
  provider: string;
  /** `entity` (annotate it with `ai-cost/tags`) or the unclaimed provider dimension. */
  dimension: string;
  value: string;
  cost: number;
};

/** Response of `GET /allocation/coverage` (DESIGN §9.1). @public */
export type AllocationCoverage = {
  currency: string;
  from: string;
  to: string;
  /** Everything ingested in the window: attributed + unallocated. */
  total: number;
  attributed: number;
  unallocated: number;
  /** attributed / total, 0..1 (1 when there is no spend). */
  coverage: number;
  /** `aiCost.allocation.chargeback.coverageThreshold`. */
  threshold: number;
  /** Coverage has reached the threshold: showback can become chargeback. */
  chargebackReady: boolean;
  byProvider: Array<{
    provider: string;
    total: number;
    attributed: number;
    coverage: number;
  }>;
  /** Per allocation tag: spend carrying a value, its share of total, and the largest spend without one. */
  tags: Array<{
    tag: string;
    cost: number;
    coverage: number;
    topMissing: MissingTagItem[];
  }>;
  /** Every day of the window; coverage null on days without spend. */
  daily: Array<{ date: string; coverage: number | null }>;
};

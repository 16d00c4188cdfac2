import { z } from 'zod';
import { entityRefSchema, isoDaySchema } from './common';
import { pageQueryShape, type Page } from './pages';

/** The optimization rules recommendations come from. @public */
export const recommendationRules = [
  'model-right-sizing',
  'prompt-caching',
  'batch-api',
  'ownerless-spend',
  'idle-key',
  'output-length',
  'idle-seats',
] as const;

/** @public */
export type RecommendationRule = (typeof recommendationRules)[number];

/** Statuses of a recommendation. @public */
export const recommendationStatuses = ['open', 'dismissed', 'snoozed'] as const;

/** The `status` filter of `GET /recommendations`. @public */
export const recommendationStatusFilters = [
  ...recommendationStatuses,
  'all',
] as const;

/** How sure a recommendation is of its saving. @public */
export const recommendationConfidences = ['low', 'medium', 'high'] as const;

/** Query of `GET /recommendations`: largest saving first, one page at a time. @public */
export const recommendationsQuerySchema = z
  .object({
    /** One entity and its descendants; org-wide (needs org read) when omitted. */
    entityRef: entityRefSchema.optional(),
    status: z
      .enum(recommendationStatusFilters, {
        errorMap: () => ({
          message: `must be one of ${recommendationStatusFilters.join(', ')}`,
        }),
      })
      .default('open'),
    ...pageQueryShape,
  })
  .strict();

/** Body of `POST /recommendations/:id/dismiss`. @public */
export const recommendationDismissSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'must say why')
      .max(2000, 'must be at most 2000 characters'),
  })
  .strict();

/** Body of `POST /recommendations/:id/snooze`. @public */
export const recommendationSnoozeSchema = z
  .object({
    /** Last day of the snooze; the recommendation reopens the day after. */
    until: isoDaySchema,
    reason: z
      .string()
      .trim()
      .max(2000, 'must be at most 2000 characters')
      .optional(),
  })
  .strict();

/** One optimization recommendation. @public */
export type Recommendation = {
  id: string;
  /** The entity it is about; empty for org-level findings such as ownerless spend. */
  entityRef: string;
  rule: RecommendationRule;
  title: string;
  description: string;
  /** The numbers that triggered it, named, e.g. `{ requests: 120000, avgInputTokens: 310 }`. */
  evidence: Record<string, string | number>;
  /** Estimated saving per month in `currency`, from real prices. */
  estimatedMonthlySavings: number;
  /**
   * The days the evidence and figures cover (both inclusive): a fixed window
   * before the evaluation (the last 30 days, the last 7 for output length),
   * not the period picked on a page. Null for items stored before windows
   * were recorded.
   */
  window: { from: string; to: string } | null;
  currency: string;
  confidence: (typeof recommendationConfidences)[number];
  status: (typeof recommendationStatuses)[number];
  snoozedUntil: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Response of `GET /recommendations`: one page, largest saving first. @public */
export type RecommendationsResponse = Page<Recommendation> & {
  currency: string;
  /** Sum of `estimatedMonthlySavings` of the open items of every page. */
  totalEstimatedMonthlySavings: number;
};

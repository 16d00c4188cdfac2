import { z } from 'zod';
import { currencySchema, entityRefSchema } from './common';

/** Budget periods. @public */
export const budgetPeriods = ['month', 'quarter'] as const;

/** @public */
export type BudgetPeriod = (typeof budgetPeriods)[number];

/** Default alert thresholds as fractions of the budget. @public */
export const DEFAULT_BUDGET_THRESHOLDS = [0.5, 0.8, 1.0];

/** Body of `PUT /budgets?entityRef=`. @public */
export const budgetInputSchema = z
  .object({
    amount: z
      .number({ invalid_type_error: 'must be a number' })
      .positive('must be greater than 0')
      .max(1e12, 'must be at most 1e12'),
    currency: currencySchema.optional(),
    period: z
      .enum(budgetPeriods, {
        errorMap: () => ({
          message: `must be one of ${budgetPeriods.join(', ')}`,
        }),
      })
      .default('month'),
    thresholds: z
      .array(z.number().gt(0, 'must be > 0').max(10, 'must be <= 10'))
      .min(1, 'must list at least one threshold')
      .max(10, 'must list at most 10 thresholds')
      .default(DEFAULT_BUDGET_THRESHOLDS),
  })
  .strict();

/** @public */
export type BudgetInput = z.infer<typeof budgetInputSchema>;

/** Query of the budget routes. @public */
export const budgetQuerySchema = z.object({ entityRef: entityRefSchema });

/** A budget as the API returns it. @public */
export interface Budget {
  entityRef: string;
  amount: number;
  currency: string;
  period: BudgetPeriod;
  thresholds: number[];
  /** `portal` when set in Backstage, `annotation` from `ai-cost/monthly-budget`. */
  source: 'portal' | 'annotation';
  updatedBy?: string;
  updatedAt?: string;
}

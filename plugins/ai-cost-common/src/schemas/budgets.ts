import { z } from 'zod';
import { formatBudgetScope, parseBudgetScope } from '../annotations';
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

/**
 * Body of `PUT /budgets?entityRef=`: a {@link BudgetInput}, or a
 * {@link Budget} as `GET /budgets` returns it. Its read-only fields
 * (`source`, `updatedBy`, `updatedAt`) are ignored; `entityRef`, when
 * present, must name the entity of the query (the route checks it).
 * @public
 */
export const budgetRequestSchema = budgetInputSchema
  .extend({
    entityRef: entityRefSchema.optional(),
    source: z.enum(['portal', 'annotation']).optional(),
    scope: z.string().nullable().optional(),
    updatedBy: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .strict();

/** @public */
export type BudgetRequest = z.infer<typeof budgetRequestSchema>;

/**
 * A budget scope in a query, `<tagKey>:<value>` such as
 * `environment:staging`; whether the tag key is an allocation tag is
 * checked against the configuration by the backend.
 * @public
 */
export const budgetScopeSchema = z.string().transform((text, ctx) => {
  const scope = parseBudgetScope(text);
  if (!scope) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be <tag>:<value>, e.g. environment:staging',
    });
    return z.NEVER;
  }
  return formatBudgetScope(scope);
});

/**
 * Query of `GET`, `PUT` and `DELETE /budgets`: the entity and, for a budget
 * scoped to one allocation tag value, the scope (the overall budget without).
 * @public
 */
export const budgetQuerySchema = z
  .object({ entityRef: entityRefSchema, scope: budgetScopeSchema.optional() })
  .strict();

/** A budget as the API returns it. @public */
export type Budget = {
  entityRef: string;
  amount: number;
  currency: string;
  period: BudgetPeriod;
  thresholds: number[];
  /** `portal` when set in Backstage, `annotation` from `ai-cost/monthly-budget`. */
  source: 'portal' | 'annotation';
  /** The allocation tag value it covers, `environment:staging`; null for the overall budget. */
  scope: string | null;
  updatedBy?: string;
  updatedAt?: string;
};

/** Query of `GET /budgets/status`: one entity, or every budgeted entity when omitted. @public */
export const budgetStatusQuerySchema = z
  .object({ entityRef: entityRefSchema.optional() })
  .strict();

/** One alert threshold of a budget and where spend stands against it. @public */
export type BudgetThresholdStatus = {
  /** Fraction of the budget, e.g. 0.8. */
  fraction: number;
  /** The threshold in money, budget × fraction. */
  amount: number;
  /** Actual spend of the period reached it. */
  crossed: boolean;
  /** The forecast median reaches it before the period ends, on this day. */
  projectedDate: string | null;
};

/**
 * Response of `GET /budgets/status?entityRef=`: the overall budget (`scope`
 * null) with the budgets scoped to one allocation tag value in `scoped`.
 * @public
 */
export type BudgetStatus = {
  entityRef: string;
  /** The allocation tag value the budget covers, `environment:staging`; null for the overall budget. */
  scope: string | null;
  currency: string;
  /** The budget in force; null when the entity has none. */
  budget: number | null;
  source: 'portal' | 'annotation' | null;
  period: {
    period: BudgetPeriod;
    /** First day of the current period. */
    start: string;
    /** Last day of the current period; thresholds reset the day after. */
    end: string;
    /** Last complete day the figures include. */
    asOf: string;
    daysRemaining: number;
  };
  /** Spend of the period up to `asOf`, the entity and its descendants (of the scope's tag value only for a scoped budget). */
  spent: number;
  /** Spend expected by the end of the period with an 80% band. */
  forecast: { median: number; low: number; high: number };
  /** How well the forecast did on past months (mean absolute % error), if there is enough history. */
  forecastAccuracy: {
    meanAbsPctError: number;
    samples: number;
  } | null;
  thresholds: BudgetThresholdStatus[];
  /** Fractions actual spend has reached this period. */
  thresholdsCrossed: number[];
  /** The day the forecast median crosses the full budget; null when it does not. */
  projectedBreachDate: string | null;
  /** `over`: spent ≥ budget; `at-risk`: forecast median ≥ budget; else `ok` (`none` without a budget). */
  state: 'over' | 'at-risk' | 'ok' | 'none';
  /** On the overall status: the scoped budgets of the entity, by scope. */
  scoped?: BudgetStatus[];
};

import { z } from 'zod';
import { budgetPeriods, type BudgetPeriod } from './budgets';
import { entityRefSchema } from './common';

/**
 * Query of `GET /budgets/suggestion`: the entity (with its descendants) and
 * the period the budget would run over (default `month`).
 * @public
 */
export const budgetSuggestionQuerySchema = z
  .object({
    entityRef: entityRefSchema,
    period: z
      .enum(budgetPeriods, {
        errorMap: () => ({
          message: `must be one of ${budgetPeriods.join(', ')}`,
        }),
      })
      .default('month'),
  })
  .strict();

/** @public */
export type BudgetSuggestionQuery = z.input<typeof budgetSuggestionQuerySchema>;

/** Response of `GET /budgets/suggestion` (DESIGN §9.4). @public */
export type BudgetSuggestion = {
  entityRef: string;
  currency: string;
  period: BudgetPeriod;
  /** The expected spend × `headroom`, rounded up to two significant digits; null without spend, see `reason`. */
  suggested: number | null;
  /** Average daily spend over the last 30 days (the days since spend began, when fewer). */
  runRate: number;
  /** The spend expected in one period: the month-end forecast, three times it for a quarter; null without one. */
  expected: number | null;
  /** The current month's median month-end forecast; null without one. */
  monthForecast: number | null;
  /** Multiple of the expected spend the suggestion allows, `aiCost.budgets.suggestionHeadroom`. */
  headroom: number;
  /** What the suggestion was computed from, in words. */
  basis: string;
  /** Why there is no suggestion; null when there is one. */
  reason: string | null;
};

/** Query of `GET /plan` and `GET /plan.csv`: a calendar year. @public */
export const planQuerySchema = z
  .object({
    year: z
      .string({
        errorMap: () => ({ message: 'must be a year written as YYYY' }),
      })
      .regex(/^\d{4}$/, 'must be a year written as YYYY')
      .transform(Number)
      .refine(year => year >= 1970, { message: 'must be 1970 or later' }),
  })
  .strict();

/** @public */
export type PlanQuery = z.input<typeof planQuerySchema>;

/**
 * One month of a plan line: actual once the month has ended, else forecast
 * with its 80% band; `no-data` when it ended before the first day any source
 * has history (see `YearPlanResponse.historyFrom`).
 * @public
 */
export type PlanMonth = {
  /** `YYYY-MM`. */
  month: string;
  kind: 'actual' | 'forecast' | 'no-data';
  /** Actual spend, or the median forecast (the current month's spend so far included); whole cents; null without data. */
  amount: number | null;
  /** 10th percentile of a forecast month; null for the others. */
  low: number | null;
  /** 90th percentile of a forecast month; null for the others. */
  high: number | null;
};

/** A plan line's twelve months and their sum. @public */
export type PlanLine = {
  months: PlanMonth[];
  /** Sum of the months with data (`no-data` months left out); null when no month has data. */
  total: number | null;
};

/** A team's year: the group (or user, or unowned entity) charged for spend, as in chargeback. @public */
export type PlanTeam = {
  entityRef: string;
  title?: string;
  /** The budget in force today, if any. */
  budget: { amount: number; period: BudgetPeriod } | null;
} & PlanLine;

/**
 * Response of `GET /plan?year=` (DESIGN §9.4). Every month the teams and the
 * unallocated spend add up to `totals` exactly (rounded to cents once,
 * largest remainder); bands do not add up, the total's is forecast on its own.
 * A forecast month after the current one has a band that widens with the
 * square root of the months ahead, from the forecast's own past error.
 * @public
 */
export type YearPlanResponse = {
  year: number;
  currency: string;
  /** The last complete day of data: months that ended by it are actual. */
  asOf: string;
  /** The first day any source has history; months that ended before it are `no-data`. Null when nothing was ingested. */
  historyFrom: string | null;
  /** Largest year total first. */
  teams: PlanTeam[];
  unallocated: PlanLine;
  totals: PlanLine;
};

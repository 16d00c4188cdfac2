import {
  DEFAULT_BUDGET_THRESHOLDS,
  microsFromNumber,
  parseBudgetAnnotation,
  type BudgetPeriod,
} from '@ai-cost/plugin-ai-cost-common';
import type { StoredBudget } from '../database';

/** The budget in force for an entity, money in micro-units. */
export interface EffectiveBudget {
  entityRef: string;
  amount: number;
  currency: string;
  period: BudgetPeriod;
  thresholds: number[];
  source: 'portal' | 'annotation';
  updatedBy?: string;
  updatedAt?: string;
}

/**
 * A budget set in the portal wins over the `ai-cost/monthly-budget`
 * annotation. An annotation in another currency than the reporting currency,
 * or one that cannot be read, gives no budget and a problem that says why.
 */
export function resolveBudget(options: {
  entityRef: string;
  stored?: StoredBudget;
  annotation?: string;
  currency: string;
}): { budget?: EffectiveBudget; problem?: string } {
  const { entityRef, stored, annotation, currency } = options;
  if (stored) {
    const { updatedBy, updatedAt, ...rest } = stored;
    return { budget: { ...rest, source: 'portal', updatedBy, updatedAt } };
  }
  if (annotation === undefined) return {};
  try {
    const parsed = parseBudgetAnnotation(annotation);
    if (!parsed) return {};
    if (parsed.currency && parsed.currency !== currency) {
      return {
        problem: `ai-cost/monthly-budget of ${entityRef} is in ${parsed.currency}, but costs are reported in ${currency}; the budget is ignored`,
      };
    }
    return {
      budget: {
        entityRef,
        amount: microsFromNumber(parsed.amount),
        currency,
        period: 'month',
        thresholds: DEFAULT_BUDGET_THRESHOLDS,
        source: 'annotation',
      },
    };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

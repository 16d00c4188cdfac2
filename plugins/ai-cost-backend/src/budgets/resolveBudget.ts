import {
  DEFAULT_BUDGET_THRESHOLDS,
  microsFromNumber,
  parseBudgetAnnotation,
  type BudgetAnnotationAmount,
  type BudgetPeriod,
} from '@ai-cost/plugin-ai-cost-common';
import type { StoredBudget } from '../database';
import { canonicalScope, type ScopeTags } from './budgetScope';

/** A budget in force for an entity, money in micro-units. */
export interface EffectiveBudget {
  entityRef: string;
  /** The allocation tag value it covers, `environment:staging`; absent for the overall budget. */
  scope?: string;
  amount: number;
  currency: string;
  period: BudgetPeriod;
  thresholds: number[];
  source: 'portal' | 'annotation';
  updatedBy?: string;
  updatedAt?: string;
}

/**
 * The budgets in force for an entity: the overall one first, then the
 * scoped ones by scope. Per scope (the overall budget being one), a budget
 * set in the portal wins over the `ai-cost/monthly-budget` annotation. An
 * annotation amount in another currency than the reporting currency, with
 * a scope whose tag is not an allocation tag, or an annotation that cannot
 * be read gives no budget and a problem that says why.
 */
export function resolveBudgets(options: {
  entityRef: string;
  /** The entity's portal budgets, any scope. */
  stored: StoredBudget[];
  annotation?: string;
  currency: string;
  tags: ScopeTags;
}): { budgets: EffectiveBudget[]; problems: string[] } {
  const { entityRef, stored, annotation, currency, tags } = options;
  const byScope = new Map<string, EffectiveBudget>();
  const problems: string[] = [];
  const fromAnnotation = (part: BudgetAnnotationAmount, scope?: string) => {
    if (part.currency && part.currency !== currency) {
      problems.push(
        `ai-cost/monthly-budget of ${entityRef}${
          scope ? ` for ${scope}` : ''
        } is in ${
          part.currency
        }, but costs are reported in ${currency}; the budget is ignored`,
      );
      return;
    }
    byScope.set(scope ?? '', {
      entityRef,
      ...(scope ? { scope } : {}),
      amount: microsFromNumber(part.amount),
      currency,
      period: 'month',
      thresholds: DEFAULT_BUDGET_THRESHOLDS,
      source: 'annotation',
    });
  };
  try {
    const parsed = parseBudgetAnnotation(annotation);
    if (parsed) {
      fromAnnotation(parsed);
      for (const part of parsed.scoped ?? []) {
        let scope: string;
        try {
          scope = canonicalScope(part.scope, tags);
        } catch (error) {
          problems.push(
            `ai-cost/monthly-budget of ${entityRef}: ${
              (error as Error).message
            }; the budget is ignored`,
          );
          continue;
        }
        fromAnnotation(part, scope);
      }
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const { updatedBy, updatedAt, ...rest } of stored) {
    byScope.set(rest.scope ?? '', {
      ...rest,
      source: 'portal',
      updatedBy,
      updatedAt,
    });
  }
  const budgets = [...byScope]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, budget]) => budget);
  return { budgets, problems };
}

import { InputError, NotFoundError } from '@backstage/errors';
import {
  microsFromNumber,
  MoneyParseError,
  microsToNumber,
  type Budget,
  type BudgetInput,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { BudgetStore } from '../database';
import { resolveBudget, type EffectiveBudget } from './resolveBudget';
import type { WriteAuditor } from '../audit/WriteAuditor';

/** A budget as the API shows it: money in currency units. */
export function toApiBudget(budget: EffectiveBudget): Budget {
  return {
    entityRef: budget.entityRef,
    amount: microsToNumber(budget.amount),
    currency: budget.currency,
    period: budget.period,
    thresholds: budget.thresholds,
    source: budget.source,
    ...(budget.updatedBy ? { updatedBy: budget.updatedBy } : {}),
    ...(budget.updatedAt ? { updatedAt: budget.updatedAt } : {}),
  };
}

function describeBudget(budget: EffectiveBudget | undefined) {
  return budget
    ? {
        amount: microsToNumber(budget.amount),
        currency: budget.currency,
        period: budget.period,
        thresholds: budget.thresholds,
        source: budget.source,
      }
    : null;
}

/**
 * Budgets per entity: a portal budget overrides the `ai-cost/monthly-budget`
 * annotation; every change is written to the audit log with who, when and
 * the budget before and after.
 */
export class BudgetService {
  constructor(
    private readonly options: {
      store: BudgetStore;
      index: CatalogIndexReader;
      currency: string;
      now?: () => Date;
    },
  ) {}

  /** The budget in force for an entity, if any. */
  async effectiveBudget(
    entityRef: string,
  ): Promise<{ budget?: EffectiveBudget; problem?: string }> {
    const { graph } = await this.options.index.read();
    return resolveBudget({
      entityRef,
      stored: await this.options.store.getBudget(entityRef),
      annotation: graph.get(entityRef)?.monthlyBudget,
      currency: this.options.currency,
    });
  }

  /** Every entity with a budget in force: portal budgets and annotations. */
  async allBudgets(): Promise<EffectiveBudget[]> {
    const { graph } = await this.options.index.read();
    const stored = new Map(
      (await this.options.store.listBudgets()).map(b => [b.entityRef, b]),
    );
    const refs = new Set(stored.keys());
    for (const node of graph.nodes()) {
      if (node.monthlyBudget !== undefined) refs.add(node.entityRef);
    }
    const budgets: EffectiveBudget[] = [];
    for (const entityRef of [...refs].sort()) {
      const { budget } = resolveBudget({
        entityRef,
        stored: stored.get(entityRef),
        annotation: graph.get(entityRef)?.monthlyBudget,
        currency: this.options.currency,
      });
      if (budget) budgets.push(budget);
    }
    return budgets;
  }

  async get(entityRef: string): Promise<Budget> {
    const { budget, problem } = await this.effectiveBudget(entityRef);
    if (!budget) {
      throw new NotFoundError(
        problem ??
          `No budget for ${entityRef}; set one or add ai-cost/monthly-budget`,
      );
    }
    return toApiBudget(budget);
  }

  /** Sets the portal budget of an entity on behalf of `principal`. */
  async put(options: {
    entityRef: string;
    input: BudgetInput;
    /** Who sets it, e.g. `user:default/alice`. */
    principal: string;
    audit: WriteAuditor;
  }): Promise<Budget> {
    const { entityRef, input, principal, audit } = options;
    const { currency } = this.options;
    if (input.currency && input.currency !== currency) {
      throw new InputError(
        `currency: must be ${currency}, the reporting currency`,
      );
    }
    let amount: number;
    try {
      amount = microsFromNumber(input.amount);
    } catch (error) {
      // The schema admits amounts whose micro-units exceed 2^53.
      if (error instanceof MoneyParseError) {
        throw new InputError(`amount: ${error.message}`);
      }
      throw error;
    }
    if (amount <= 0) {
      // Positive, but below one micro-unit: it would be stored as 0.
      throw new InputError(
        `amount: must be at least 0.000001, got ${input.amount}`,
      );
    }
    const thresholds = [...new Set(input.thresholds)].sort((a, b) => a - b);
    const before = (await this.effectiveBudget(entityRef)).budget;
    return audit(
      {
        eventId: 'budget-update',
        severityLevel: 'medium',
        meta: { entityRef, before: describeBudget(before) },
      },
      async () => {
        const stored = {
          entityRef,
          amount,
          currency,
          period: input.period,
          thresholds,
          updatedBy: principal,
          updatedAt: (this.options.now?.() ?? new Date()).toISOString(),
        };
        await this.options.store.putBudget(stored);
        return { ...stored, source: 'portal' as const };
      },
      after => ({ after: describeBudget(after) }),
    ).then(toApiBudget);
  }

  /** Removes the portal budget; the annotation default applies again. */
  async delete(options: { entityRef: string; audit: WriteAuditor }) {
    const { entityRef, audit } = options;
    await audit(
      {
        eventId: 'budget-delete',
        severityLevel: 'medium',
        meta: { entityRef },
      },
      async () => {
        const removed = await this.options.store.deleteBudget(entityRef);
        if (!removed) {
          throw new NotFoundError(
            `No budget set in the portal for ${entityRef}`,
          );
        }
        return {
          before: describeBudget({ ...removed, source: 'portal' }),
          after: describeBudget((await this.effectiveBudget(entityRef)).budget),
        };
      },
      change => change,
    );
  }
}

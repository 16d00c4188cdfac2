import { InputError, NotFoundError } from '@backstage/errors';
import {
  microsFromNumber,
  MoneyParseError,
  microsToNumber,
  type Budget,
  type BudgetInput,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { BudgetStore, StoredBudget } from '../database';
import { resolveBudgets, type EffectiveBudget } from './resolveBudget';
import { canonicalScope, type ScopeTags } from './budgetScope';
import type { WriteAuditor } from '../audit/WriteAuditor';

/** A budget as the API shows it: money in currency units. */
export function toApiBudget(budget: EffectiveBudget): Budget {
  return {
    entityRef: budget.entityRef,
    scope: budget.scope ?? null,
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

/** `for environment:staging` of a scoped budget, for messages. */
function ofScope(scope: string | undefined): string {
  return scope ? ` for ${scope}` : '';
}

/**
 * Budgets per entity, the overall one and those scoped to one allocation
 * tag value (`scope`, e.g. `environment:staging`): per scope, a portal
 * budget overrides the `ai-cost/monthly-budget` annotation; every change is
 * written to the audit log with who, when, the scope and the budget before
 * and after.
 */
export class BudgetService {
  constructor(
    private readonly options: {
      store: BudgetStore;
      index: CatalogIndexReader;
      currency: string;
      /** The allocation tags scopes name. */
      tags: ScopeTags;
      now?: () => Date;
    },
  ) {}

  /**
   * The scope as budgets are keyed (undefined: the overall budget); an
   * InputError names a tag that is not an allocation tag.
   */
  scopeOf(scope: string | undefined): string | undefined {
    return scope === undefined
      ? undefined
      : canonicalScope(scope, this.options.tags);
  }

  /** Every budget in force for an entity, the overall one first, and the problems of its annotation. */
  async entityBudgets(
    entityRef: string,
  ): Promise<{ budgets: EffectiveBudget[]; problems: string[] }> {
    const { graph } = await this.options.index.read();
    return resolveBudgets({
      entityRef,
      stored: await this.options.store.listBudgets(entityRef),
      annotation: graph.get(entityRef)?.monthlyBudget,
      currency: this.options.currency,
      tags: this.options.tags,
    });
  }

  /** The budget in force for an entity (of one scope: canonical, see {@link scopeOf}), if any. */
  async effectiveBudget(
    entityRef: string,
    scope?: string,
  ): Promise<{ budget?: EffectiveBudget; problem?: string }> {
    const { budgets, problems } = await this.entityBudgets(entityRef);
    const budget = budgets.find(b => b.scope === scope);
    if (budget) return { budget };
    return problems.length > 0 ? { problem: problems.join('; ') } : {};
  }

  /** Every budget in force, overall and scoped: portal budgets and annotations. */
  async allBudgets(): Promise<EffectiveBudget[]> {
    const { graph } = await this.options.index.read();
    const stored = new Map<string, StoredBudget[]>();
    for (const budget of await this.options.store.listBudgets()) {
      stored.set(budget.entityRef, [
        ...(stored.get(budget.entityRef) ?? []),
        budget,
      ]);
    }
    const refs = new Set(stored.keys());
    for (const node of graph.nodes()) {
      if (node.monthlyBudget !== undefined) refs.add(node.entityRef);
    }
    return [...refs].sort().flatMap(
      entityRef =>
        resolveBudgets({
          entityRef,
          stored: stored.get(entityRef) ?? [],
          annotation: graph.get(entityRef)?.monthlyBudget,
          currency: this.options.currency,
          tags: this.options.tags,
        }).budgets,
    );
  }

  /** The budget of an entity, overall or of `scope` (as in the query). */
  async get(entityRef: string, scope?: string): Promise<Budget> {
    const key = this.scopeOf(scope);
    const { budget, problem } = await this.effectiveBudget(entityRef, key);
    if (!budget) {
      throw new NotFoundError(
        problem ??
          `No budget for ${entityRef}${ofScope(
            key,
          )}; set one or add ai-cost/monthly-budget`,
      );
    }
    return toApiBudget(budget);
  }

  /** Sets the portal budget of an entity on behalf of `principal`. */
  async put(options: {
    entityRef: string;
    /** The allocation tag value it covers, as in the query; the overall budget without. */
    scope?: string;
    input: BudgetInput;
    /** Who sets it, e.g. `user:default/alice`. */
    principal: string;
    audit: WriteAuditor;
  }): Promise<Budget> {
    const { entityRef, input, principal, audit } = options;
    const { currency } = this.options;
    const scope = this.scopeOf(options.scope);
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
    const before = (await this.effectiveBudget(entityRef, scope)).budget;
    return audit(
      {
        eventId: 'budget-update',
        severityLevel: 'medium',
        meta: {
          entityRef,
          scope: scope ?? null,
          before: describeBudget(before),
        },
      },
      async () => {
        const stored = {
          entityRef,
          ...(scope ? { scope } : {}),
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

  /** Removes a portal budget (of `scope`, as in the query); the annotation's applies again. */
  async delete(options: {
    entityRef: string;
    scope?: string;
    audit: WriteAuditor;
  }) {
    const { entityRef, audit } = options;
    const scope = this.scopeOf(options.scope);
    await audit(
      {
        eventId: 'budget-delete',
        severityLevel: 'medium',
        meta: { entityRef, scope: scope ?? null },
      },
      async () => {
        const removed = await this.options.store.deleteBudget(entityRef, scope);
        if (!removed) {
          throw new NotFoundError(
            `No budget set in the portal for ${entityRef}${ofScope(scope)}`,
          );
        }
        return {
          before: describeBudget({ ...removed, source: 'portal' }),
          after: describeBudget(
            (await this.effectiveBudget(entityRef, scope)).budget,
          ),
        };
      },
      change => change,
    );
  }
}

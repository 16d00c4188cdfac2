import type { BudgetPeriod } from '@ai-cost/plugin-ai-cost-common';

/** A budget set in the portal, money in micro-units. */
export interface StoredBudget {
  entityRef: string;
  /** The allocation tag value it covers, `environment:staging`; absent for the overall budget. */
  scope?: string;
  amount: number;
  currency: string;
  period: BudgetPeriod;
  thresholds: number[];
  updatedBy: string;
  updatedAt: string;
}

/** A budget threshold that fired. */
export interface BudgetAlert {
  entityRef: string;
  /** Scope of the budget; absent for the overall budget. */
  scope?: string;
  periodStart: string;
  threshold: number;
  basis: 'actual' | 'forecast';
  spent: number;
  budget: number;
  projectedDate: string | null;
}

/** Persistence of portal budgets and of the alerts already sent. */
export interface BudgetStore {
  /** The overall budget of an entity, or the one of `scope`. */
  getBudget(
    entityRef: string,
    scope?: string,
  ): Promise<StoredBudget | undefined>;
  /** Every budget (of one entity), by entity, the overall one before the scoped ones. */
  listBudgets(entityRef?: string): Promise<StoredBudget[]>;
  /** Creates or replaces a budget; returns the one it replaced. */
  putBudget(budget: StoredBudget): Promise<StoredBudget | undefined>;
  /** Removes a budget (the overall one without `scope`); returns it, or undefined when there was none. */
  deleteBudget(
    entityRef: string,
    scope?: string,
  ): Promise<StoredBudget | undefined>;
  /**
   * Records that an alert fired. False when the same threshold already
   * fired on the same basis in the same period for the same budget (entity
   * and scope): the caller must not notify.
   */
  recordAlert(alert: BudgetAlert): Promise<boolean>;
  /** The alerts of an entity's budgets, overall and scoped, in a period. */
  listAlerts(entityRef: string, periodStart: string): Promise<BudgetAlert[]>;
}

import type { BudgetPeriod } from '@ai-cost/plugin-ai-cost-common';

/** A budget set in the portal, money in micro-units. */
export interface StoredBudget {
  entityRef: string;
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
  periodStart: string;
  threshold: number;
  basis: 'actual' | 'forecast';
  spent: number;
  budget: number;
  projectedDate: string | null;
}

/** Persistence of portal budgets and of the alerts already sent. */
export interface BudgetStore {
  getBudget(entityRef: string): Promise<StoredBudget | undefined>;
  listBudgets(): Promise<StoredBudget[]>;
  /** Creates or replaces a budget; returns the one it replaced. */
  putBudget(budget: StoredBudget): Promise<StoredBudget | undefined>;
  /** Removes a budget; returns it, or undefined when there was none. */
  deleteBudget(entityRef: string): Promise<StoredBudget | undefined>;
  /**
   * Records that an alert fired. False when the same threshold already
   * fired on the same basis in the same period: the caller must not notify.
   */
  recordAlert(alert: BudgetAlert): Promise<boolean>;
  listAlerts(entityRef: string, periodStart: string): Promise<BudgetAlert[]>;
}

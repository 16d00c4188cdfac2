import type { BudgetPeriod } from '@ai-cost/plugin-ai-cost-common';
import type { Knex } from 'knex';
import type { BudgetAlert, BudgetStore, StoredBudget } from './BudgetStore';
import { dbIso, dbNumber } from './dbHelpers';
import type { DbBudgetAlertRow, DbBudgetRow } from './tables';

/** The overall budget is stored with an empty scope. */
const OVERALL = '';

function toBudget(row: DbBudgetRow): StoredBudget {
  return {
    entityRef: row.entity_ref,
    ...(row.scope !== OVERALL ? { scope: row.scope } : {}),
    amount: dbNumber(row.amount_micros),
    currency: row.currency,
    period: row.period as BudgetPeriod,
    thresholds: JSON.parse(row.thresholds),
    updatedBy: row.updated_by,
    updatedAt: dbIso(row.updated_at),
  };
}

/** The knex implementation of {@link BudgetStore}, on SQLite and PostgreSQL. */
export class DatabaseBudgetStore implements BudgetStore {
  constructor(private readonly db: Knex) {}

  async getBudget(entityRef: string, scope?: string) {
    const row = await this.db<DbBudgetRow>('ai_cost_budgets')
      .where({ entity_ref: entityRef, scope: scope ?? OVERALL })
      .first();
    return row ? toBudget(row) : undefined;
  }

  async listBudgets(entityRef?: string) {
    const query = this.db<DbBudgetRow>('ai_cost_budgets').orderBy([
      'entity_ref',
      'scope',
    ]);
    if (entityRef !== undefined) query.where({ entity_ref: entityRef });
    return (await query).map(toBudget);
  }

  async putBudget(budget: StoredBudget) {
    const key = {
      entity_ref: budget.entityRef,
      scope: budget.scope ?? OVERALL,
    };
    return this.db.transaction(async tx => {
      const previous = await tx<DbBudgetRow>('ai_cost_budgets')
        .where(key)
        .forUpdate()
        .first();
      const row: DbBudgetRow = {
        ...key,
        amount_micros: budget.amount,
        currency: budget.currency,
        period: budget.period,
        thresholds: JSON.stringify(budget.thresholds),
        updated_by: budget.updatedBy,
        updated_at: new Date(budget.updatedAt),
      };
      await tx('ai_cost_budgets')
        .insert(row)
        .onConflict(['entity_ref', 'scope'])
        .merge();
      return previous ? toBudget(previous) : undefined;
    });
  }

  async deleteBudget(entityRef: string, scope?: string) {
    const key = { entity_ref: entityRef, scope: scope ?? OVERALL };
    return this.db.transaction(async tx => {
      const previous = await tx<DbBudgetRow>('ai_cost_budgets')
        .where(key)
        .forUpdate()
        .first();
      if (!previous) return undefined;
      await tx('ai_cost_budgets').where(key).delete();
      return toBudget(previous);
    });
  }

  async recordAlert(alert: BudgetAlert) {
    const row: DbBudgetAlertRow = {
      entity_ref: alert.entityRef,
      scope: alert.scope ?? OVERALL,
      period_start: alert.periodStart,
      threshold: String(alert.threshold),
      basis: alert.basis,
      spent_micros: alert.spent,
      budget_micros: alert.budget,
      projected_date: alert.projectedDate,
      fired_at: new Date(),
    };
    const inserted = await this.db('ai_cost_budget_alerts')
      .insert(row)
      .onConflict(['entity_ref', 'scope', 'period_start', 'threshold', 'basis'])
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async listAlerts(entityRef: string, periodStart: string) {
    const rows = await this.db<DbBudgetAlertRow>('ai_cost_budget_alerts')
      .where({ entity_ref: entityRef, period_start: periodStart })
      .orderBy([{ column: 'scope' }, { column: 'basis' }, { column: 'id' }]);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      ...(row.scope !== OVERALL ? { scope: row.scope } : {}),
      periodStart: row.period_start,
      threshold: Number(row.threshold),
      basis: row.basis as BudgetAlert['basis'],
      spent: dbNumber(row.spent_micros),
      budget: dbNumber(row.budget_micros),
      projectedDate: row.projected_date,
    }));
  }
}

import type { Knex } from 'knex';
import type { ChargebackStore, ClosedMonth } from './ChargebackStore';
import { dbIso } from './dbHelpers';

type DbChargebackMonthRow = {
  month: string;
  statement: string;
  closed_by: string;
  closed_at: Date | string;
};

const TABLE = 'ai_cost_chargeback_months';

/** The knex implementation of {@link ChargebackStore}. */
export class DatabaseChargebackStore implements ChargebackStore {
  constructor(private readonly db: Knex) {}

  async listClosed(): Promise<ClosedMonth[]> {
    const rows = await this.db<DbChargebackMonthRow>(TABLE).orderBy('month');
    return rows.map(row => ({
      month: row.month,
      statement: JSON.parse(row.statement),
      closedBy: row.closed_by,
      closedAt: dbIso(row.closed_at),
    }));
  }

  async close(closed: ClosedMonth): Promise<boolean> {
    const inserted = await this.db(TABLE)
      .insert({
        month: closed.month,
        statement: JSON.stringify(closed.statement),
        closed_by: closed.closedBy,
        closed_at: new Date(closed.closedAt),
      })
      .onConflict('month')
      .ignore()
      .returning('month');
    return inserted.length > 0;
  }
}

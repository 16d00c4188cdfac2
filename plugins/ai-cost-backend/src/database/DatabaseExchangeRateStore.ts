import type { Knex } from 'knex';
import {
  ExchangeRates,
  type ExchangeRateEntry,
} from '../currency/ExchangeRates';
import { dbIso, insertBatches } from './dbHelpers';
import type { DbExchangeRateRow } from './tables';

const TABLE = 'ai_cost_exchange_rates';

/** A rate to import: currency, day or month, rate. */
export interface ImportedRate {
  currency: string;
  period: string;
  rate: number;
}

/**
 * Exchange rates: configured ones (`aiCost.exchangeRates`, kept in memory)
 * and imported ones (`ai_cost_exchange_rates`). An imported rate beats a
 * configured one for the same currency and day or month.
 */
export class DatabaseExchangeRateStore {
  constructor(
    private readonly db: Knex,
    private readonly configured: readonly ExchangeRateEntry[] = [],
  ) {}

  /** Every imported rate, optionally of some currencies only. */
  async listImported(
    db: Knex = this.db,
    currencies?: string[],
  ): Promise<ExchangeRateEntry[]> {
    const query = db<DbExchangeRateRow>(TABLE).orderBy(['currency', 'period']);
    if (currencies) query.whereIn('currency', currencies);
    const rows: DbExchangeRateRow[] = await query;
    return rows.map(row => ({
      currency: row.currency,
      period: row.period,
      rate: Number(row.rate),
      source: 'import',
      importedBy: row.imported_by,
      importedAt: dbIso(row.imported_at),
    }));
  }

  /** The known rates (configured and imported), read through `db` (a transaction). */
  async rates(
    db: Knex = this.db,
    currencies?: string[],
  ): Promise<ExchangeRates> {
    const configured = currencies
      ? this.configured.filter(entry => currencies.includes(entry.currency))
      : this.configured;
    return new ExchangeRates([
      ...configured,
      ...(await this.listImported(db, currencies)),
    ]);
  }

  /** Stores imported rates in one transaction, replacing earlier imports of the same currency and period. */
  async importRates(rates: ImportedRate[], importedBy: string): Promise<void> {
    const now = new Date();
    const rows: DbExchangeRateRow[] = rates.map(rate => ({
      currency: rate.currency,
      period: rate.period,
      rate: rate.rate,
      source: 'import',
      imported_by: importedBy,
      imported_at: now,
    }));
    await this.db.transaction(async tx => {
      for (const batch of insertBatches(rows)) {
        await tx(TABLE)
          .insert(batch)
          .onConflict(['currency', 'period'])
          .merge(['rate', 'source', 'imported_by', 'imported_at']);
      }
    });
  }
}

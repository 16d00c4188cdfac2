import { InputError } from '@backstage/errors';
import type { DbUsageRow } from '../database/tables';
import { convertMicros } from './convertMicros';
import { missingRateMessage, type ExchangeRates } from './ExchangeRates';

/**
 * A usage row in the reporting currency. A row already in it is returned
 * untouched. Otherwise its cost and estimate are converted once at the
 * row's `exchange_rate` (a rate the bill stated) or else the known rate of
 * its day (a day's rate beats its month's); the original cost and currency
 * are kept, and the rate used is recorded. No rate: an error naming the
 * currency and the day, never a mixed or zero amount.
 */
export function convertUsageRow(
  row: DbUsageRow,
  reportingCurrency: string,
  rates: ExchangeRates,
): DbUsageRow {
  if (row.currency === reportingCurrency) {
    return row.exchange_rate === undefined || row.exchange_rate === null
      ? row
      : { ...row, exchange_rate: null };
  }
  const rate = row.exchange_rate ?? rates.rateFor(row.currency, row.date);
  if (rate === undefined) {
    throw new InputError(missingRateMessage(row.currency, row.date));
  }
  const cost = Number(row.cost_micros);
  const estimate =
    row.estimated_cost_micros === null
      ? null
      : Number(row.estimated_cost_micros);
  return {
    ...row,
    cost_micros: convertMicros(cost, rate),
    estimated_cost_micros:
      estimate === null ? null : convertMicros(estimate, rate),
    currency: reportingCurrency,
    original_cost: cost,
    original_currency: row.currency,
    exchange_rate: rate,
  };
}

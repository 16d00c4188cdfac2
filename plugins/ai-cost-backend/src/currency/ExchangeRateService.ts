import type { CsvRecord } from '../push/csv';
import type { ExchangeRateEntry, ExchangeRates } from './ExchangeRates';
import { isMonth } from './ExchangeRates';
import { parseExchangeRateCsv } from './parseExchangeRateCsv';

/** What the service needs of the store. */
export interface ExchangeRateStoreLike {
  rates(): Promise<ExchangeRates>;
  importRates(
    rates: Array<{ currency: string; period: string; rate: number }>,
    importedBy: string,
  ): Promise<void>;
}

/** A known rate as the API answers it. */
export interface ExchangeRateView {
  currency: string;
  date: string;
  rate: number;
  source: ExchangeRateEntry['source'];
  importedBy?: string;
  importedAt?: string;
}

/**
 * Exchange rates into the reporting currency (DESIGN §9.3): imports of
 * `date,currency,rate` files and the list of what is known. Imported rates
 * beat configured ones for the same currency and day or month.
 */
export class ExchangeRateService {
  constructor(
    private readonly options: {
      store: ExchangeRateStoreLike;
      currency: string;
    },
  ) {}

  /** Imports a file: every line valid, or nothing is stored. */
  async importCsv(request: {
    records: AsyncIterable<CsvRecord>;
    importedBy: string;
  }) {
    const parsed = await parseExchangeRateCsv(
      request.records,
      this.options.currency,
    );
    await this.options.store.importRates(parsed, request.importedBy);
    const periods = parsed.map(rate => rate.period).sort();
    return {
      currency: this.options.currency,
      imported: parsed.length,
      currencies: [...new Set(parsed.map(rate => rate.currency))].sort(),
      from: periods[0],
      to: periods[periods.length - 1],
    };
  }

  /**
   * The known rates of one currency or all, of the days from..to (a month's
   * rate is listed when the month overlaps them).
   */
  async list(query: { currency?: string; from?: string; to?: string }) {
    const known = (await this.options.store.rates()).list();
    const rates: ExchangeRateView[] = known
      .filter(entry => !query.currency || entry.currency === query.currency)
      .filter(entry => overlaps(entry.period, query.from, query.to))
      .map(entry => ({
        currency: entry.currency,
        date: entry.period,
        rate: entry.rate,
        source: entry.source,
        ...(entry.importedBy ? { importedBy: entry.importedBy } : {}),
        ...(entry.importedAt ? { importedAt: entry.importedAt } : {}),
      }));
    return { currency: this.options.currency, rates };
  }
}

/** Whether a day or month overlaps the days from..to (either end open). */
function overlaps(period: string, from?: string, to?: string): boolean {
  const first = isMonth(period) ? `${period}-01` : period;
  const last = isMonth(period) ? `${period}-31` : period;
  return (!from || last >= from) && (!to || first <= to);
}

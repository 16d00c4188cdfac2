/**
 * Exchange rates into the reporting currency (`aiCost.currency`), DESIGN
 * §9.3: a rate is how many units of the reporting currency one unit of the
 * foreign currency buys, for one day (`YYYY-MM-DD`) or a whole month
 * (`YYYY-MM`). A day's rate beats its month's. Pure: no database, no config.
 */

/** Where a known rate comes from. */
export type ExchangeRateSource = 'config' | 'import';

/** One known rate. */
export interface ExchangeRateEntry {
  /** ISO 4217 code, upper case. */
  currency: string;
  /** `YYYY-MM-DD` (that day) or `YYYY-MM` (every day of that month). */
  period: string;
  /** Units of the reporting currency per one unit of `currency`. */
  rate: number;
  source: ExchangeRateSource;
  /** Who imported it (imported rates only). */
  importedBy?: string | null;
  /** When it was imported, ISO 8601 (imported rates only). */
  importedAt?: string | null;
}

const CURRENCY = /^[A-Z]{3}$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The problem with a currency code, undefined when it is an ISO 4217 code. */
export function currencyProblem(currency: string): string | undefined {
  return CURRENCY.test(currency)
    ? undefined
    : `"${currency}" is not an ISO 4217 currency code (three upper-case letters)`;
}

/** The problem with a period, undefined when it is a real `YYYY-MM-DD` day or `YYYY-MM` month. */
export function periodProblem(period: string): string | undefined {
  if (MONTH.test(period)) return undefined;
  if (DAY.test(period)) {
    const date = new Date(`${period}T00:00:00Z`);
    if (date.toISOString().slice(0, 10) === period) return undefined;
  }
  return `"${period}" is not a day (YYYY-MM-DD) or a month (YYYY-MM)`;
}

/** The problem with a rate, undefined when it is a positive finite number. */
export function rateProblem(rate: unknown): string | undefined {
  return typeof rate === 'number' && Number.isFinite(rate) && rate > 0
    ? undefined
    : `${JSON.stringify(rate)} is not a positive finite number`;
}

/** Whether a period is a whole month. */
export function isMonth(period: string): boolean {
  return MONTH.test(period);
}

/**
 * The rates known to the plugin. Imported rates beat configured rates for
 * the same currency and period; then a day's rate beats its month's.
 */
export class ExchangeRates {
  private readonly byKey = new Map<string, ExchangeRateEntry>();

  constructor(entries: Iterable<ExchangeRateEntry> = []) {
    for (const entry of entries) {
      const key = `${entry.currency}\u0000${entry.period}`;
      const known = this.byKey.get(key);
      // An imported rate beats a configured one for the same key.
      if (known?.source === 'import' && entry.source === 'config') continue;
      this.byKey.set(key, entry);
    }
  }

  /** The rate of one unit of `currency` on `day` (`YYYY-MM-DD`): the day's, else its month's. */
  rateFor(currency: string, day: string): number | undefined {
    return this.entryFor(currency, day)?.rate;
  }

  /** The entry {@link rateFor} uses. */
  entryFor(currency: string, day: string): ExchangeRateEntry | undefined {
    return (
      this.byKey.get(`${currency}\u0000${day}`) ??
      this.byKey.get(`${currency}\u0000${day.slice(0, 7)}`)
    );
  }

  /** Every known rate (after precedence), sorted by currency then period. */
  list(): ExchangeRateEntry[] {
    return [...this.byKey.values()].sort(
      (a, b) =>
        a.currency.localeCompare(b.currency) ||
        a.period.localeCompare(b.period),
    );
  }
}

/** The message of a missing rate: names the currency, the day and where rates come from. */
export function missingRateMessage(currency: string, day: string): string {
  return `No exchange rate for ${currency} on ${day} (aiCost.exchangeRates or POST /import/exchange-rates)`;
}

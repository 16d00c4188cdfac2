import type { Config } from '@backstage/config';
import {
  currencyProblem,
  periodProblem,
  rateProblem,
  type ExchangeRateEntry,
} from './ExchangeRates';

const KEY = 'aiCost.exchangeRates';

/**
 * Reads `aiCost.exchangeRates: { EUR: { '2026-11': 1.08, '2026-12-01': 1.07 } }`:
 * units of `aiCost.currency` per one unit of each foreign currency, per
 * month or day. A bad key or value fails start-up naming the key.
 */
export function readExchangeRates(
  config: Config,
  reportingCurrency: string,
): ExchangeRateEntry[] {
  // Read as plain JSON: config keys may not start with a digit, days do.
  const rates = config.getOptional(KEY);
  if (rates === undefined || rates === null) return [];
  if (!isObject(rates)) {
    throw new Error(
      `${KEY} must be an object of currencies, got ${JSON.stringify(rates)}`,
    );
  }
  const entries: ExchangeRateEntry[] = [];
  for (const [currency, periods] of Object.entries(rates)) {
    const problem = currencyProblem(currency);
    if (problem) throw new Error(`${KEY}.${currency}: ${problem}`);
    if (currency === reportingCurrency) {
      throw new Error(
        `${KEY}.${currency}: ${currency} is the reporting currency (aiCost.currency); it needs no rate`,
      );
    }
    if (!isObject(periods)) {
      throw new Error(
        `${KEY}.${currency} must be an object of YYYY-MM or YYYY-MM-DD keys and rates, got ${JSON.stringify(
          periods,
        )}`,
      );
    }
    for (const [period, value] of Object.entries(periods)) {
      const key = `${KEY}.${currency}.${period}`;
      const periodIssue = periodProblem(period);
      if (periodIssue) throw new Error(`${key}: ${periodIssue}`);
      const rateIssue = rateProblem(value);
      if (rateIssue) throw new Error(`${key}: ${rateIssue}`);
      entries.push({
        currency,
        period,
        rate: value as number,
        source: 'config',
      });
    }
  }
  return entries;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

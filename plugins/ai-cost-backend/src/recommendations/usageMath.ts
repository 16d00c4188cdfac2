import {
  addDays,
  daysInclusive,
  microsToNumber,
} from '@ai-cost/plugin-ai-cost-common';
import type { PriceQuery, PricingService } from '@ai-cost/plugin-ai-cost-node';
import type { ModelSeries, UsageDay } from './types';

/** Days of the main evaluation window, ending on `asOf`. */
export const WINDOW_DAYS = 30;
/** A series younger than this is not extrapolated to a month. */
export const MIN_COVERAGE_DAYS = 7;
/** Model findings need traffic in these last days: a model already dropped is not worth advising on. */
export const RECENT_ACTIVITY_DAYS = 7;
/** Price-based findings saving less than this per month are noise: $10. */
export const MIN_MONTHLY_SAVINGS = 10_000_000;

export type Totals = Omit<UsageDay, 'date'>;

export function emptyTotals(): Totals {
  return {
    cost: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 0,
  };
}

export function sumDays(days: UsageDay[]): Totals {
  const totals = emptyTotals();
  for (const day of days) {
    totals.cost += day.cost;
    totals.inputTokens += day.inputTokens;
    totals.cachedInputTokens += day.cachedInputTokens;
    totals.cacheWriteTokens += day.cacheWriteTokens;
    totals.outputTokens += day.outputTokens;
    totals.reasoningTokens += day.reasoningTokens;
    totals.requests += day.requests;
  }
  return totals;
}

/** Every input token of a request: uncached, cache reads and cache writes. */
export function totalInput(t: Totals): number {
  return t.inputTokens + t.cachedInputTokens + t.cacheWriteTokens;
}

export function hasActivity(day: UsageDay): boolean {
  return day.cost !== 0 || day.requests > 0 || day.inputTokens > 0;
}

/** The first and last day of the 30-day window ending on `asOf`. */
export function mainWindow(asOf: string): { from: string; to: string } {
  return { from: addDays(asOf, -(WINDOW_DAYS - 1)), to: asOf };
}

export function daysBetween(days: UsageDay[], from: string, to: string) {
  return days.filter(d => d.date >= from && d.date <= to);
}

/**
 * The series' days of the 30-day window and how many days they cover: from
 * its first active day in the window to `asOf`. Scaling by 30 / coverage
 * turns the window into a month for a series that started inside it.
 */
export function windowOf(
  series: ModelSeries,
  asOf: string,
): { days: UsageDay[]; from: string; to: string; coverageDays: number } {
  const { from, to } = mainWindow(asOf);
  const days = daysBetween(series.days, from, to).filter(hasActivity);
  const first = days[0]?.date ?? to;
  return { days, from, to, coverageDays: daysInclusive(first, to) };
}

/** True when the series had traffic in the last {@link RECENT_ACTIVITY_DAYS} days. */
export function activeRecently(days: UsageDay[], asOf: string): boolean {
  const since = addDays(asOf, -(RECENT_ACTIVITY_DAYS - 1));
  return days.some(d => d.date >= since && hasActivity(d));
}

/** Scales an amount over `days` days to 30 days, rounded to an integer. */
export function perMonth(amount: number, days: number): number {
  return Math.round((amount * WINDOW_DAYS) / days);
}

/** Money for evidence: currency units. */
export function money(micros: number): number {
  return microsToNumber(Math.round(micros));
}

/** A ratio for evidence, rounded to 3 decimals. */
export function ratio(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Tokens (or requests) for evidence, rounded to an integer. */
export function count(value: number): number {
  return Math.round(value);
}

type DayQuery = Omit<PriceQuery, 'provider' | 'model' | 'date'>;

/**
 * Prices one query per day at the prices of that day (prices apply by the
 * date of usage). Undefined when any day cannot be priced: a saving is never
 * computed from a partly unknown price.
 */
export function priceByDay(
  pricing: PricingService,
  provider: string,
  model: string,
  days: Array<{ date: string; query: DayQuery }>,
): number | undefined {
  let total = 0;
  for (const { date, query } of days) {
    const result = pricing.price({ provider, model, date, ...query });
    if (!result.priced) return undefined;
    total += result.cost;
  }
  return total;
}

/** The tokens of one day as a price query. */
export function tokensOf(day: UsageDay): DayQuery {
  return {
    inputTokens: day.inputTokens,
    cachedInputTokens: day.cachedInputTokens,
    cacheWriteTokens: day.cacheWriteTokens,
    outputTokens: day.outputTokens,
    requests: day.requests,
  };
}

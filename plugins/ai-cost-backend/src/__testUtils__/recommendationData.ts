import { addDays, eachDay } from '@ai-cost/plugin-ai-cost-common';
import type {
  PriceQuery,
  PriceResult,
  PricingService,
} from '@ai-cost/plugin-ai-cost-node';
import type { ModelSeries, UsageDay } from '../recommendations/types';

/** Round list prices per million tokens, in currency units. */
export interface FakeModelPrice {
  input: number;
  /** Absent: cache reads cost the input price, as in genai-prices. */
  cacheRead?: number;
  /** Absent: cache writes cost the input price. */
  cacheWrite?: number;
  output: number;
}

/**
 * A pricing service with round prices, so that savings can be worked out by
 * hand: a price per million tokens in currency units is micro-units per
 * token. Models not in the table are unpriced.
 */
export function fakePricing(
  prices: Record<string, FakeModelPrice>,
): PricingService & { queries: PriceQuery[] } {
  const queries: PriceQuery[] = [];
  return {
    queries,
    price(query: PriceQuery): PriceResult {
      queries.push(query);
      const price = prices[`${query.provider}/${query.model}`];
      if (!price) {
        return { priced: false, reason: `no price for ${query.model}` };
      }
      const cost =
        (query.inputTokens ?? 0) * price.input +
        (query.cachedInputTokens ?? 0) * (price.cacheRead ?? price.input) +
        (query.cacheWriteTokens ?? 0) * (price.cacheWrite ?? price.input) +
        (query.outputTokens ?? 0) * price.output;
      return {
        priced: true,
        cost: Math.round(cost),
        currency: 'USD',
        source: 'override',
      };
    },
  };
}

/** $1 in micro-units. */
export const USD = 1_000_000;

/** Usage of one day; every amount defaults to 0. */
export function usageDay(date: string, amounts: Partial<UsageDay>): UsageDay {
  return {
    date,
    cost: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 0,
    ...amounts,
  };
}

/**
 * A daily series of one model ending on `asOf`: `days` days, each with the
 * amounts `perDay` returns for it.
 */
export function modelSeries(options: {
  provider: string;
  model: string;
  asOf: string;
  days: number;
  perDay: (date: string, index: number) => Partial<UsageDay>;
  entityRef?: string;
}): ModelSeries {
  const from = addDays(options.asOf, -(options.days - 1));
  return {
    entityRef: options.entityRef ?? 'component:default/svc',
    provider: options.provider,
    model: options.model,
    days: eachDay(from, options.asOf).map((date, i) =>
      usageDay(date, options.perDay(date, i)),
    ),
  };
}

/** True for Saturdays and Sundays. */
export function isWeekendDay(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

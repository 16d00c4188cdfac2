import { formatMoney } from '@ai-cost/plugin-ai-cost-common';
import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import type { Finding, ModelSeries, RuleContext } from './types';
import {
  MIN_COVERAGE_DAYS,
  MIN_MONTHLY_SAVINGS,
  activeRecently,
  count,
  money,
  perMonth,
  priceByDay,
  ratio,
  sumDays,
  windowOf,
} from './usageMath';

/**
 * Prompt caching: large uncached input per request and few cache reads, on
 * a model whose price data has a cache-read price below the input price.
 */
export const PROMPT_CACHING = {
  /** Average uncached input tokens per request at or above which prompts are "large". */
  minAvgUncachedInputTokens: 2_000,
  /** Cache reads / (cache reads + uncached input) below which caching is "low". */
  maxCacheReadShare: 0.2,
  /** Requests per 30 days: a cache only pays when prefixes repeat within its lifetime. */
  minMonthlyRequests: 1_000,
  /** Assumption: this share of today's uncached input becomes cache reads. */
  assumedCacheReadShare: 0.5,
  /**
   * Assumption: the cached prefix is written once per ten reads of it (the
   * provider's cache lives about five minutes, so a busy prefix is rewritten
   * when it expires); writes are therefore a tenth of the reads, 5% of
   * today's uncached input, priced at the provider's cache-write price
   * (Anthropic 1.25× input; OpenAI has no write surcharge, so the input
   * price).
   */
  assumedCacheWriteShare: 0.05,
  /** Requests per 30 days from which the estimate is medium confidence. */
  mediumConfidenceRequests: 10_000,
};

/** Tokens per probe: 1M over 1,000 requests, so no long-context tier applies. */
const PROBE = { tokens: 1_000_000, requests: 1_000 };

/** Per-million prices of a model on one day, in micro-units; undefined when unpriced. */
export function cachePrices(
  pricing: PricingService,
  provider: string,
  model: string,
  date: string,
) {
  const probe = (query: {
    inputTokens?: number;
    cachedInputTokens?: number;
    cacheWriteTokens?: number;
  }) => {
    const result = pricing.price({
      provider,
      model,
      date,
      requests: PROBE.requests,
      ...query,
    });
    return result.priced ? result.cost : undefined;
  };
  const input = probe({ inputTokens: PROBE.tokens });
  const cacheRead = probe({ cachedInputTokens: PROBE.tokens });
  const cacheWrite = probe({ cacheWriteTokens: PROBE.tokens });
  if (input === undefined || cacheRead === undefined) return undefined;
  return { input, cacheRead, cacheWrite };
}

function howTo(provider: string): string {
  if (provider === 'openai' || provider === 'azure') {
    return 'OpenAI caches identical prompt prefixes of 1,024 tokens or more automatically: put the static part (instructions, examples, documents, tool definitions) first and the per-request part last, byte for byte identical across requests.';
  }
  if (provider === 'anthropic' || provider === 'aws') {
    return 'Mark the static prefix (system prompt, tool definitions, documents) with a cache_control breakpoint and keep it identical across requests.';
  }
  return "Use the provider's context caching for the static part of the prompt and keep it identical across requests.";
}

/**
 * Saving = per day, the input of today priced as it is minus the same input
 * with {@link PROMPT_CACHING} `assumedCacheReadShare` of the uncached tokens
 * moved to cache reads and `assumedCacheWriteShare` to cache writes, at the
 * prices of that day; output is unchanged. Scaled to 30 days.
 */
export function findPromptCaching(
  series: ModelSeries,
  context: RuleContext,
): Finding | undefined {
  const { provider, model } = series;
  const window = windowOf(series, context.asOf);
  if (window.coverageDays < MIN_COVERAGE_DAYS) return undefined;
  if (!activeRecently(window.days, context.asOf)) return undefined;
  const totals = sumDays(window.days);
  if (totals.requests <= 0 || totals.inputTokens <= 0) return undefined;

  const monthlyRequests = perMonth(totals.requests, window.coverageDays);
  const avgUncached = totals.inputTokens / totals.requests;
  const cacheShare =
    totals.cachedInputTokens / (totals.cachedInputTokens + totals.inputTokens);
  if (
    monthlyRequests < PROMPT_CACHING.minMonthlyRequests ||
    avgUncached < PROMPT_CACHING.minAvgUncachedInputTokens ||
    cacheShare >= PROMPT_CACHING.maxCacheReadShare
  ) {
    return undefined;
  }
  const prices = cachePrices(context.pricing, provider, model, context.asOf);
  if (!prices || prices.cacheRead >= prices.input) return undefined;

  const asIs = priceByDay(
    context.pricing,
    provider,
    model,
    window.days.map(day => ({
      date: day.date,
      query: {
        inputTokens: day.inputTokens,
        cachedInputTokens: day.cachedInputTokens,
        cacheWriteTokens: day.cacheWriteTokens,
        requests: day.requests,
      },
    })),
  );
  const cached = priceByDay(
    context.pricing,
    provider,
    model,
    window.days.map(day => {
      const reads = Math.round(
        day.inputTokens * PROMPT_CACHING.assumedCacheReadShare,
      );
      const writes = Math.round(
        day.inputTokens * PROMPT_CACHING.assumedCacheWriteShare,
      );
      return {
        date: day.date,
        query: {
          inputTokens: day.inputTokens - reads - writes,
          cachedInputTokens: day.cachedInputTokens + reads,
          cacheWriteTokens: day.cacheWriteTokens + writes,
          requests: day.requests,
        },
      };
    }),
  );
  if (asIs === undefined || cached === undefined) return undefined;
  const saving = perMonth(asIs - cached, window.coverageDays);
  if (saving < MIN_MONTHLY_SAVINGS) return undefined;

  const fmt = (micros: number) => formatMoney(micros, context.currency);
  return {
    entityRef: series.entityRef,
    rule: 'prompt-caching',
    fingerprint: `${provider}/${model}`,
    title: `Cache the repeated prompt prefix on ${model}`,
    description:
      `Requests to ${provider}/${model} send ${count(
        avgUncached,
      )} uncached input tokens on average and only ${Math.round(
        cacheShare * 100,
      )}% of input is read from the cache. If half of that input were ` +
      `served from the cache, input would cost about ${fmt(
        saving,
      )} less per month. ${howTo(provider)}`,
    evidence: {
      provider,
      model,
      windowFrom: window.from,
      windowTo: window.to,
      coverageDays: window.coverageDays,
      requests: totals.requests,
      requestsPer30Days: monthlyRequests,
      avgUncachedInputTokens: count(avgUncached),
      cacheReadShare: ratio(cacheShare),
      uncachedInputTokens: totals.inputTokens,
      cachedInputTokens: totals.cachedInputTokens,
      cacheWriteTokens: totals.cacheWriteTokens,
      thresholdMinAvgUncachedInputTokens:
        PROMPT_CACHING.minAvgUncachedInputTokens,
      thresholdMaxCacheReadShare: PROMPT_CACHING.maxCacheReadShare,
      inputPricePerMillion: money(prices.input),
      cacheReadPricePerMillion: money(prices.cacheRead),
      ...(prices.cacheWrite === undefined
        ? {}
        : { cacheWritePricePerMillion: money(prices.cacheWrite) }),
      assumedCacheReadShare: PROMPT_CACHING.assumedCacheReadShare,
      assumedCacheWriteShare: PROMPT_CACHING.assumedCacheWriteShare,
      inputCostAsIs: money(asIs),
      inputCostWithCaching: money(cached),
    },
    estimatedMonthlySavings: saving,
    confidence:
      monthlyRequests >= PROMPT_CACHING.mediumConfidenceRequests
        ? 'medium'
        : 'low',
  };
}

import {
  USD,
  fakePricing,
  modelSeries,
} from '../__testUtils__/recommendationData';
import { findPromptCaching } from './promptCaching';

const ASOF = '2026-11-20';
const pricing = fakePricing({
  'anthropic/claude-sonnet-4-5': {
    input: 3,
    cacheRead: 0.3,
    cacheWrite: 3.75,
    output: 15,
  },
  'openai/gpt-4o': { input: 2, cacheRead: 1, output: 8 },
  // No cache-read price: cache reads would cost the input price.
  'openai/gpt-4-turbo': { input: 10, output: 30 },
});
const context = { asOf: ASOF, pricing, currency: 'USD' };

/** 100 requests a day of `uncached` uncached and `cached` cached input tokens. */
function series(
  model: string,
  provider: string,
  amounts: { uncached: number; cached?: number; requests?: number },
) {
  return modelSeries({
    provider,
    model,
    asOf: ASOF,
    days: 30,
    perDay: () => ({
      requests: amounts.requests ?? 100,
      inputTokens: amounts.uncached,
      cachedInputTokens: amounts.cached ?? 0,
      outputTokens: 10_000,
      cost: 1_000_000,
    }),
  });
}

describe('findPromptCaching', () => {
  it('prices half the uncached input as cache reads and a tenth of that as writes', () => {
    const finding = findPromptCaching(
      series('claude-sonnet-4-5', 'anthropic', { uncached: 500_000 }),
      context,
    );
    // Per day: 500,000 uncached tokens (5,000 per request) at $3/M = $1.50.
    // With caching: 250,000 reads × $0.30/M = $0.075, 25,000 writes ×
    // $3.75/M = $0.09375, 225,000 uncached × $3/M = $0.675: $0.84375.
    // Saving $0.65625 a day × 30 days = $19.6875.
    expect(finding).toMatchObject({
      rule: 'prompt-caching',
      fingerprint: 'anthropic/claude-sonnet-4-5',
      estimatedMonthlySavings: 19.6875 * USD,
      // 3,000 requests a month: below the 10,000 of medium confidence.
      confidence: 'low',
      evidence: {
        avgUncachedInputTokens: 5_000,
        cacheReadShare: 0,
        inputPricePerMillion: 3,
        cacheReadPricePerMillion: 0.3,
        cacheWritePricePerMillion: 3.75,
        assumedCacheReadShare: 0.5,
        assumedCacheWriteShare: 0.05,
        inputCostAsIs: 45,
        inputCostWithCaching: 25.3125,
      },
    });
    expect(finding!.description).toContain('cache_control');
  });

  it('uses the provider price of cache writes: OpenAI has no surcharge', () => {
    const finding = findPromptCaching(
      series('gpt-4o', 'openai', { uncached: 1_000_000, requests: 400 }),
      context,
    );
    // Per day: 1,000,000 × $2/M = $2. With caching: 500,000 reads × $1/M =
    // $0.50, 50,000 writes at the input price $2/M = $0.10, 450,000 × $2/M =
    // $0.90: $1.50. Saving $0.50 a day × 30 = $15.
    expect(finding).toMatchObject({
      estimatedMonthlySavings: 15 * USD,
      confidence: 'medium',
      evidence: { cacheReadShare: 0, avgUncachedInputTokens: 2_500 },
    });
    expect(finding!.description).toContain('automatically');
  });

  it('leaves small prompts, cached traffic and models without a cache price alone', () => {
    // 1,500 uncached tokens per request is below 2,000.
    expect(
      findPromptCaching(
        series('claude-sonnet-4-5', 'anthropic', { uncached: 150_000 }),
        context,
      ),
    ).toBeUndefined();
    // 170,000 / (170,000 + 500,000) = 25% already read from the cache.
    expect(
      findPromptCaching(
        series('claude-sonnet-4-5', 'anthropic', {
          uncached: 500_000,
          cached: 170_000,
        }),
        context,
      ),
    ).toBeUndefined();
    // gpt-4-turbo has no cache-read price.
    expect(
      findPromptCaching(
        series('gpt-4-turbo', 'openai', { uncached: 500_000 }),
        context,
      ),
    ).toBeUndefined();
    // 30 requests a day, 900 a month: too few for a cache to be hit.
    expect(
      findPromptCaching(
        series('claude-sonnet-4-5', 'anthropic', {
          uncached: 150_000,
          requests: 30,
        }),
        context,
      ),
    ).toBeUndefined();
  });
});

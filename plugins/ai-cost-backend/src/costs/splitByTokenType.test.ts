import type { PriceQuery, PricingService } from '@ai-cost/plugin-ai-cost-node';
import { splitByTokenType } from './splitByTokenType';

/** $1 / $0.10 / $1.25 / $4 per million tokens for `m`, unknown otherwise. */
const pricing: PricingService = {
  price(query: PriceQuery) {
    if (query.model !== 'm') return { priced: false, reason: 'unknown model' };
    const cost =
      (query.inputTokens ?? 0) * 1 +
      (query.cachedInputTokens ?? 0) * 0.1 +
      (query.cacheWriteTokens ?? 0) * 1.25 +
      (query.outputTokens ?? 0) * 4;
    return { priced: true, cost, currency: 'USD', source: 'override' };
  },
};

describe('splitByTokenType', () => {
  it('splits each model by list-price weight and keeps unpriced cost apart', () => {
    const result = splitByTokenType(
      [
        {
          provider: 'openai',
          model: 'm',
          cost: 10_000_001,
          inputTokens: 1_000,
          cachedInputTokens: 10_000,
          cacheWriteTokens: 0,
          outputTokens: 500,
        },
        {
          provider: 'openai',
          model: 'mystery',
          cost: 700,
          inputTokens: 5,
          cachedInputTokens: 0,
          cacheWriteTokens: 0,
          outputTokens: 5,
        },
      ],
      pricing,
      '2026-11-02',
    );
    // Weights 1000 : 1000 : 0 : 2000 of 4000.
    expect(result).toEqual({
      items: [
        { tokenType: 'input', tokens: 1_005, cost: 2_500_000 },
        { tokenType: 'cachedInput', tokens: 10_000, cost: 2_500_000 },
        { tokenType: 'cacheWrite', tokens: 0, cost: 0 },
        { tokenType: 'output', tokens: 505, cost: 5_000_001 },
      ],
      unexplainedCost: 700,
    });
  });
});

import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import { byModel, isUnpriced, type ModelRow } from './breakdowns';

/** Knows openai/gpt-4o-mini only. */
const pricing: PricingService = {
  price: query =>
    query.provider === 'openai' && query.model === 'gpt-4o-mini'
      ? { priced: true, cost: 750_000, currency: 'USD', source: 'override' }
      : { priced: false, reason: `no price known for ${query.model}` },
};

function row(partial: Partial<ModelRow>): ModelRow {
  return {
    provider: 'openai',
    modelProvider: '',
    model: 'gpt-4o-mini',
    cost: 0,
    estimatedOnly: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 0,
    ...partial,
  };
}

describe('isUnpriced', () => {
  it('is usage at cost 0 of a model no price is known for', () => {
    expect(
      isUnpriced(
        row({ provider: 'gateway', model: 'acme-llm', requests: 3 }),
        pricing,
        '2026-11-30',
      ),
    ).toBe(true);
    expect(
      isUnpriced(
        row({ model: 'acme-llm', outputTokens: 10 }),
        pricing,
        '2026-11-30',
      ),
    ).toBe(true);
  });

  it('is not a known model that cost nothing, spend with a cost, or no usage', () => {
    // A free tier or a credit: the model has a price.
    expect(isUnpriced(row({ requests: 3 }), pricing, '2026-11-30')).toBe(false);
    // Priced through the model's provider, not the gateway it came through.
    expect(
      isUnpriced(
        row({ provider: 'gateway', modelProvider: 'openai', requests: 3 }),
        pricing,
        '2026-11-30',
      ),
    ).toBe(false);
    expect(
      isUnpriced(
        row({ model: 'acme-llm', cost: 5, requests: 3 }),
        pricing,
        '2026-11-30',
      ),
    ).toBe(false);
    expect(isUnpriced(row({ model: 'acme-llm' }), pricing, '2026-11-30')).toBe(
      false,
    );
    // A provider fee explains no model.
    expect(
      isUnpriced(row({ model: '', requests: 1 }), pricing, '2026-11-30'),
    ).toBe(false);
  });
});

describe('byModel', () => {
  it("reports the model's provider and the source it came through", () => {
    expect(
      byModel(
        [
          row({
            provider: 'gateway',
            modelProvider: 'openai',
            cost: 1_500_000,
            requests: 2,
          }),
        ],
        pricing,
        '2026-11-30',
      ),
    ).toEqual([
      {
        provider: 'openai',
        source: 'gateway',
        model: 'gpt-4o-mini',
        unpriced: false,
        cost: 1.5,
        estimatedCost: 0,
        inputTokens: 0,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 0,
        requests: 2,
      },
    ]);
  });
});

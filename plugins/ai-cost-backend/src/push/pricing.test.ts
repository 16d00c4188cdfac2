import { GenaiPricesPricingService } from '../pricing/GenaiPricesPricingService';
import type { NormalizedPushEvent } from './events';
import { pricePushEvent } from './pricing';
import { pricingProviderOf, splitModelPrefix } from './providers';

const pricing = new GenaiPricesPricingService();

function event(overrides: Partial<NormalizedPushEvent>): NormalizedPushEvent {
  return {
    eventId: 'e',
    contentHash: 'h',
    format: 'otel',
    occurredAt: '2026-11-01T10:00:00.000Z',
    date: '2026-11-01',
    upstreamProvider: 'openai',
    model: 'gpt-4o',
    apiKeyId: null,
    userId: null,
    tags: null,
    inputTokens: 1000,
    cachedInputTokens: 200,
    cacheWriteTokens: 0,
    outputTokens: 300,
    reasoningTokens: 0,
    requests: 1,
    givenCost: null,
    ...overrides,
  };
}

describe('pricePushEvent', () => {
  it('estimates an event without a cost at list prices ($2.50 / $1.25 / $10 per MTok for gpt-4o)', () => {
    // 1000 × 2.5 + 200 × 1.25 + 300 × 10 micro-dollars
    expect(pricePushEvent(event({}), pricing, 'USD')).toMatchObject({
      cost: 5750,
      costKind: 'estimated',
      estimatedCost: 5750,
      unpriced: false,
      currency: 'USD',
    });
  });

  it('keeps a cost given in another currency in it, without the list-price estimate of another currency', () => {
    expect(
      pricePushEvent(
        event({
          givenCost: 1_234_567,
          givenCurrency: { code: 'EUR', field: 'cost.currency' },
        }),
        pricing,
        'USD',
      ),
    ).toMatchObject({
      cost: 1_234_567,
      currency: 'EUR',
      costKind: 'billed',
      estimatedCost: null,
      unpriced: false,
    });
    // In the reporting currency, the estimate stays for reconciliation.
    expect(
      pricePushEvent(
        event({
          givenCost: 6000,
          givenCurrency: { code: 'USD', field: 'cost.currency' },
        }),
        pricing,
        'USD',
      ),
    ).toMatchObject({ cost: 6000, currency: 'USD', estimatedCost: 5750 });
  });

  it('prices with the upstream provider: Bedrock ids under aws', () => {
    const priced = pricePushEvent(
      event({
        upstreamProvider: 'aws.bedrock',
        model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
        inputTokens: 1000,
        cachedInputTokens: 0,
        outputTokens: 100,
      }),
      pricing,
      'USD',
    );
    expect(priced.unpriced).toBe(false);
    expect(priced.cost).toBeGreaterThan(0);
  });

  it('flags an unknown model as unpriced, never as free', () => {
    expect(
      pricePushEvent(event({ model: 'in-house-llm-7b' }), pricing, 'USD'),
    ).toMatchObject({
      cost: 0,
      costKind: 'estimated',
      estimatedCost: null,
      unpriced: true,
    });
    expect(
      pricePushEvent(event({ upstreamProvider: null }), pricing, 'USD'),
    ).toMatchObject({ unpriced: true, estimatedCost: null });
  });

  it('keeps a given cost as billed with the estimate beside it', () => {
    expect(
      pricePushEvent(event({ givenCost: 6000 }), pricing, 'USD'),
    ).toMatchObject({
      cost: 6000,
      costKind: 'billed',
      estimatedCost: 5750,
      unpriced: false,
    });
    expect(
      pricePushEvent(
        event({ givenCost: 6000, model: 'in-house-llm-7b' }),
        pricing,
        'USD',
      ),
    ).toMatchObject({ cost: 6000, costKind: 'billed', estimatedCost: null });
  });

  it('does not use a USD estimate for another reporting currency', () => {
    expect(pricePushEvent(event({}), pricing, 'EUR')).toMatchObject({
      unpriced: true,
      cost: 0,
    });
  });
});

describe('provider names', () => {
  it('maps gateway provider names to pricing kinds', () => {
    expect(pricingProviderOf('aws.bedrock')).toBe('aws');
    expect(pricingProviderOf('azure.ai.openai')).toBe('azure');
    expect(pricingProviderOf('gcp.vertex_ai')).toBe('gcp');
    expect(pricingProviderOf('vertex_ai')).toBe('gcp');
    expect(pricingProviderOf('OpenAI')).toBe('openai');
    expect(pricingProviderOf('mistral_ai')).toBe('mistral');
    expect(pricingProviderOf('in-house')).toBe('in-house');
  });

  it('splits known provider prefixes off model ids only', () => {
    expect(splitModelPrefix('openai/gpt-4o')).toEqual({
      model: 'gpt-4o',
      provider: 'openai',
    });
    expect(splitModelPrefix('meta-llama/Llama-3-8b')).toEqual({
      model: 'meta-llama/Llama-3-8b',
    });
    expect(splitModelPrefix('gpt-4o')).toEqual({ model: 'gpt-4o' });
  });
});

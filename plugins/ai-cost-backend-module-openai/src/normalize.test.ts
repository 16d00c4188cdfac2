import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import {
  combineUsageAndCosts,
  splitWeights,
  usageRowFromCompletions,
  usageRowFromEmbeddings,
  type UsageRow,
} from './normalize';
import { fakePricing } from './__testUtils__/fakeOpenAi';

const base = { output_tokens: 10, num_model_requests: 1, model: 'gpt-4o' };

describe('usageRowFromCompletions', () => {
  it('prefers input_uncached_tokens when OpenAI sends it', () => {
    const result = usageRowFromCompletions('2024-11-01', {
      ...base,
      input_tokens: 5000,
      input_cached_tokens: 1800,
      input_cache_write_tokens: 200,
      input_uncached_tokens: 2900,
    });
    expect(result).toMatchObject({
      inputTokens: 2900,
      cachedInputTokens: 1800,
      cacheWriteTokens: 200,
      outputTokens: 10,
      requests: 1,
    });
  });

  it('subtracts cache reads and cache writes from input_tokens otherwise', () => {
    const result = usageRowFromCompletions('2024-11-01', {
      ...base,
      input_tokens: 5000,
      input_cached_tokens: 1800,
      input_cache_write_tokens: 200,
    });
    expect(result.inputTokens).toBe(3000);
    expect(result.cacheWriteTokens).toBe(200);
  });

  it('handles responses with the 2024 fields only', () => {
    const result = usageRowFromCompletions('2024-11-01', {
      ...base,
      input_tokens: 1000,
      input_cached_tokens: 200,
    });
    expect(result).toMatchObject({
      inputTokens: 800,
      cachedInputTokens: 200,
      cacheWriteTokens: 0,
    });
    expect(
      usageRowFromCompletions('2024-11-01', { ...base, input_tokens: 70 })
        .inputTokens,
    ).toBe(70);
  });

  it('never yields negative tokens from inconsistent counts', () => {
    const result = usageRowFromCompletions('2024-11-01', {
      ...base,
      input_tokens: 100,
      input_cached_tokens: 150,
    });
    expect(result.inputTokens).toBe(0);
  });
});

describe('usageRowFromEmbeddings', () => {
  it('has input tokens only', () => {
    expect(
      usageRowFromEmbeddings('2024-11-01', {
        model: 'text-embedding-3-small',
        input_tokens: 20,
        num_model_requests: 2,
        project_id: 'proj_abc',
      }),
    ).toEqual({
      date: '2024-11-01',
      projectId: 'proj_abc',
      apiKeyId: null,
      model: 'text-embedding-3-small',
      serviceTier: null,
      inputTokens: 20,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      requests: 2,
    });
  });
});

function row(
  model: string | null,
  inputTokens: number,
  extra: Partial<UsageRow> = {},
): UsageRow {
  return {
    date: '2024-11-01',
    projectId: 'p',
    apiKeyId: 'k',
    model,
    serviceTier: null,
    inputTokens,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    requests: 1,
    ...extra,
  };
}

describe('splitWeights', () => {
  it('uses estimates, imputes unpriced rows at the average rate, falls back to tokens', () => {
    expect(splitWeights([row('a', 10), row('b', 30)], [40, 60])).toEqual([
      40, 60,
    ]);
    // priced: 100 micro-units for 50 tokens → 2 per token; unpriced 25 tokens → 50
    expect(splitWeights([row('a', 50), row('x', 25)], [100, null])).toEqual([
      100, 50,
    ]);
    expect(splitWeights([row('x', 3), row('y', 1)], [null, null])).toEqual([
      3, 1,
    ]);
    // zero estimates (free models) also fall back to tokens
    expect(splitWeights([row('a', 3), row('b', 1)], [0, 0])).toEqual([3, 1]);
  });
});

describe('combineUsageAndCosts', () => {
  it('merges rows that share a natural key instead of emitting duplicates', () => {
    const { records } = combineUsageAndCosts({
      usage: [
        row('gpt-4o', 100, { serviceTier: 'default', requests: 2 }),
        row('gpt-4o', 50, { serviceTier: 'flex', outputTokens: 5 }),
      ],
      costs: [
        {
          date: '2024-11-01',
          projectId: 'p',
          apiKeyId: 'k',
          lineItem: 'a',
          cost: 700,
          currency: 'USD',
        },
        {
          date: '2024-11-01',
          projectId: 'p',
          apiKeyId: 'k',
          lineItem: 'a',
          cost: 300,
          currency: 'USD',
        },
      ],
      currency: 'USD',
      pricing: fakePricing(),
    });
    expect(records).toEqual([
      expect.objectContaining({
        model: 'gpt-4o',
        serviceTier: null,
        inputTokens: 150,
        outputTokens: 5,
        requests: 3,
        cost: 1000,
        estimatedCost: 150 * 2 + 5 * 8,
        costKind: 'billed',
      }),
    ]);
  });

  it('splits a credit (negative billed total) exactly too', () => {
    const { records } = combineUsageAndCosts({
      usage: [row('gpt-4o', 10), row('gpt-4o-mini', 10)],
      costs: [
        {
          date: '2024-11-01',
          projectId: 'p',
          apiKeyId: 'k',
          lineItem: 'credit',
          cost: -1001,
          currency: 'USD',
        },
      ],
      currency: 'USD',
      pricing: fakePricing(),
    });
    // estimates 20 and 10 → -667.33 / -333.67
    expect(records.map(r => [r.model, r.cost])).toEqual([
      ['gpt-4o', -667],
      ['gpt-4o-mini', -334],
    ]);
  });

  it('keeps the billed currency of a group, splits it exactly and states no estimate in another currency', () => {
    const line = (lineItem: string, cost: number, projectId = 'p') => ({
      date: '2024-11-01',
      projectId,
      apiKeyId: 'k',
      lineItem,
      cost,
      currency: 'EUR',
    });
    const { records } = combineUsageAndCosts({
      usage: [row('gpt-4o', 10), row('gpt-4o-mini', 10)],
      costs: [line('a', 600), line('b', 401), line('storage', 250, 'q')],
      currency: 'USD',
      pricing: fakePricing(),
    });
    // 1001 EUR micro-units split 2:1 by the USD estimates (20 and 10): 667.33 / 333.67.
    expect(
      records.map(r => [
        r.projectId,
        r.model,
        r.cost,
        r.currency,
        r.costKind,
        r.estimatedCost,
      ]),
    ).toEqual([
      ['p', 'gpt-4o', 667, 'EUR', 'billed', undefined],
      ['p', 'gpt-4o-mini', 334, 'EUR', 'billed', undefined],
      ['q', null, 250, 'EUR', 'billed', null],
    ]);
    expect(records[0]).not.toHaveProperty('estimatedCost');
  });

  it('refuses to add cost lines of one group in two currencies', () => {
    const line = (cost: number, currency: string) => ({
      date: '2024-11-01',
      projectId: 'p',
      apiKeyId: 'k',
      lineItem: 'a',
      cost,
      currency,
    });
    expect(() =>
      combineUsageAndCosts({
        usage: [row('gpt-4o', 10)],
        costs: [line(1, 'USD'), line(2, 'EUR')],
        currency: 'USD',
        pricing: fakePricing(),
      }),
    ).toThrow(
      'OpenAI /organization/costs: the costs on 2024-11-01 of project p, API key k are in EUR and USD; amounts in different currencies are not added',
    );
  });

  it('treats a price in another currency, a throwing pricer and a missing model as unpriced', () => {
    const pricing: PricingService = {
      price: q => {
        if (q.model === 'boom') throw new Error('kaput');
        return { priced: true, cost: 5, currency: 'EUR', source: 'override' };
      },
    };
    const { records, unpriced } = combineUsageAndCosts({
      usage: [row('eur-model', 1), row('boom', 1), row(null, 1)],
      costs: [],
      currency: 'USD',
      pricing,
    });
    expect(
      records.map(r => [
        r.model,
        r.cost,
        r.estimatedCost,
        r.unpriced,
        r.costKind,
      ]),
    ).toEqual([
      [null, 0, null, true, 'estimated'],
      ['boom', 0, null, true, 'estimated'],
      ['eur-model', 0, null, true, 'estimated'],
    ]);
    expect([...unpriced]).toEqual([
      ['eur-model', 'price is in EUR, not USD'],
      ['boom', 'pricing failed: kaput'],
      ['(none)', 'usage reported without a model'],
    ]);
  });
});

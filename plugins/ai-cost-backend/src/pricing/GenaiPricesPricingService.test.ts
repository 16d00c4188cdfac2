import { mockServices } from '@backstage/backend-test-utils';
import { GenaiPricesPricingService } from './GenaiPricesPricingService';

describe('GenaiPricesPricingService', () => {
  const pricing = new GenaiPricesPricingService();

  it('prices OpenAI usage with uncached, cached and output tokens', () => {
    // gpt-4o: $2.50 input, $1.25 cached input, $10 output per million tokens.
    expect(
      pricing.price({
        provider: 'openai',
        model: 'gpt-4o',
        date: '2026-10-01',
        inputTokens: 500_000,
        cachedInputTokens: 500_000,
        outputTokens: 1_000_000,
      }),
    ).toEqual({
      priced: true,
      cost: 11_875_000,
      currency: 'USD',
      source: 'genai-prices',
    });
  });

  it('prices a daily aggregate at the base tier, not the long-context tier', () => {
    // claude-sonnet-4-5: $3 input / $15 output below 200k input tokens per request.
    // 10M input + 1M output over 1000 requests = 30 + 15 = $45.
    expect(
      pricing.price({
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        date: '2026-10-01',
        inputTokens: 10_000_000,
        outputTokens: 1_000_000,
        requests: 1000,
      }),
    ).toEqual(expect.objectContaining({ priced: true, cost: 45_000_000 }));
    // Without a request count the usage is priced in chunks of 100k input tokens.
    expect(
      pricing.price({
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        date: '2026-10-01',
        inputTokens: 10_000_000,
        outputTokens: 1_000_000,
      }),
    ).toEqual(expect.objectContaining({ priced: true, cost: 45_000_000 }));
  });

  it('applies the price in force on the day of usage', () => {
    const o3 = (date: string) =>
      pricing.price({
        provider: 'openai',
        model: 'o3',
        date,
        inputTokens: 1_000_000,
      });
    expect(o3('2025-05-01')).toEqual(
      expect.objectContaining({ cost: 10_000_000 }),
    );
    expect(o3('2025-07-01')).toEqual(
      expect.objectContaining({ cost: 2_000_000 }),
    );
  });

  it('reports unknown models as unpriced instead of free', () => {
    expect(
      pricing.price({
        provider: 'openai',
        model: 'gpt-imaginary-9',
        date: '2026-10-01',
        inputTokens: 10,
      }),
    ).toEqual({
      priced: false,
      reason: 'no price known for openai model "gpt-imaginary-9"',
    });
    expect(
      pricing.price({
        provider: 'acme',
        model: 'x',
        date: '2026-10-01',
        inputTokens: 10,
      }),
    ).toEqual({ priced: false, reason: 'no price data for provider "acme"' });
  });

  it('prices zero usage at zero for any model', () => {
    expect(
      pricing.price({
        provider: 'openai',
        model: 'gpt-imaginary-9',
        date: '2026-10-01',
      }),
    ).toEqual(expect.objectContaining({ priced: true, cost: 0 }));
  });

  it('uses configured overrides for negotiated rates', () => {
    const overridden = GenaiPricesPricingService.fromConfig(
      mockServices.rootConfig({
        data: {
          aiCost: {
            pricing: {
              overrides: [
                {
                  provider: 'openai',
                  model: 'gpt-4o',
                  inputPerMillion: 2,
                  cachedInputPerMillion: 0.5,
                  outputPerMillion: 8,
                },
              ],
            },
          },
        },
      }),
    );
    // 1,234,567 × 2 + 100,000 × 0.5 + 3 × 8 micro-dollars = 2,519,158
    expect(
      overridden.price({
        provider: 'openai',
        model: 'gpt-4o',
        date: '2026-10-01',
        inputTokens: 1_234_567,
        cachedInputTokens: 100_000,
        outputTokens: 3,
      }),
    ).toEqual({
      priced: true,
      cost: 2_519_158,
      currency: 'USD',
      source: 'override',
    });
  });

  it("prices Anthropic's 1-hour cache writes at 2× input and 5-minute writes at 1.25×", () => {
    // claude-sonnet-4: $3 input, $0.30 cache read, $3.75 5-minute write,
    // $6 1-hour write, $15 output per million tokens (µ$ per token).
    // 1,500 × 3 + 200 × 0.3 + 500 × 3.75 + 1,000 × 6 + 500 × 15
    // = 4,500 + 60 + 1,875 + 6,000 + 7,500 = 19,935 µ$
    const query = {
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      date: '2025-08-01',
      inputTokens: 1_500,
      cachedInputTokens: 200,
      cacheWriteTokens: 1_500,
      cacheWrite1hTokens: 1_000,
      outputTokens: 500,
    };
    expect(pricing.price(query)).toEqual({
      priced: true,
      cost: 19_935,
      currency: 'USD',
      source: 'genai-prices',
    });
    // All 1,500 writes at 5 minutes: 1,500 × 3.75 = 5,625 instead of 7,875.
    expect(pricing.price({ ...query, cacheWrite1hTokens: 0 })).toEqual(
      expect.objectContaining({ cost: 17_685 }),
    );
    expect(pricing.price({ ...query, cacheWrite1hTokens: 1_501 })).toEqual({
      priced: false,
      reason:
        'cacheWrite1hTokens 1501 exceeds cacheWriteTokens 1500, which counts every cache write',
    });
  });

  it('prices 1-hour cache writes at the override rate, else the cache write rate', () => {
    const overridden = (cacheWrite1hPerMillion?: number) =>
      GenaiPricesPricingService.fromConfig(
        mockServices.rootConfig({
          data: {
            aiCost: {
              pricing: {
                overrides: [
                  {
                    provider: 'anthropic',
                    model: 'claude-sonnet-4',
                    inputPerMillion: 2,
                    cacheWritePerMillion: 2.5,
                    ...(cacheWrite1hPerMillion === undefined
                      ? {}
                      : { cacheWrite1hPerMillion }),
                  },
                ],
              },
            },
          },
        }),
      );
    const query = {
      provider: 'anthropic',
      model: 'claude-sonnet-4',
      date: '2026-10-01',
      cacheWriteTokens: 1_000,
      cacheWrite1hTokens: 400,
    };
    // 600 × 2.5 + 400 × 4 = 1,500 + 1,600 = 3,100 µ$
    expect(overridden(4).price(query)).toEqual(
      expect.objectContaining({ cost: 3_100, source: 'override' }),
    );
    // 1,000 × 2.5 = 2,500 µ$
    expect(overridden().price(query)).toEqual(
      expect.objectContaining({ cost: 2_500, source: 'override' }),
    );
  });

  it('rejects a negative override rate naming the key', () => {
    expect(() =>
      GenaiPricesPricingService.fromConfig(
        mockServices.rootConfig({
          data: {
            aiCost: {
              pricing: {
                overrides: [
                  { provider: 'openai', model: 'gpt-4o', inputPerMillion: -1 },
                ],
              },
            },
          },
        }),
      ),
    ).toThrow(
      'aiCost.pricing.overrides[0].inputPerMillion must be a non-negative number',
    );
  });
});

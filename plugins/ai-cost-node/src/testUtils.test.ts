import { startTestBackend } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import type { AiCostProvider } from './AiCostProvider';
import { aiCostProvidersExtensionPoint } from './extensions';
import {
  createPerTokenPricingService,
  createProviderCollectorPlugin,
  createRefusingPricingService,
} from './testUtils';

describe('createPerTokenPricingService', () => {
  const pricing = createPerTokenPricingService('openai', {
    'gpt-4o': { input: 2, cached: 1, cacheWrite: 3, output: 8 },
  });

  it('prices per token and records every query', () => {
    const query = {
      provider: 'openai',
      model: 'gpt-4o',
      date: '2024-11-01',
      inputTokens: 1000,
      cachedInputTokens: 100,
      cacheWriteTokens: 10,
      outputTokens: 1,
    };
    // 1000×2 + 100×1 + 10×3 + 1×8
    expect(pricing.price(query)).toEqual({
      priced: true,
      cost: 2138,
      currency: 'USD',
      source: 'override',
    });
    expect(pricing.queries).toContainEqual(query);
  });

  it('leaves other models and other providers unpriced', () => {
    const day = '2024-11-01';
    expect(
      pricing.price({ provider: 'openai', model: 'o3', date: day }),
    ).toEqual({ priced: false, reason: 'unknown model o3' });
    expect(
      pricing.price({ provider: 'anthropic', model: 'gpt-4o', date: day }),
    ).toEqual({ priced: false, reason: 'unknown model gpt-4o' });
  });
});

describe('createRefusingPricingService', () => {
  it('throws on any call', () => {
    expect(() =>
      createRefusingPricingService().price({
        provider: 'aws',
        model: 'claude',
        date: '2025-01-01',
      }),
    ).toThrow('unexpected pricing call for claude');
  });
});

describe('createProviderCollectorPlugin', () => {
  it('collects what modules add, lists flattened', async () => {
    const provider = (id: string): AiCostProvider => ({
      id,
      provider: 'test',
      fetchUsage: async () => [],
    });
    const collected: AiCostProvider[] = [];
    const backend = await startTestBackend({
      features: [
        createProviderCollectorPlugin(collected),
        createBackendModule({
          pluginId: 'ai-cost',
          moduleId: 'test',
          register(reg) {
            reg.registerInit({
              deps: { providers: aiCostProvidersExtensionPoint },
              async init({ providers }) {
                providers.addProvider(provider('a'), [
                  provider('b'),
                  provider('c'),
                ]);
              },
            });
          },
        }),
      ],
    });
    expect(collected.map(p => p.id)).toEqual(['a', 'b', 'c']);
    await backend.stop();
  });
});

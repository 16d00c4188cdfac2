import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { AiCostProvider } from '@ai-cost/plugin-ai-cost-node';
import {
  createProviderCollectorPlugin,
  createRefusingPricingService,
} from '@ai-cost/plugin-ai-cost-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AnthropicCostProvider } from './AnthropicCostProvider';
import { aiCostModuleAnthropic } from './module';

describe('aiCostModuleAnthropic', () => {
  it('registers a provider that calls the configured baseUrl with the configured key and currency', async () => {
    const server = setupServer(
      http.get(
        'http://anthropic.config.test/v1/organizations/usage_report/messages',
        () => HttpResponse.json({ data: [], has_more: false, next_page: null }),
      ),
      http.get(
        'http://anthropic.config.test/v1/organizations/cost_report',
        () =>
          HttpResponse.json({
            data: [
              {
                starting_at: '2025-08-01T00:00:00Z',
                ending_at: '2025-08-02T00:00:00Z',
                results: [
                  {
                    amount: '250',
                    currency: 'EUR',
                    workspace_id: null,
                    description: 'Web search',
                    cost_type: 'web_search',
                  },
                ],
              },
            ],
            has_more: false,
            next_page: null,
          }),
      ),
    );
    const keys: Array<string | null> = [];
    server.events.on('request:start', ({ request }) => {
      keys.push(request.headers.get('x-api-key'));
    });
    server.listen({ onUnhandledRequest: 'error' });
    const added: AiCostProvider[] = [];
    const backend = await startTestBackend({
      features: [
        createProviderCollectorPlugin(added),
        aiCostModuleAnthropic,
        mockServices.rootConfig.factory({
          data: {
            aiCost: {
              currency: 'EUR',
              providers: {
                anthropic: [
                  {
                    id: 'anthropic-eu',
                    adminKey: 'sk-ant-admin01-configured',
                    baseUrl: 'http://anthropic.config.test',
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    try {
      const records = await added[0].fetchUsage(
        { from: '2025-08-01', to: '2025-08-01' },
        {
          pricing: createRefusingPricingService(),
          logger: mockServices.logger.mock(),
          signal: new AbortController().signal,
        },
      );
      // Both reports were read at the configured baseUrl with the configured
      // key, and the EUR cost row was accepted because aiCost.currency is EUR:
      // 250 cents = €2.50 = 2,500,000 µ€.
      expect(keys).toEqual([
        'sk-ant-admin01-configured',
        'sk-ant-admin01-configured',
      ]);
      expect(
        records.map(r => [r.lineItem, r.cost, r.currency, r.projectId]),
      ).toEqual([['Web search', 2_500_000, 'EUR', 'default']]);
    } finally {
      await backend.stop();
      server.close();
    }
  });

  it('registers one provider per configured source', async () => {
    const added: AiCostProvider[] = [];
    const backend = await startTestBackend({
      features: [
        createProviderCollectorPlugin(added),
        aiCostModuleAnthropic,
        mockServices.rootConfig.factory({
          data: {
            aiCost: {
              providers: {
                anthropic: [
                  { id: 'anthropic-prod', adminKey: 'sk-ant-admin01-a' },
                  {
                    id: 'anthropic-lab',
                    adminKey: 'sk-ant-admin01-b',
                    baseUrl: 'http://localhost:9999',
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    try {
      expect(added.map(p => [p.id, p.provider])).toEqual([
        ['anthropic-prod', 'anthropic'],
        ['anthropic-lab', 'anthropic'],
      ]);
      expect(added.every(p => p instanceof AnthropicCostProvider)).toBe(true);
    } finally {
      await backend.stop();
    }
  });

  it('adds nothing without Anthropic config', async () => {
    const added: AiCostProvider[] = [];
    const backend = await startTestBackend({
      features: [
        createProviderCollectorPlugin(added),
        aiCostModuleAnthropic,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    await backend.stop();
    expect(added).toEqual([]);
  });

  it('fails startup with a message naming the bad key', async () => {
    await expect(
      startTestBackend({
        features: [
          createProviderCollectorPlugin([]),
          aiCostModuleAnthropic,
          mockServices.rootConfig.factory({
            data: {
              aiCost: {
                providers: {
                  anthropic: [
                    { id: 'anthropic-prod', adminKey: 'sk-ant-admin01-a' },
                    { id: 'anthropic-prod', adminKey: 'sk-ant-admin01-b' },
                  ],
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'aiCost.providers.anthropic[1].id "anthropic-prod" duplicates aiCost.providers.anthropic[0].id; source ids must be unique',
    );
  });
});

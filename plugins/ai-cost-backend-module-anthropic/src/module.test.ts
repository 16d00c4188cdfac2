import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { AiCostProvider } from '@ai-cost/plugin-ai-cost-node';
import { createProviderCollectorPlugin } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { AnthropicCostProvider } from './AnthropicCostProvider';
import { aiCostModuleAnthropic } from './module';
import defaultExport from './index';

describe('aiCostModuleAnthropic', () => {
  it('is the default export', () => {
    expect(defaultExport).toBe(aiCostModuleAnthropic);
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

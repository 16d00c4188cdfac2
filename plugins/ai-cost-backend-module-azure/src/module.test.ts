import type { AiCostProvider } from '@ai-cost/plugin-ai-cost-node';
import { createProviderCollectorPlugin } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AzureCostProvider } from './AzureCostProvider';
import { readAzureSourceConfigs } from './config';
import aiCostModuleAzure from './index';
import { CLIENT_SECRET, SCOPE } from './__testUtils__/fakeCostManagement';

const TENANT = '11111111-1111-1111-1111-111111111111';
const CLIENT = '22222222-2222-2222-2222-222222222222';

async function startWith(data: object) {
  const collected: AiCostProvider[] = [];
  const backend = await startTestBackend({
    features: [
      createProviderCollectorPlugin(collected),
      aiCostModuleAzure,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return { collected, backend };
}

describe('aiCostModuleAzure', () => {
  it('registers one provider per configured source', async () => {
    const { collected, backend } = await startWith({
      aiCost: {
        providers: {
          azure: [
            { id: 'azure-main', scope: SCOPE },
            {
              id: 'azure-mg',
              scope: '/providers/Microsoft.Management/managementGroups/ai',
              tenantId: TENANT,
              clientId: CLIENT,
              clientSecret: CLIENT_SECRET,
              tagKeys: ['team'],
            },
          ],
        },
      },
    });
    expect(collected.map(p => [p.id, p.provider])).toEqual([
      ['azure-main', 'azure'],
      ['azure-mg', 'azure'],
    ]);
    expect(collected.every(p => p instanceof AzureCostProvider)).toBe(true);
    // Nothing about the source leaks its secret.
    expect(JSON.stringify(collected)).not.toContain('canary');
    await backend.stop();
  });

  it('registers nothing without Azure sources', async () => {
    const { collected, backend } = await startWith({ aiCost: {} });
    expect(collected).toEqual([]);
    await backend.stop();
  });

  it('fails startup with a message naming the bad key', async () => {
    await expect(
      startWith({ aiCost: { providers: { azure: [{ id: 'azure' }] } } }),
    ).rejects.toThrow('aiCost.providers.azure[0].scope is required');
  });

  it('fails startup on an invalid aiCost.classification pattern, naming it', async () => {
    await expect(
      startWith({
        aiCost: {
          classification: { acceleratorPatterns: ['NC[', 'gpu'] },
          providers: {
            azure: [{ id: 'azure', scope: SCOPE, gpuCompute: true }],
          },
        },
      }),
    ).rejects.toThrow(
      'aiCost.classification.acceleratorPatterns[0]: "NC[" is not a valid regular expression',
    );
  });
});

describe('readAzureSourceConfigs', () => {
  const read = (azure: unknown) =>
    readAzureSourceConfigs(
      new ConfigReader({ aiCost: { providers: { azure } } } as any),
    );

  it('reads every setting, client credentials together', () => {
    expect(
      read([
        {
          id: 'azure-main',
          scope: SCOPE,
          tenantId: TENANT,
          clientId: CLIENT,
          clientSecret: CLIENT_SECRET,
          costType: 'AmortizedCost',
          costColumn: 'PreTaxCost',
          meterCategories: ['Cognitive Services'],
          tagKeys: ['team', 'cost center'],
          tokensPerUsageUnit: 1000,
          gpuCompute: true,
          apiVersion: '2023-03-01',
          baseUrl: 'http://localhost:9999',
        },
        {
          id: 'azure-billing',
          scope:
            '/providers/Microsoft.Billing/billingAccounts/1234:5678_2019-05-31/billingProfiles/ABCD-EFGH',
        },
      ]),
    ).toEqual([
      {
        id: 'azure-main',
        scope: SCOPE,
        clientCredentials: {
          tenantId: TENANT,
          clientId: CLIENT,
          clientSecret: CLIENT_SECRET,
        },
        costType: 'AmortizedCost',
        costColumn: 'PreTaxCost',
        meterCategories: ['Cognitive Services'],
        tagKeys: ['team', 'cost center'],
        tokensPerUsageUnit: 1000,
        gpuCompute: true,
        apiVersion: '2023-03-01',
        baseUrl: 'http://localhost:9999',
      },
      {
        id: 'azure-billing',
        scope:
          '/providers/Microsoft.Billing/billingAccounts/1234:5678_2019-05-31/billingProfiles/ABCD-EFGH',
      },
    ]);
  });

  it.each([
    [[{ id: 'a' }], 'aiCost.providers.azure[0].scope is required'],
    [
      [{ id: 'a', scope: '/subscriptions/not-a-guid' }],
      'aiCost.providers.azure[0].scope must be a Cost Management scope such as /subscriptions/<subscription id>, /subscriptions/<id>/resourceGroups/<name>, /providers/Microsoft.Management/managementGroups/<id> or /providers/Microsoft.Billing/billingAccounts/<id>, got "/subscriptions/not-a-guid"',
    ],
    [
      [{ id: 'a', scope: `${SCOPE}/../../providers/x?y=1` }],
      `aiCost.providers.azure[0].scope must be a Cost Management scope such as /subscriptions/<subscription id>, /subscriptions/<id>/resourceGroups/<name>, /providers/Microsoft.Management/managementGroups/<id> or /providers/Microsoft.Billing/billingAccounts/<id>, got "${SCOPE}/../../providers/x?y=1"`,
    ],
    [
      [{ id: 'a', scope: SCOPE, clientSecret: CLIENT_SECRET }],
      'aiCost.providers.azure[0].tenantId is required when clientSecret is set: tenantId, clientId and clientSecret go together (or leave all three out for DefaultAzureCredential)',
    ],
    [
      [{ id: 'a', scope: SCOPE, tenantId: TENANT, clientId: CLIENT }],
      'aiCost.providers.azure[0].clientSecret is required when tenantId and clientId are set: tenantId, clientId and clientSecret go together (or leave all three out for DefaultAzureCredential)',
    ],
    [
      [
        {
          id: 'a',
          scope: SCOPE,
          tenantId: TENANT,
          clientId: CLIENT,
          clientSecret: ` ${CLIENT_SECRET}`,
        },
      ],
      'aiCost.providers.azure[0].clientSecret must be a string without surrounding whitespace',
    ],
    [
      [{ id: 'a', scope: SCOPE, costType: 'Usage' }],
      'aiCost.providers.azure[0].costType must be one of "ActualCost", "AmortizedCost", got "Usage"',
    ],
    [
      [{ id: 'a', scope: SCOPE, gpuCompute: 1 }],
      'aiCost.providers.azure[0].gpuCompute must be true or false, got 1',
    ],
    [
      [{ id: 'a', scope: SCOPE, tagKeys: ['team', 'a/b'] }],
      'aiCost.providers.azure[0].tagKeys[1] must be an item of tag keys (no <, >, %, &, \\, ? or /), got "a/b"',
    ],
  ])('rejects %j', (azure, message) => {
    let error: Error | undefined;
    try {
      read(azure);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(message);
    expect(error?.message).not.toContain('canary');
  });
});

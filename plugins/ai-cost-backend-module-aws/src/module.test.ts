import type { AiCostProvider } from '@ai-cost/plugin-ai-cost-node';
import {
  createProviderCollectorPlugin,
  createRefusingPricingService,
} from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import { AwsCostProvider } from './AwsCostProvider';
import { readAwsSourceConfigs } from './config';
import aiCostModuleAws from './index';
import {
  day,
  EC2_COMPUTE,
  FakeCostExplorer,
  instanceGroup,
} from './__testUtils__/fakeCostExplorer';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function startWith(data: object) {
  const collected: AiCostProvider[] = [];
  const backend = await startTestBackend({
    features: [
      createProviderCollectorPlugin(collected),
      aiCostModuleAws,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return { collected, backend };
}

describe('aiCostModuleAws', () => {
  it('registers one provider per configured source', async () => {
    const { collected, backend } = await startWith({
      aws: { mainAccount: {} },
      aiCost: {
        providers: {
          aws: [
            { id: 'aws-main', region: 'us-east-1' },
            {
              id: 'aws-payer',
              region: 'us-east-1',
              accountId: '123456789012',
              tagKey: 'team',
              metric: 'AmortizedCost',
            },
          ],
        },
      },
    });
    expect(collected.map(p => [p.id, p.provider])).toEqual([
      ['aws-main', 'aws'],
      ['aws-payer', 'aws'],
    ]);
    expect(collected.every(p => p instanceof AwsCostProvider)).toBe(true);
    await backend.stop();
  });

  it('registers nothing without AWS sources', async () => {
    const { collected, backend } = await startWith({ aiCost: {} });
    expect(collected).toEqual([]);
    await backend.stop();
  });

  it('fails startup with a message naming the bad key', async () => {
    await expect(
      startWith({
        aiCost: {
          providers: {
            aws: [{ id: 'aws-main', region: 'us-east-1' }, { id: 'aws-2' }],
          },
        },
      }),
    ).rejects.toThrow('aiCost.providers.aws[1].region is required');
  });

  it('tells GPU instances apart by the acceleratorPatterns of aiCost.classification', async () => {
    const api = new FakeCostExplorer(server, 'http://localhost:4566/');
    api.costs({
      [EC2_COMPUTE]: [
        [
          day('2025-01-01', [
            instanceGroup('p4d.24xlarge', '111111111111', '32.7726'),
            instanceGroup('vt1.3xlarge', '111111111111', '0.65'),
            instanceGroup('m5.large', '111111111111', '0.096'),
          ]),
        ],
      ],
    });
    const { collected, backend } = await startWith({
      aws: {
        mainAccount: {
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          secretAccessKey: 'test-secret-access-key',
        },
      },
      aiCost: {
        classification: { acceleratorPatterns: ['^vt1\\.'] },
        providers: {
          aws: [
            {
              id: 'aws-gpu',
              region: 'us-east-1',
              services: [],
              gpuCompute: true,
              baseUrl: 'http://localhost:4566',
            },
          ],
        },
      },
    });
    const records = await collected[0].fetchUsage(
      { from: '2025-01-01', to: '2025-01-01' },
      {
        logger: mockServices.logger.mock(),
        pricing: createRefusingPricingService(),
      },
    );
    expect(records.map(r => [r.lineItem, r.category, r.cost])).toEqual([
      ['p4d.24xlarge', 'self-hosted', 32_772_600],
      ['vt1.3xlarge', 'self-hosted', 650_000],
    ]);
    await backend.stop();
  });

  it('fails startup on an invalid aiCost.classification pattern, naming it', async () => {
    await expect(
      startWith({
        aws: { mainAccount: {} },
        aiCost: {
          classification: { acceleratorPatterns: ['p4d(.'] },
          providers: {
            aws: [{ id: 'aws-main', region: 'us-east-1', gpuCompute: true }],
          },
        },
      }),
    ).rejects.toThrow(
      'aiCost.classification.acceleratorPatterns[0]: "p4d(." is not a valid regular expression',
    );
  });
});

describe('readAwsSourceConfigs', () => {
  const read = (aws: unknown) =>
    readAwsSourceConfigs(
      new ConfigReader({ aiCost: { providers: { aws } } } as any),
    );

  it('reads every setting', () => {
    expect(
      read([
        {
          id: 'aws-main',
          region: 'us-east-1',
          accountId: '123456789012',
          metric: 'NetUnblendedCost',
          tagKey: 'user:team',
          services: ['Amazon Bedrock'],
          tokensPerUsageUnit: 1,
          gpuCompute: true,
          baseUrl: 'http://localhost:4566',
        },
        { id: 'aws-cn', region: 'cn-northwest-1' },
      ]),
    ).toEqual([
      {
        id: 'aws-main',
        region: 'us-east-1',
        accountId: '123456789012',
        metric: 'NetUnblendedCost',
        tagKey: 'user:team',
        services: ['Amazon Bedrock'],
        tokensPerUsageUnit: 1,
        gpuCompute: true,
        baseUrl: 'http://localhost:4566',
      },
      { id: 'aws-cn', region: 'cn-northwest-1' },
    ]);
  });

  it.each([
    [[{ id: 'a' }], 'aiCost.providers.aws[0].region is required'],
    [
      [{ id: 'a', region: 'US-EAST-1' }],
      'aiCost.providers.aws[0].region must be the region of the Cost Explorer endpoint, such as us-east-1 (cn-northwest-1 in China), got "US-EAST-1"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', accountId: 12345 }],
      'aiCost.providers.aws[0].accountId must be a 12-digit AWS account id, got 12345',
    ],
    [
      [{ id: 'a', region: 'us-east-1', metric: 'UsageQuantity' }],
      'aiCost.providers.aws[0].metric must be one of "UnblendedCost", "AmortizedCost", "NetUnblendedCost", "NetAmortizedCost", "BlendedCost", got "UsageQuantity"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', tagKey: 'team$x' }],
      'aiCost.providers.aws[0].tagKey must be a cost allocation tag key such as team, got "team$x"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', gpuCompute: 'yes' }],
      'aiCost.providers.aws[0].gpuCompute must be true or false, got "yes"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', roleArn: 'arn:aws:iam::1:role/x' }],
      'aiCost.providers.aws[0].roleArn is not a known setting; known settings are id, region, accountId, metric, tagKey, services, tokensPerUsageUnit, gpuCompute and baseUrl',
    ],
    [
      [
        { id: 'a', region: 'us-east-1' },
        { id: 'a', region: 'us-east-1' },
      ],
      'aiCost.providers.aws[1].id "a" is already used by aiCost.providers.aws[0]; source ids must be unique',
    ],
  ])('rejects %j', (aws, message) => {
    expect(() => read(aws)).toThrow(new Error(message));
  });
});

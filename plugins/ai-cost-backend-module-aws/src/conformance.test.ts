import { mockServices } from '@backstage/backend-test-utils';
import {
  createRefusingPricingService,
  readProviderExampleJson,
} from '@ai-cost/plugin-ai-cost-node/testUtils';
import { setupServer } from 'msw/node';
import { AwsCostProvider } from './AwsCostProvider';
import type { AwsCostMetric } from './AwsCostProvider';
import {
  FakeCostExplorer,
  fakeCredentialsManager,
} from './__testUtils__/fakeCostExplorer';

/**
 * The GetCostAndUsage output of the AWS CLI's own example (S3 grouped by
 * SERVICE and the Environment tag, September 2017), served verbatim except
 * for its TimePeriod: the example is MONTHLY, this module asks for DAILY, so
 * the period is shifted to the one day of the window.
 */
const EXAMPLE = 'aws/example-response.GetCostAndUsage.awscli-example.json';
const S3 = 'Amazon Simple Storage Service';
const WINDOW = { from: '2017-09-01', to: '2017-09-01' };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function oneDay(example: any) {
  return {
    ...example,
    ResultsByTime: example.ResultsByTime.map((result: any) => ({
      ...result,
      TimePeriod: { Start: '2017-09-01', End: '2017-09-02' },
    })),
  };
}

async function fetchExample(example: unknown, metric?: AwsCostMetric) {
  const api = new FakeCostExplorer(server).on('GetCostAndUsage', () => example);
  const provider = new AwsCostProvider({
    id: 'aws-main',
    region: 'us-east-1',
    credentialsManager: fakeCredentialsManager(),
    services: [S3],
    tagKey: 'Environment',
    metric,
  });
  const records = await provider.fetchUsage(WINDOW, {
    logger: mockServices.logger.mock(),
    pricing: createRefusingPricingService(),
  });
  return { api, records };
}

const base = {
  date: '2017-09-01',
  accountId: null,
  region: null,
  serviceTier: null,
  model: null,
  // The example's first key stands where this module's USAGE_TYPE key is.
  lineItem: S3,
  inputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  currency: 'USD',
  costKind: 'billed',
};

describe('AWS conformance with the published GetCostAndUsage example', () => {
  it('stores UnblendedCost per Environment tag value, untagged spend without tags', async () => {
    const { api, records } = await fetchExample(
      oneDay(readProviderExampleJson(EXAMPLE)),
    );
    // "Environment$" (untagged): UnblendedCost 40.3543773134 USD
    //   = 40,354,377.3134 µ$ → 40,354,377.
    // "Environment$Dev": 0.2682364644 USD = 268,236.4644 µ$ → 268,236.
    // UsageQuantity is ignored: S3 usage is no token usage type.
    // Records come sorted by natural key (tags before none).
    expect(records).toEqual([
      { ...base, tags: { Environment: 'Dev' }, cost: 268_236 },
      { ...base, tags: null, cost: 40_354_377 },
    ]);
    expect(api.requests('GetCostAndUsage').map(r => r.body)).toEqual([
      {
        TimePeriod: { Start: '2017-09-01', End: '2017-09-02' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost', 'UsageQuantity'],
        Filter: { Dimensions: { Key: 'SERVICE', Values: [S3] } },
        GroupBy: [
          { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
          { Type: 'TAG', Key: 'Environment' },
        ],
      },
    ]);
  });

  it('reads the configured metric: BlendedCost', async () => {
    const { records } = await fetchExample(
      oneDay(readProviderExampleJson(EXAMPLE)),
      'BlendedCost',
    );
    // 40.3527508453 USD → 40,352,750.8453 µ$ → 40,352,751;
    // 0.2682364644 USD → 268,236.
    expect(records.map(r => [r.tags, r.cost])).toEqual([
      [{ Environment: 'Dev' }, 268_236],
      [null, 40_352_751],
    ]);
  });

  it('refuses the unshifted MONTHLY example instead of booking a month on one day', async () => {
    await expect(
      fetchExample(readProviderExampleJson(EXAMPLE)),
    ).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: unexpected response: ResultsByTime.0.TimePeriod 2017-09-01..2017-10-01 is not one day; DAILY granularity was requested',
    );
  });
});

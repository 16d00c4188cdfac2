import {
  readClassificationRules,
  type UsageRecord,
} from '@ai-cost/plugin-ai-cost-node';
import { createRefusingPricingService } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  AwsCostProvider,
  type AwsCostProviderOptions,
} from './AwsCostProvider';
import {
  ACCESS_KEY_ID,
  awsError,
  BEDROCK,
  day,
  EC2_COMPUTE,
  FakeCostExplorer,
  fakeCredentialsManager,
  group,
  HAIKU,
  instanceGroup,
  SAGEMAKER,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  SONNET,
} from './__testUtils__/fakeCostExplorer';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const WINDOW = { from: '2025-01-01', to: '2025-01-02' };
const D1 = '2025-01-01';
const D2 = '2025-01-02';
const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';

function setup(options: Partial<AwsCostProviderOptions> = {}) {
  const api = new FakeCostExplorer(server);
  const sleep = jest.fn(async (_ms: number) => {});
  const credentialsManager = fakeCredentialsManager();
  const provider = new AwsCostProvider({
    id: 'aws-test',
    region: 'us-east-1',
    credentialsManager,
    retry: { sleep, maxRetries: 3 },
    ...options,
  });
  const logger = mockServices.logger.mock();
  const run = () =>
    provider.fetchUsage(WINDOW, {
      logger,
      pricing: createRefusingPricingService(),
    });
  return { api, sleep, provider, logger, run, credentialsManager };
}

/** The record for (date, account, tags, usage type), which must exist exactly once. */
function find(
  records: UsageRecord[],
  date: string,
  lineItem: string,
  accountId: string | null = null,
): UsageRecord {
  const matches = records.filter(
    r =>
      r.date === date &&
      r.lineItem === lineItem &&
      (r.accountId ?? null) === accountId,
  );
  expect(matches).toHaveLength(1);
  return matches[0];
}

/**
 * Two days of Bedrock spend: first-party Amazon Bedrock on two pages (one
 * day estimated), and two Marketplace "(Amazon Bedrock Edition)" models.
 */
function serveMainScenario(api: FakeCostExplorer) {
  api.services([
    HAIKU,
    BEDROCK,
    SONNET,
    // A search hit without "Bedrock" in its name is not read.
    'Amazon Elastic Compute Cloud - Compute',
  ]);
  api.costs({
    [BEDROCK]: [
      [
        day(D1, [
          group(
            'USE1-NovaPro-input-tokens',
            ACCOUNT_A,
            '0.0800000000',
            '100.0',
          ),
          group('USE1-NovaPro-output-tokens', ACCOUNT_A, '0.32', '100'),
          group(
            'USE1-NovaPro-cache-read-input-token-count',
            ACCOUNT_A,
            '0.0000200000',
            '1.0',
          ),
          group(
            'USE1-Claude4.6Sonnet-input-tokens',
            ACCOUNT_B,
            '0.0690000000',
            '23.0',
          ),
        ]),
      ],
      [
        day(
          D2,
          [
            group(
              'USE1-Claude4.6Sonnet-output-tokens',
              ACCOUNT_B,
              '0.2140500000',
              '14.27',
            ),
            group(
              'USW2-Claude4.6Sonnet-cache-write-input-token-count',
              ACCOUNT_B,
              '0.00000375',
              '0.001',
            ),
            group(
              'USE1-ProvisionedThroughput-ModelUnits',
              ACCOUNT_A,
              '1.5',
              '1',
            ),
            // Nothing used, nothing billed: no record.
            group('USE1-NovaPro-input-tokens', ACCOUNT_A, '0', '0'),
          ],
          true,
        ),
      ],
    ],
    [HAIKU]: [
      [
        day(D1, [
          group(
            'USE1-MP:USE1_InputTokenCount-Units',
            ACCOUNT_A,
            '0.0025',
            '10',
          ),
          group(
            'USE1-MP:USE1_OutputTokenCount-Units',
            ACCOUNT_A,
            '0.00625',
            '5',
          ),
        ]),
        day(D2, [
          group(
            'USE1-MP:USE1_CacheReadInputTokenCount-Units',
            ACCOUNT_B,
            '0.00003',
            '1',
          ),
        ]),
      ],
    ],
    [SONNET]: [
      [
        day(D1, [
          group(
            'USW2-MP:USW2_output_tokens_standard-Units',
            ACCOUNT_A,
            '1.234567891',
            '82.30452607',
          ),
        ]),
        day(D2, []),
      ],
    ],
  });
}

describe('AwsCostProvider', () => {
  it('discovers the Bedrock services, then asks Cost Explorer for each one by day, usage type and linked account', async () => {
    const { api, run, credentialsManager } = setup({
      accountId: '999999999999',
    });
    serveMainScenario(api);
    await run();

    expect(credentialsManager.calls).toEqual([{ accountId: '999999999999' }]);
    expect(api.seen.map(s => s.target)).toEqual([
      'GetDimensionValues',
      'GetCostAndUsage',
      'GetCostAndUsage',
      'GetCostAndUsage',
      'GetCostAndUsage',
    ]);
    expect(api.seen[0].body).toEqual({
      TimePeriod: { Start: '2025-01-01', End: '2025-01-03' },
      Dimension: 'SERVICE',
      Context: 'COST_AND_USAGE',
      SearchString: 'Bedrock',
    });
    const base = {
      // End is exclusive: the window's last day is included.
      TimePeriod: { Start: '2025-01-01', End: '2025-01-03' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      ],
    };
    const filter = (service: string) => ({
      Dimensions: { Key: 'SERVICE', Values: [service] },
    });
    expect(api.requests('GetCostAndUsage').map(r => r.body)).toEqual([
      { ...base, Filter: filter(BEDROCK) },
      // The second page repeats the request with the token, nothing else.
      { ...base, Filter: filter(BEDROCK), NextPageToken: `${BEDROCK}#1` },
      { ...base, Filter: filter(HAIKU) },
      { ...base, Filter: filter(SONNET) },
    ]);
    // Signed with SigV4 by the official SDK, with the session token.
    for (const request of api.seen) {
      expect(request.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/\\d{8}/us-east-1/ce/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$`,
        ),
      );
      expect(request.securityToken).toBe(SESSION_TOKEN);
    }
  });

  it('turns every group into a billed record and reconciles to the micro-unit', async () => {
    const { api, run } = setup();
    serveMainScenario(api);
    const records = await run();

    expect(find(records, D1, 'USE1-NovaPro-input-tokens', ACCOUNT_A)).toEqual({
      date: D1,
      accountId: ACCOUNT_A,
      tags: null,
      region: 'us-east-1',
      serviceTier: null,
      model: 'NovaPro',
      lineItem: 'USE1-NovaPro-input-tokens',
      inputTokens: 100_000,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      cost: 80_000,
      currency: 'USD',
      costKind: 'billed',
    });
    // Hand calculation, record by record (dollars → micro-units, half away from zero;
    // UsageQuantity in thousands of tokens):
    const expected: Array<
      [string, string, string, string | null, number, Partial<UsageRecord>]
    > = [
      [
        D1,
        'USE1-NovaPro-input-tokens',
        ACCOUNT_A,
        'NovaPro',
        80_000,
        { inputTokens: 100_000 },
      ],
      [
        D1,
        'USE1-NovaPro-output-tokens',
        ACCOUNT_A,
        'NovaPro',
        320_000,
        { outputTokens: 100_000 },
      ],
      [
        D1,
        'USE1-NovaPro-cache-read-input-token-count',
        ACCOUNT_A,
        'NovaPro',
        20,
        { cachedInputTokens: 1_000 },
      ],
      [
        D1,
        'USE1-Claude4.6Sonnet-input-tokens',
        ACCOUNT_B,
        'Claude4.6Sonnet',
        69_000,
        { inputTokens: 23_000 },
      ],
      [
        D2,
        'USE1-Claude4.6Sonnet-output-tokens',
        ACCOUNT_B,
        'Claude4.6Sonnet',
        214_050,
        { outputTokens: 14_270 },
      ],
      // $0.00000375 = 3.75 µ$ → 4; 0.001 × 1000 = 1 token
      [
        D2,
        'USW2-Claude4.6Sonnet-cache-write-input-token-count',
        ACCOUNT_B,
        'Claude4.6Sonnet',
        4,
        { cacheWriteTokens: 1, region: 'us-west-2' },
      ],
      // Not a token usage type: cost only, no model.
      [
        D2,
        'USE1-ProvisionedThroughput-ModelUnits',
        ACCOUNT_A,
        null,
        1_500_000,
        { inputTokens: 0, outputTokens: 0 },
      ],
      // Marketplace: the model is the service name.
      [
        D1,
        'USE1-MP:USE1_InputTokenCount-Units',
        ACCOUNT_A,
        'Claude 3 Haiku',
        2_500,
        { inputTokens: 10_000 },
      ],
      [
        D1,
        'USE1-MP:USE1_OutputTokenCount-Units',
        ACCOUNT_A,
        'Claude 3 Haiku',
        6_250,
        { outputTokens: 5_000 },
      ],
      [
        D2,
        'USE1-MP:USE1_CacheReadInputTokenCount-Units',
        ACCOUNT_B,
        'Claude 3 Haiku',
        30,
        { cachedInputTokens: 1_000 },
      ],
      // $1.234567891 → 1234567.891 µ$ → 1234568; 82.30452607 × 1000 → 82304.52607 → 82305 tokens
      [
        D1,
        'USW2-MP:USW2_output_tokens_standard-Units',
        ACCOUNT_A,
        'Claude 3.5 Sonnet',
        1_234_568,
        { outputTokens: 82_305, serviceTier: 'standard', region: 'us-west-2' },
      ],
    ];
    for (const [date, lineItem, account, model, cost, fields] of expected) {
      expect(find(records, date, lineItem, account)).toMatchObject({
        model,
        cost,
        costKind: 'billed',
        currency: 'USD',
        ...fields,
      });
    }
    expect(records).toHaveLength(expected.length);
    // 80000 + 320000 + 20 + 69000 + 214050 + 4 + 1500000 + 2500 + 6250 + 30 + 1234568
    const total = records.reduce((sum, r) => sum + r.cost, 0);
    expect(total).toBe(3_426_422);
    expect(records.every(r => Number.isSafeInteger(r.cost))).toBe(true);
  });

  it('keeps estimated days (they are re-read on later runs) and says so at debug level', async () => {
    const { api, run, logger } = setup();
    serveMainScenario(api);
    const records = await run();
    expect(records.filter(r => r.date === D2)).toHaveLength(4);
    expect(logger.debug).toHaveBeenCalledWith(
      'AWS source "aws-test": 1 day(s) still estimated by Cost Explorer: 2025-01-02',
    );
  });

  it('groups by a cost allocation tag instead of linked account when configured', async () => {
    const { api, run } = setup({ tagKey: 'team', services: [BEDROCK] });
    api.costs({
      [BEDROCK]: [
        [
          day(D1, [
            group('USE1-NovaLite-input-tokens', 'team$platform', '0.5', '1'),
            group('USE1-NovaLite-input-tokens', 'team$', '0.25', '1'),
            group('USE1-NovaLite-input-tokens', 'team$a$b', '0.125', '1'),
          ]),
        ],
      ],
    });
    const records = await run();
    expect(api.requests('GetDimensionValues')).toHaveLength(0);
    expect(api.requests('GetCostAndUsage')[0].body.GroupBy).toEqual([
      { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      { Type: 'TAG', Key: 'team' },
    ]);
    expect(
      records.map(r => [r.tags, r.accountId, r.cost, r.inputTokens]),
    ).toEqual([
      [{ team: 'a$b' }, null, 125_000, 1000],
      [{ team: 'platform' }, null, 500_000, 1000],
      // Untagged spend has no tags (unallocated until someone claims it).
      [null, null, 250_000, 1000],
    ]);
  });

  it('uses the configured cost metric and token scale', async () => {
    const { api, run } = setup({
      metric: 'AmortizedCost',
      tokensPerUsageUnit: 1,
      services: [BEDROCK],
    });
    api.costs({
      [BEDROCK]: [
        [
          day(D1, [
            group(
              'USE1-NovaLite-output-tokens',
              ACCOUNT_A,
              '2.000001',
              '1234',
              'AmortizedCost',
            ),
          ]),
        ],
      ],
    });
    const records = await run();
    expect(api.requests('GetCostAndUsage')[0].body.Metrics).toEqual([
      'AmortizedCost',
      'UsageQuantity',
    ]);
    expect(records).toMatchObject([{ cost: 2_000_001, outputTokens: 1234 }]);
  });

  it('sums groups that meet on the same natural key', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    api.costs({
      [BEDROCK]: [
        [day(D1, [group('USE1-NovaLite-input-tokens', ACCOUNT_A, '0.1', '1')])],
        [day(D1, [group('USE1-NovaLite-input-tokens', ACCOUNT_A, '0.2', '2')])],
      ],
    });
    const records = await run();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ cost: 300_000, inputTokens: 3000 });
  });

  it('reads nothing more when no Bedrock service has costs', async () => {
    const { api, run } = setup();
    api.services([]);
    await expect(run()).resolves.toEqual([]);
    expect(api.requests('GetCostAndUsage')).toHaveLength(0);
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    const { api, run, sleep } = setup({ services: [BEDROCK] });
    let calls = 0;
    api.on('GetCostAndUsage', () =>
      ++calls === 1
        ? awsError(429, 'ThrottlingException', 'Rate exceeded', {
            'retry-after': '3',
          })
        : {
            ResultsByTime: [
              day(D1, [
                group('USE1-NovaLite-input-tokens', ACCOUNT_A, '1', '1'),
              ]),
            ],
          },
    );
    const records = await run();
    expect(sleep.mock.calls.map(c => c[0])).toEqual([3000]);
    expect(calls).toBe(2);
    expect(records).toMatchObject([{ cost: 1_000_000 }]);
  });

  it('backs off on LimitExceededException (400) and on a 5xx, then succeeds', async () => {
    const { api, run, sleep } = setup({ services: [BEDROCK] });
    let calls = 0;
    api.on('GetCostAndUsage', () => {
      calls++;
      if (calls === 1)
        return awsError(400, 'LimitExceededException', 'Rate exceeded');
      if (calls === 2)
        return awsError(503, 'ServiceUnavailableException', 'try later');
      return {
        ResultsByTime: [
          day(D1, [group('USE1-NovaLite-input-tokens', ACCOUNT_A, '0.5', '1')]),
        ],
      };
    });
    const records = await run();
    expect(sleep.mock.calls.map(c => c[0])).toEqual([1000, 2000]);
    expect(records).toMatchObject([{ cost: 500_000 }]);
  });

  it('fails with the operation, status and attempts when every attempt fails', async () => {
    const { api, run, sleep } = setup({ services: [BEDROCK] });
    api.on('GetCostAndUsage', () =>
      awsError(500, 'InternalServerException', 'Internal error'),
    );
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage answered 500 after 4 attempts: InternalServerException: Internal error',
    );
    expect(sleep).toHaveBeenCalledTimes(3);
    expect(api.requests('GetCostAndUsage')).toHaveLength(4);
  });

  it('does not retry a client error and never puts credentials in the message', async () => {
    const { api, run, sleep } = setup({ services: [BEDROCK] });
    api.on('GetCostAndUsage', () =>
      awsError(
        403,
        'UnrecognizedClientException',
        `The security token ${SESSION_TOKEN} signed with ${SECRET_ACCESS_KEY} is invalid`,
      ),
    );
    const error = await run().catch((e: Error) => e);
    expect((error as Error).message).toBe(
      'AWS Cost Explorer GetCostAndUsage answered 403: UnrecognizedClientException: The security token [redacted] signed with [redacted] is invalid',
    );
    expect((error as Error).message).not.toContain('canary');
    expect(sleep).not.toHaveBeenCalled();
  });

  it('names the field of a malformed response', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [
        day(D1, [
          group('USE1-NovaLite-input-tokens', ACCOUNT_A, '1', '1'),
          {
            Keys: ['USE1-NovaLite-output-tokens', ACCOUNT_A],
            Metrics: { UnblendedCost: { Unit: 'USD' } },
          },
        ]),
      ],
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: unexpected response: ResultsByTime.0.Groups.1.Metrics.UnblendedCost.Amount: Required',
    );
  });

  it('names the field of an amount that is not a decimal', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [
        day(D1, [group('USE1-NovaLite-input-tokens', ACCOUNT_A, '1,5', '1')]),
      ],
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: unexpected response: ResultsByTime.0.Groups.0.Metrics.UnblendedCost.Amount: Invalid amount "1,5": expected a decimal number',
    );
  });

  it('reports a body that is not JSON at all', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    api.on(
      'GetCostAndUsage',
      () =>
        new HttpResponse('<html>oops</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    await expect(run()).rejects.toThrow(
      /^AWS Cost Explorer GetCostAndUsage: unreadable response \(HTTP 200\): SyntaxError: /,
    );
  });

  it('names an amount sent as a number instead of a decimal string', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [
        day(D1, [
          {
            Keys: ['USE1-NovaLite-input-tokens', ACCOUNT_A],
            Metrics: { UnblendedCost: { Amount: 1.5, Unit: 'USD' } },
          },
        ]),
      ],
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: unexpected response: ResultsByTime.0.Groups.0.Metrics.UnblendedCost.Amount: Expected string, received number',
    );
  });

  it('names a missing metric', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [
        day(D1, [
          { Keys: ['USE1-NovaLite-input-tokens', ACCOUNT_A], Metrics: {} },
        ]),
      ],
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: unexpected response: ResultsByTime.0.Groups.0.Metrics.UnblendedCost: Required',
    );
  });

  it('emits costs billed in another currency in that currency, for the backend to convert', async () => {
    const { api, run } = setup({ services: [BEDROCK], currency: 'usd' });
    api.costs({
      [BEDROCK]: [
        [
          day(D1, [
            {
              Keys: ['USE1-NovaLite-input-tokens', ACCOUNT_A],
              Metrics: {
                UnblendedCost: { Amount: '12.3456785', Unit: 'eur' },
                UsageQuantity: { Amount: '2', Unit: 'N/A' },
              },
            },
          ]),
        ],
      ],
    });
    const records = await run();
    expect(records).toHaveLength(1);
    // 12.3456785 EUR → 12_345_679 micro-units (half away from zero), not converted here.
    expect(records[0]).toMatchObject({
      lineItem: 'USE1-NovaLite-input-tokens',
      cost: 12_345_679,
      currency: 'EUR',
      inputTokens: 2_000,
    });
    expect(records[0].exchangeRate).toBeUndefined();
  });

  it('emits GPU compute billed in another currency in that currency', async () => {
    const { api, run } = setup({ services: [], gpuCompute: true });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [
        day(D1, [
          {
            Keys: ['p4d.24xlarge', ACCOUNT_A],
            Metrics: { UnblendedCost: { Amount: '32.770001', Unit: 'EUR' } },
          },
        ]),
      ],
    }));
    const records = await run();
    expect(records).toEqual([
      expect.objectContaining({
        lineItem: 'p4d.24xlarge',
        category: 'self-hosted',
        cost: 32_770_001,
        currency: 'EUR',
      }),
    ]);
  });

  it('names a cost unit that is not a currency code', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [
        day(D1, [
          {
            Keys: ['USE1-NovaLite-input-tokens', ACCOUNT_A],
            Metrics: {
              UnblendedCost: { Amount: '1', Unit: 'US$' },
              UsageQuantity: { Amount: '1', Unit: 'N/A' },
            },
          },
        ]),
      ],
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: unexpected response: ResultsByTime.0.Groups.0.Metrics.UnblendedCost.Unit: "US$" on 2025-01-01 is not an ISO 4217 currency code',
    );
  });

  it('stops when Cost Explorer repeats a page token', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [],
      NextPageToken: 'same',
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: NextPageToken repeated for service "Amazon Bedrock"; stopping instead of looping',
    );
    expect(api.requests('GetCostAndUsage')).toHaveLength(2);
  });

  it('talks to a configured endpoint', async () => {
    const api = new FakeCostExplorer(server, 'http://localhost:4566/');
    api.costs({
      [BEDROCK]: [
        [day(D1, [group('USE1-NovaLite-input-tokens', ACCOUNT_A, '1', '1')])],
      ],
    });
    const provider = new AwsCostProvider({
      id: 'aws-local',
      region: 'us-east-1',
      endpoint: 'http://localhost:4566',
      services: [BEDROCK],
      credentialsManager: fakeCredentialsManager(),
      retry: { maxRetries: 0 },
    });
    await expect(
      provider.fetchUsage(WINDOW, {
        logger: mockServices.logger.mock(),
        pricing: createRefusingPricingService(),
      }),
    ).resolves.toHaveLength(1);
    expect(api.seen).toHaveLength(1);
  });

  it('explains missing credentials without retrying', async () => {
    const provider = new AwsCostProvider({
      id: 'aws-nocreds',
      region: 'us-east-1',
      accountId: '123456789012',
      credentialsManager: {
        async getCredentialProvider() {
          throw new Error(
            'There is no AWS integration that matches 123456789012',
          );
        },
      },
    });
    await expect(
      provider.fetchUsage(WINDOW, {
        logger: mockServices.logger.mock(),
        pricing: createRefusingPricingService(),
      }),
    ).rejects.toThrow(
      'AWS source "aws-nocreds": no credentials for account 123456789012 (configure aws.mainAccount or aws.accounts): There is no AWS integration that matches 123456789012',
    );
  });
});

describe('AwsCostProvider with gpuCompute', () => {
  const gpuBody = {
    TimePeriod: { Start: '2025-01-01', End: '2025-01-03' },
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
    Filter: {
      Dimensions: { Key: 'SERVICE', Values: [EC2_COMPUTE, SAGEMAKER] },
    },
    GroupBy: [
      { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
    ],
  };

  /**
   * EC2 and SageMaker spend by instance type over two days on two pages:
   * GPU (p4d, g5, SageMaker ml.g5) and ordinary (m5, NoInstanceType) compute.
   */
  const gpuPages = () => [
    [
      day(D1, [
        instanceGroup('p4d.24xlarge', ACCOUNT_A, '32.7726000000'),
        instanceGroup('g5.xlarge', ACCOUNT_B, '1.0060000000'),
        instanceGroup('m5.large', ACCOUNT_A, '0.0960000000'),
      ]),
    ],
    [
      day(D2, [
        instanceGroup('p4d.24xlarge', ACCOUNT_A, '16.3863'),
        instanceGroup('ml.g5.2xlarge', ACCOUNT_B, '1.515'),
        instanceGroup('m5.large', ACCOUNT_A, '0.192'),
        instanceGroup('NoInstanceType', ACCOUNT_A, '0.5'),
        // Stopped for the day: nothing billed, no record.
        instanceGroup('g5.xlarge', ACCOUNT_B, '0'),
      ]),
    ],
  ];

  function serveGpu(api: FakeCostExplorer) {
    api.costs({
      [BEDROCK]: [
        [day(D1, [group('USE1-NovaLite-input-tokens', ACCOUNT_A, '0.1', '1')])],
      ],
      [EC2_COMPUTE]: gpuPages(),
    });
  }

  it('asks once more, for EC2 and SageMaker by instance type, following pages', async () => {
    const { api, run } = setup({ services: [BEDROCK], gpuCompute: true });
    serveGpu(api);
    await run();
    const bodies = api.requests('GetCostAndUsage').map(r => r.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[0].Filter).toEqual({
      Dimensions: { Key: 'SERVICE', Values: [BEDROCK] },
    });
    expect(bodies.slice(1)).toEqual([
      gpuBody,
      { ...gpuBody, NextPageToken: `${EC2_COMPUTE}#1` },
    ]);
  });

  it('keeps only GPU instance types, as self-hosted records, to the micro-unit', async () => {
    const { api, run, logger } = setup({
      services: [BEDROCK],
      gpuCompute: true,
    });
    serveGpu(api);
    const records = await run();
    const gpu = records.filter(r => r.category === 'self-hosted');
    expect(gpu.map(r => [r.date, r.lineItem, r.accountId, r.cost])).toEqual(
      expect.arrayContaining([
        [D1, 'p4d.24xlarge', ACCOUNT_A, 32_772_600],
        [D1, 'g5.xlarge', ACCOUNT_B, 1_006_000],
        [D2, 'p4d.24xlarge', ACCOUNT_A, 16_386_300],
        [D2, 'ml.g5.2xlarge', ACCOUNT_B, 1_515_000],
      ]),
    );
    expect(gpu).toHaveLength(4);
    expect(find(records, D1, 'p4d.24xlarge', ACCOUNT_A)).toEqual({
      date: D1,
      accountId: ACCOUNT_A,
      tags: null,
      model: null,
      lineItem: 'p4d.24xlarge',
      category: 'self-hosted',
      cost: 32_772_600,
      currency: 'USD',
      costKind: 'billed',
    });
    // 32.7726 + 1.006 + 16.3863 + 1.515 = 51.6799 dollars; m5.large and
    // NoInstanceType (0.096 + 0.192 + 0.5) are not counted.
    expect(gpu.reduce((sum, r) => sum + r.cost, 0)).toBe(51_679_900);
    expect(records.some(r => /m5|NoInstance/.test(r.lineItem ?? ''))).toBe(
      false,
    );
    // The Bedrock record is still there, without a category of its own.
    expect(find(records, D1, 'USE1-NovaLite-input-tokens', ACCOUNT_A)).toEqual(
      expect.objectContaining({ cost: 100_000, model: 'NovaLite' }),
    );
    expect(
      find(records, D1, 'USE1-NovaLite-input-tokens', ACCOUNT_A).category,
    ).toBeUndefined();
    expect(logger.debug).toHaveBeenCalledWith(
      `AWS source "aws-test": 4 GPU compute group(s) of ${EC2_COMPUTE}, ${SAGEMAKER}; 2 other instance type(s) left out`,
    );
  });

  it('makes no extra request without gpuCompute', async () => {
    const { api, run } = setup({ services: [BEDROCK] });
    serveGpu(api);
    const records = await run();
    expect(api.requests('GetCostAndUsage')).toHaveLength(1);
    expect(records.some(r => r.category === 'self-hosted')).toBe(false);
  });

  it('reads GPU compute even when no Bedrock service has costs', async () => {
    const { api, run } = setup({ gpuCompute: true });
    api.services([]);
    serveGpu(api);
    const records = await run();
    expect(api.requests('GetCostAndUsage').map(r => r.body)).toEqual([
      gpuBody,
      { ...gpuBody, NextPageToken: `${EC2_COMPUTE}#1` },
    ]);
    expect(records).toHaveLength(4);
  });

  it('does not read SageMaker twice when it is a configured service', async () => {
    const { api, run } = setup({
      services: [SAGEMAKER],
      gpuCompute: true,
    });
    api.costs({ [SAGEMAKER]: [[]], [EC2_COMPUTE]: [[]] });
    await run();
    expect(api.requests('GetCostAndUsage').map(r => r.body.Filter)).toEqual([
      { Dimensions: { Key: 'SERVICE', Values: [SAGEMAKER] } },
      { Dimensions: { Key: 'SERVICE', Values: [EC2_COMPUTE] } },
    ]);
  });

  it('groups by the cost allocation tag when configured', async () => {
    const { api, run } = setup({
      services: [],
      gpuCompute: true,
      tagKey: 'team',
    });
    api.costs({
      [EC2_COMPUTE]: [
        [
          day(D1, [
            instanceGroup('p5.48xlarge', 'team$search', '98.32'),
            instanceGroup('trn1.32xlarge', 'team$', '21.5'),
          ]),
        ],
      ],
    });
    const records = await run();
    expect(api.requests('GetCostAndUsage')[0].body.GroupBy).toEqual([
      { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
      { Type: 'TAG', Key: 'team' },
    ]);
    expect(records.map(r => [r.lineItem, r.accountId, r.tags, r.cost])).toEqual(
      expect.arrayContaining([
        ['p5.48xlarge', null, { team: 'search' }, 98_320_000],
        ['trn1.32xlarge', null, null, 21_500_000],
      ]),
    );
  });

  it('counts the instance families aiCost.classification adds', async () => {
    const { api, run } = setup({
      services: [],
      gpuCompute: true,
      classificationRules: readClassificationRules(
        new ConfigReader({
          aiCost: { classification: { acceleratorPatterns: ['^vt1\\.'] } },
        }),
      ),
    });
    api.costs({
      [EC2_COMPUTE]: [
        [
          day(D1, [
            instanceGroup('vt1.3xlarge', ACCOUNT_A, '0.65'),
            instanceGroup('m5.large', ACCOUNT_A, '0.096'),
          ]),
        ],
      ],
    });
    const records = await run();
    expect(records.map(r => [r.lineItem, r.cost])).toEqual([
      ['vt1.3xlarge', 650_000],
    ]);
  });

  it('retries a throttled GPU query like any other', async () => {
    const { api, run, sleep } = setup({ services: [], gpuCompute: true });
    let calls = 0;
    api.on('GetCostAndUsage', () =>
      ++calls === 1
        ? awsError(400, 'LimitExceededException', 'Rate exceeded')
        : {
            ResultsByTime: [
              day(D1, [instanceGroup('g6.xlarge', ACCOUNT_A, '0.8048')]),
            ],
          },
    );
    const records = await run();
    expect(sleep.mock.calls.map(c => c[0])).toEqual([1000]);
    expect(records).toMatchObject([
      { lineItem: 'g6.xlarge', cost: 804_800, category: 'self-hosted' },
    ]);
  });

  it('names the field of a malformed GPU answer', async () => {
    const { api, run } = setup({ services: [], gpuCompute: true });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [
        day(D1, [
          {
            Keys: ['p4d.24xlarge', ACCOUNT_A],
            Metrics: { UnblendedCost: { Unit: 'USD' } },
          },
        ]),
      ],
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: unexpected response: ResultsByTime.0.Groups.0.Metrics.UnblendedCost.Amount: Required',
    );
  });

  it('names groups that do not have an instance type and an account', async () => {
    const { api, run } = setup({ services: [], gpuCompute: true });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [
        day(D1, [
          {
            Keys: ['p4d.24xlarge'],
            Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' } },
          },
        ]),
      ],
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage (GPU compute): unexpected response: ResultsByTime.0.Groups.0.Keys: expected 2 keys (instance type and linked account), got 1',
    );
  });

  it('stops when the GPU query repeats a page token', async () => {
    const { api, run } = setup({ services: [], gpuCompute: true });
    api.on('GetCostAndUsage', () => ({
      ResultsByTime: [],
      NextPageToken: 'same',
    }));
    await expect(run()).rejects.toThrow(
      'AWS Cost Explorer GetCostAndUsage: NextPageToken repeated for GPU compute; stopping instead of looping',
    );
  });
});

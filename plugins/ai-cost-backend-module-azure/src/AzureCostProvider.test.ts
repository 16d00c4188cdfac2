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
  AzureCostProvider,
  type AzureCostProviderOptions,
} from './AzureCostProvider';
import {
  ACCESS_TOKEN,
  BASE_URL,
  CLIENT_SECRET,
  FakeCostManagement,
  fakeCredential,
  nextLink,
  QUERY_PATH,
  queryResult,
  SCOPE,
  SUBSCRIPTION,
  type SeenRequest,
} from './__testUtils__/fakeCostManagement';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const WINDOW = { from: '2025-03-01', to: '2025-03-02' };

const R1 = `/subscriptions/${SUBSCRIPTION}/resourceGroups/AI-RG/providers/Microsoft.CognitiveServices/accounts/Search-OpenAI`;
const R1_UPPER = R1.toUpperCase();
const R2 = `/subscriptions/${SUBSCRIPTION}/resourceGroups/ai-rg/providers/Microsoft.CognitiveServices/accounts/chat-openai`;

const COST_COLUMNS: Array<[string, string]> = [
  ['Cost', 'Number'],
  ['UsageQuantity', 'Number'],
  ['ResourceId', 'String'],
  ['Meter', 'String'],
  ['UsageDate', 'Number'],
  ['Currency', 'String'],
];
// A different column order: rows are read by name, never by position.
const TAG_COLUMNS: Array<[string, string]> = [
  ['UsageDate', 'Number'],
  ['Cost', 'Number'],
  ['ResourceId', 'String'],
  ['TagKey', 'String'],
  ['TagValue', 'String'],
  ['Currency', 'String'],
];

function setup(options: Partial<AzureCostProviderOptions> = {}) {
  const api = new FakeCostManagement(server);
  const sleep = jest.fn(async (_ms: number) => {});
  const credential = fakeCredential();
  const provider = new AzureCostProvider({
    id: 'azure-test',
    scope: SCOPE,
    credential,
    secrets: [CLIENT_SECRET],
    http: { sleep, maxRetries: 3 },
    ...options,
  });
  const logger = mockServices.logger.mock();
  const run = () =>
    provider.fetchUsage(WINDOW, {
      logger,
      pricing: createRefusingPricingService(),
    });
  return { api, sleep, provider, run, credential, logger };
}

const isTagQuery = (request: SeenRequest) =>
  request.body.dataset.grouping[1].type === 'TagKey';

/** Two pages of Cognitive Services costs, and resource tags for `team`. */
function serveMainScenario(api: FakeCostManagement) {
  api.on(request => {
    if (isTagQuery(request)) {
      return queryResult(TAG_COLUMNS, [
        [20250301, 3.35, R1, 'team', 'search', 'USD'],
        // Re-tagged during the day: the value with more cost wins.
        [20250302, 0.25, R2, 'team', 'chat', 'USD'],
        [20250302, 0.05, R2, 'team', 'chat-old', 'USD'],
        // Untagged cost has an empty value.
        [20250302, 0.3, R1, 'team', '', 'USD'],
      ]);
    }
    if (!request.url.searchParams.get('$skiptoken')) {
      return queryResult(
        COST_COLUMNS,
        [
          [1.25, 250, R1, 'gpt-4o-0806-Inp-glbl Tokens', 20250301, 'USD'],
          [
            2.10333307059661,
            210.333307,
            R1,
            'gpt-4o-0806-Outp-glbl Tokens',
            20250301,
            'USD',
          ],
        ],
        nextLink('AQAAAA=='),
      );
    }
    return queryResult(COST_COLUMNS, [
      [
        0.000055222319999999996,
        0.0441778,
        R2,
        'gpt 4o mini 0718 cached Input global Tokens',
        20250302,
        'USD',
      ],
      // The same resource in another case: Azure ids are case-insensitive.
      [0.5, 1, R1_UPPER, 'gpt-4o-0806-Inp-glbl Tokens', 20250301, 'USD'],
      [0.3, 2, R2, 'Speech to Text Standard - Audio', 20250302, 'USD'],
      [0, 0, R2, 'gpt-4o-0806-Inp-glbl Tokens', 20250302, 'USD'],
    ]);
  });
}

function find(
  records: UsageRecord[],
  date: string,
  resourceId: string,
  lineItem: string,
): UsageRecord {
  const matches = records.filter(
    r =>
      r.date === date && r.resourceId === resourceId && r.lineItem === lineItem,
  );
  expect(matches).toHaveLength(1);
  return matches[0];
}

describe('AzureCostProvider', () => {
  it('POSTs the query with a bearer token and follows nextLink with the same body', async () => {
    const { api, run, credential } = setup({ tagKeys: ['team'] });
    serveMainScenario(api);
    await run();

    expect(credential.getToken).toHaveBeenCalledWith(
      'https://management.azure.com/.default',
      expect.anything(),
    );
    const costRequests = api.seen.filter(r => !isTagQuery(r));
    expect(costRequests.map(r => r.url.toString())).toEqual([
      `${BASE_URL}${QUERY_PATH}?api-version=2025-03-01`,
      `${BASE_URL}${QUERY_PATH}?api-version=2025-03-01&$skiptoken=AQAAAA%3D%3D`,
    ]);
    const expectedBody = {
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: {
        from: '2025-03-01T00:00:00Z',
        to: '2025-03-02T23:59:59Z',
      },
      dataset: {
        granularity: 'Daily',
        aggregation: {
          Cost: { name: 'Cost', function: 'Sum' },
          UsageQuantity: { name: 'UsageQuantity', function: 'Sum' },
        },
        grouping: [
          { type: 'Dimension', name: 'ResourceId' },
          { type: 'Dimension', name: 'Meter' },
        ],
        filter: {
          dimensions: {
            name: 'MeterCategory',
            operator: 'In',
            values: ['Cognitive Services'],
          },
        },
      },
    };
    expect(costRequests.map(r => r.body)).toEqual([expectedBody, expectedBody]);
    expect(api.requestsGroupedBy('team').map(r => r.body.dataset)).toEqual([
      {
        ...expectedBody.dataset,
        aggregation: { Cost: { name: 'Cost', function: 'Sum' } },
        grouping: [
          { type: 'Dimension', name: 'ResourceId' },
          { type: 'TagKey', name: 'team' },
        ],
      },
    ]);
    expect(
      api.seen.every(r => r.authorization === `Bearer ${ACCESS_TOKEN}`),
    ).toBe(true);
  });

  it('turns rows into billed records per resource and meter, with tags, reconciled to the micro-unit', async () => {
    const { api, run } = setup({ tagKeys: ['team'] });
    serveMainScenario(api);
    const records = await run();
    const r1 = R1.toLowerCase();
    const r2 = R2.toLowerCase();

    // 1.25 + 0.5 (the same resource in upper case) → one record.
    expect(
      find(records, '2025-03-01', r1, 'gpt-4o-0806-Inp-glbl Tokens'),
    ).toEqual({
      date: '2025-03-01',
      accountId: SUBSCRIPTION,
      resourceId: r1,
      model: 'gpt-4o-0806',
      lineItem: 'gpt-4o-0806-Inp-glbl Tokens',
      inputTokens: 251_000,
      cachedInputTokens: 0,
      outputTokens: 0,
      tags: { team: 'search' },
      cost: 1_750_000,
      currency: 'USD',
      costKind: 'billed',
    });
    // 2.10333307059661 → 2103333.07 µ$ → 2103333; 210.333307 × 1000 → 210333 tokens
    expect(
      find(records, '2025-03-01', r1, 'gpt-4o-0806-Outp-glbl Tokens'),
    ).toMatchObject({
      cost: 2_103_333,
      outputTokens: 210_333,
      model: 'gpt-4o-0806',
    });
    // 0.000055222319999999996 → 55.22 µ$ → 55; 0.0441778 × 1000 → 44 tokens
    expect(
      find(
        records,
        '2025-03-02',
        r2,
        'gpt 4o mini 0718 cached Input global Tokens',
      ),
    ).toMatchObject({
      cost: 55,
      cachedInputTokens: 44,
      inputTokens: 0,
      model: 'gpt-4o-mini-0718',
      tags: { team: 'chat' },
    });
    expect(
      find(records, '2025-03-02', r2, 'Speech to Text Standard - Audio'),
    ).toMatchObject({
      cost: 300_000,
      model: null,
      inputTokens: 0,
      outputTokens: 0,
      tags: { team: 'chat' },
    });
    expect(records).toHaveLength(4);
    // 1250000 + 500000 + 2103333 + 55 + 300000
    expect(records.reduce((sum, r) => sum + r.cost, 0)).toBe(4_153_388);
  });

  it('leaves tags out when no tag keys are configured', async () => {
    const { api, run } = setup();
    serveMainScenario(api);
    const records = await run();
    expect(api.seen.filter(isTagQuery)).toHaveLength(0);
    expect(records.every(r => r.tags === null)).toBe(true);
  });

  it('honours the Cost Management retry-after headers on a 429', async () => {
    const { api, run, sleep } = setup();
    api.on((_request, attempt) =>
      attempt === 0
        ? HttpResponse.json(
            {
              error: {
                code: '429',
                message: 'Too many requests. Please retry after 17 seconds.',
              },
            },
            {
              status: 429,
              headers: {
                'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '17',
                'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after':
                  '4',
                'x-ms-ratelimit-microsoft.costmanagement-qpu-remaining':
                  'QueryQuota:0',
              },
            },
          )
        : queryResult(COST_COLUMNS, [
            [1, 1, R1, 'gpt-4o-0806-Inp-glbl Tokens', 20250301, 'USD'],
          ]),
    );
    const records = await run();
    expect(sleep.mock.calls.map(c => c[0])).toEqual([17_000]);
    expect(records).toMatchObject([{ cost: 1_000_000 }]);
  });

  it('retries a 5xx on page two and keeps both pages', async () => {
    const { api, run, sleep } = setup();
    api.on((request, attempt) => {
      if (!request.url.searchParams.get('$skiptoken')) {
        return queryResult(
          COST_COLUMNS,
          [[1, 0, R1, 'gpt-4o-0806-Inp-glbl Tokens', 20250301, 'USD']],
          nextLink('p2'),
        );
      }
      if (attempt === 0) {
        return HttpResponse.json(
          { error: { code: 'ServiceUnavailable', message: 'Try again.' } },
          { status: 503 },
        );
      }
      return queryResult(COST_COLUMNS, [
        [2, 0, R2, 'gpt-4o-0806-Inp-glbl Tokens', 20250302, 'USD'],
      ]);
    });
    const records = await run();
    expect(sleep.mock.calls.map(c => c[0])).toEqual([1000]);
    expect(records.map(r => r.cost)).toEqual([1_000_000, 2_000_000]);
  });

  it("reports Azure's error without the token or the client secret", async () => {
    const { api, run, sleep } = setup();
    api.on(() =>
      HttpResponse.json(
        {
          error: {
            code: 'InvalidAuthenticationToken',
            message: `The access token ${ACCESS_TOKEN} is invalid for client secret ${CLIENT_SECRET}.`,
          },
        },
        { status: 401 },
      ),
    );
    const error = await run().catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Azure Cost Management ${QUERY_PATH} answered 401: The access token [redacted] is invalid for client secret [redacted]. (InvalidAuthenticationToken)`,
    );
    expect((error as Error).message).not.toContain('canary');
    expect(sleep).not.toHaveBeenCalled();
  });

  it('fails without the secret when no token can be had', async () => {
    const credential = {
      getToken: jest.fn(async () => {
        throw new Error(
          `AADSTS7000215: Invalid client secret provided: ${CLIENT_SECRET}`,
        );
      }),
    };
    const { api, run } = setup({ credential });
    const error = await run().catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Azure Cost Management ${QUERY_PATH}: could not get credentials; caused by Error: AADSTS7000215: Invalid client secret provided: [redacted]`,
    );
    expect(api.seen).toHaveLength(0);
    expect(credential.getToken).toHaveBeenCalledTimes(1);
  });

  it('names the field of a malformed body', async () => {
    const { api, run } = setup();
    api.on(() => ({ properties: { columns: [], rows: 'none' } }));
    await expect(run()).rejects.toThrow(
      `Azure Cost Management ${QUERY_PATH}: unexpected response: properties.rows: Expected array, received string`,
    );
  });

  it('names a missing column', async () => {
    const { api, run } = setup();
    api.on(() =>
      queryResult(
        [
          ['Cost', 'Number'],
          ['ResourceId', 'String'],
          ['Meter', 'String'],
          ['Currency', 'String'],
        ],
        [[1, R1, 'm', 'USD']],
      ),
    );
    await expect(run()).rejects.toThrow(
      `Azure Cost Management ${QUERY_PATH}: unexpected response: properties.columns has no "UsageDate" column (columns: Cost, ResourceId, Meter, Currency)`,
    );
  });

  it('names the row and column of a bad cell', async () => {
    const { api, run } = setup();
    api.on(() =>
      queryResult(COST_COLUMNS, [
        [1, 1, R1, 'm', 20250301, 'USD'],
        ['lots', 1, R1, 'm', 20250301, 'USD'],
      ]),
    );
    await expect(run()).rejects.toThrow(
      `Azure Cost Management ${QUERY_PATH}: unexpected response: properties.rows.1 (column Cost): Invalid amount "lots": expected a decimal number`,
    );
  });

  it('reads PreTaxCost when the scope reports that column', async () => {
    const { api, run } = setup();
    api.on(() =>
      queryResult(
        [['PreTaxCost', 'Number'], ...COST_COLUMNS.slice(1)],
        [[0.25, 0, R1, 'm', 20250301, 'USD']],
      ),
    );
    await expect(run()).resolves.toMatchObject([{ cost: 250_000 }]);
  });

  it('emits costs in another currency as billed, for the backend to convert', async () => {
    const { api, run } = setup();
    api.on(() =>
      queryResult(COST_COLUMNS, [[12.5, 1, R1, 'm', 20250301, 'eur']]),
    );
    const records = await run();
    expect(records).toMatchObject([{ cost: 12_500_000, currency: 'EUR' }]);
    // No USD column asked for: the backend's configured or imported rate applies.
    expect(records[0].exchangeRate).toBeUndefined();
    expect(api.seen[0].body.dataset.aggregation).not.toHaveProperty('CostUSD');
  });

  it('states the rate of a USD column when asked for it and reporting in USD', async () => {
    const { api, run } = setup({ usdCostColumn: true, currency: 'USD' });
    api.on(() =>
      queryResult(
        [...COST_COLUMNS, ['CostUSD', 'Number']],
        [
          // EUR 100 billed as USD 108.50: the bill's rate is 1.085.
          [100, 1, R1, 'm', 20250301, 'EUR', 108.5],
          // A USD row states nothing.
          [2, 1, R2, 'm', 20250301, 'USD', 2],
        ],
      ),
    );
    const records = await run();
    expect(records.find(r => r.currency === 'EUR')).toMatchObject({
      cost: 100_000_000,
      exchangeRate: 1.085,
    });
    expect(
      records.find(r => r.currency === 'USD')?.exchangeRate,
    ).toBeUndefined();
    expect(api.seen[0].body.dataset.aggregation.CostUSD).toEqual({
      name: 'CostUSD',
      function: 'Sum',
    });
  });

  it('asks for no USD column when reporting in another currency', async () => {
    const { api, run } = setup({ usdCostColumn: true, currency: 'EUR' });
    api.on(() => queryResult(COST_COLUMNS, [[1, 1, R1, 'm', 20250301, 'GBP']]));
    await expect(run()).resolves.toMatchObject([
      { cost: 1_000_000, currency: 'GBP' },
    ]);
    expect(api.seen[0].body.dataset.aggregation).not.toHaveProperty('CostUSD');
  });

  it('refuses a currency that is not an ISO 4217 code', async () => {
    const { api, run } = setup();
    api.on(() =>
      queryResult(COST_COLUMNS, [[1, 1, R1, 'm', 20250301, 'Euro']]),
    );
    await expect(run()).rejects.toThrow(
      `Azure Cost Management ${QUERY_PATH}: the cost on 2025-03-01 is in "Euro", which is not an ISO 4217 currency code`,
    );
  });

  it('never follows a nextLink to another host', async () => {
    const { api, run, credential } = setup();
    api.on(() =>
      queryResult(
        COST_COLUMNS,
        [],
        'https://attacker.example.test/collect?api-version=1',
      ),
    );
    await expect(run()).rejects.toThrow(
      'Azure Cost Management: refusing to follow a link to https://attacker.example.test, which is not the configured https://management.azure.com',
    );
    expect(credential.getToken).toHaveBeenCalledTimes(1);
  });

  it('treats 204 No Content as no costs', async () => {
    const { api, run } = setup();
    api.on(() => new HttpResponse(null, { status: 204 }));
    await expect(run()).resolves.toEqual([]);
  });

  it('uses the configured scope, cost type, meter categories and api-version', async () => {
    const { api, run } = setup({
      scope: `subscriptions/${SUBSCRIPTION}/`,
      costType: 'AmortizedCost',
      meterCategories: ['Cognitive Services', 'Foundry Models'],
      apiVersion: '2024-08-01',
    });
    await run();
    expect(api.seen[0].url.toString()).toBe(
      `${BASE_URL}${QUERY_PATH}?api-version=2024-08-01`,
    );
    expect(api.seen[0].body.type).toBe('AmortizedCost');
    expect(api.seen[0].body.dataset.filter.dimensions.values).toEqual([
      'Cognitive Services',
      'Foundry Models',
    ]);
  });
});

describe('AzureCostProvider with gpuCompute', () => {
  const VM1 = `/subscriptions/${SUBSCRIPTION}/resourceGroups/ML/providers/Microsoft.Compute/virtualMachines/train-a100`;
  const VM2 = `/subscriptions/${SUBSCRIPTION}/resourceGroups/ml/providers/Microsoft.Compute/virtualMachines/web-1`;
  const VM3 = `/subscriptions/${SUBSCRIPTION}/resourceGroups/ml/providers/Microsoft.Compute/virtualMachines/infer-t4`;
  const vm1 = VM1.toLowerCase();
  const vm3 = VM3.toLowerCase();
  const GPU_COLUMNS: Array<[string, string]> = [
    ['Cost', 'Number'],
    ['ResourceId', 'String'],
    ['Meter', 'String'],
    ['UsageDate', 'Number'],
    ['Currency', 'String'],
  ];

  const isGpuQuery = (request: SeenRequest) =>
    request.body.dataset.filter.dimensions.values.includes(
      'Virtual Machines',
    ) && request.body.dataset.grouping[1].name === 'Meter';

  /**
   * One Cognitive Services row; Virtual Machines spend over two pages: GPU
   * (N-series) meters and an ordinary D-series one; resource tags for `team`.
   */
  function serveGpu(api: FakeCostManagement) {
    api.on(request => {
      if (isTagQuery(request)) {
        return queryResult(TAG_COLUMNS, [
          [20250301, 32.77, VM1, 'team', 'research', 'USD'],
          [20250302, 0.3, R1, 'team', 'search', 'USD'],
        ]);
      }
      if (!isGpuQuery(request)) {
        return queryResult(COST_COLUMNS, [
          [1.25, 250, R1, 'gpt-4o-0806-Inp-glbl Tokens', 20250301, 'USD'],
        ]);
      }
      if (!request.url.searchParams.get('$skiptoken')) {
        return queryResult(
          GPU_COLUMNS,
          [
            [32.77, VM1, 'NC24ads A100 v4', 20250301, 'USD'],
            [0.192, VM2, 'D4s v5', 20250301, 'USD'],
            // Floating-point noise as Azure sends it.
            [
              1.5260000000000002,
              VM3,
              'NC4as T4 v3 Low Priority',
              20250301,
              'USD',
            ],
          ],
          nextLink('R1BVAA=='),
        );
      }
      return queryResult(GPU_COLUMNS, [
        // The same machine in another case: Azure ids are case-insensitive.
        [16.385, VM1.toUpperCase(), 'NC24ads A100 v4', 20250302, 'USD'],
        // Deallocated for the day: nothing billed, no record.
        [0, VM3, 'NC4as T4 v3 Low Priority', 20250302, 'USD'],
        [0.384, VM2, 'D4s v5', 20250302, 'USD'],
      ]);
    });
  }

  it('asks once more, for Virtual Machines by resource and meter, following nextLink', async () => {
    const { api, run } = setup({ gpuCompute: true, tagKeys: ['team'] });
    serveGpu(api);
    await run();
    const gpu = api.seen.filter(isGpuQuery);
    expect(gpu).toHaveLength(2);
    expect(gpu[0].body).toEqual({
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: {
        from: '2025-03-01T00:00:00Z',
        to: '2025-03-02T23:59:59Z',
      },
      dataset: {
        granularity: 'Daily',
        aggregation: { Cost: { name: 'Cost', function: 'Sum' } },
        grouping: [
          { type: 'Dimension', name: 'ResourceId' },
          { type: 'Dimension', name: 'Meter' },
        ],
        filter: {
          dimensions: {
            name: 'MeterCategory',
            operator: 'In',
            values: ['Virtual Machines'],
          },
        },
      },
    });
    expect(gpu[1].body).toEqual(gpu[0].body);
    expect(gpu[1].url.searchParams.get('$skiptoken')).toBe('R1BVAA==');
    // Main query, two GPU pages, one tag query that covers the machines too.
    expect(api.seen).toHaveLength(4);
    expect(api.seen[0].body.dataset.filter.dimensions.values).toEqual([
      'Cognitive Services',
    ]);
    expect(
      api.seen.filter(isTagQuery).map(r => r.body.dataset.filter.dimensions),
    ).toEqual([
      {
        name: 'MeterCategory',
        operator: 'In',
        values: ['Cognitive Services', 'Virtual Machines'],
      },
    ]);
  });

  it('keeps only GPU meters, as self-hosted records with tags, to the micro-unit', async () => {
    const { api, run, logger } = setup({ gpuCompute: true, tagKeys: ['team'] });
    serveGpu(api);
    const records = await run();
    const gpu = records.filter(r => r.category === 'self-hosted');
    // Sorted by natural key (day, then resource).
    expect(gpu).toEqual([
      {
        date: '2025-03-01',
        accountId: SUBSCRIPTION,
        resourceId: vm3,
        model: null,
        lineItem: 'NC4as T4 v3 Low Priority',
        category: 'self-hosted',
        // 1.5260000000000002 → 1_526_000
        cost: 1_526_000,
        currency: 'USD',
        costKind: 'billed',
        tags: null,
      },
      {
        date: '2025-03-01',
        accountId: SUBSCRIPTION,
        resourceId: vm1,
        model: null,
        lineItem: 'NC24ads A100 v4',
        category: 'self-hosted',
        cost: 32_770_000,
        currency: 'USD',
        costKind: 'billed',
        tags: { team: 'research' },
      },
      {
        date: '2025-03-02',
        accountId: SUBSCRIPTION,
        resourceId: vm1,
        model: null,
        lineItem: 'NC24ads A100 v4',
        category: 'self-hosted',
        cost: 16_385_000,
        currency: 'USD',
        costKind: 'billed',
        tags: null,
      },
    ]);
    // 32.77 + 1.526 + 16.385 = 50.681; the D-series machine is left out.
    expect(gpu.reduce((sum, r) => sum + r.cost, 0)).toBe(50_681_000);
    expect(records.filter(r => r.lineItem === 'D4s v5')).toEqual([]);
    // The Cognitive Services record is untouched.
    expect(records.filter(r => r.category !== 'self-hosted')).toEqual([
      expect.objectContaining({
        resourceId: R1.toLowerCase(),
        cost: 1_250_000,
        inputTokens: 250_000,
      }),
    ]);
    expect(logger.debug).toHaveBeenCalledWith(
      'Azure source "azure-test": 3 GPU compute row(s) of Virtual Machines; 1 other meter(s) left out',
    );
  });

  it('makes no extra request without gpuCompute', async () => {
    const { api, run } = setup();
    serveGpu(api);
    const records = await run();
    expect(api.seen).toHaveLength(1);
    expect(api.seen.filter(isGpuQuery)).toHaveLength(0);
    expect(records.filter(r => r.category === 'self-hosted')).toEqual([]);
  });

  it('does not read Virtual Machines twice when it is a configured meter category', async () => {
    const { api, run } = setup({
      gpuCompute: true,
      meterCategories: ['Cognitive Services', 'virtual machines'],
    });
    api.on(() => queryResult(COST_COLUMNS, []));
    await run();
    expect(api.seen).toHaveLength(1);
  });

  it('counts the meters aiCost.classification adds', async () => {
    const { api, run } = setup({
      gpuCompute: true,
      classificationRules: readClassificationRules(
        new ConfigReader({
          aiCost: { classification: { acceleratorPatterns: ['^NP\\d'] } },
        }),
      ),
    });
    api.on(request =>
      isGpuQuery(request)
        ? queryResult(GPU_COLUMNS, [
            [1.65, VM2, 'NP10s', 20250301, 'USD'],
            [0.192, VM2, 'D4s v5', 20250301, 'USD'],
          ])
        : queryResult(COST_COLUMNS, []),
    );
    const records = await run();
    expect(records.map(r => [r.lineItem, r.cost, r.category])).toEqual([
      ['NP10s', 1_650_000, 'self-hosted'],
    ]);
  });

  it('emits GPU compute billed in another currency in it, with the rate a USD column states', async () => {
    const { api, run } = setup({ gpuCompute: true, usdCostColumn: true });
    api.on(request =>
      isGpuQuery(request)
        ? queryResult(
            [...GPU_COLUMNS, ['CostUSD', 'Number']],
            [
              [10.5, VM1, 'NC24ads A100 v4', 20250301, 'EUR', 11.34],
              [2, VM3, 'NC4as T4 v3', 20250301, 'gbp', null],
            ],
          )
        : queryResult(COST_COLUMNS, []),
    );
    const records = await run();
    expect(api.seen.filter(isGpuQuery)[0].body.dataset.aggregation).toEqual({
      Cost: { name: 'Cost', function: 'Sum' },
      CostUSD: { name: 'CostUSD', function: 'Sum' },
    });
    expect(
      records.map(r => [r.lineItem, r.cost, r.currency, r.exchangeRate]),
    ).toEqual([
      ['NC4as T4 v3', 2_000_000, 'GBP', undefined],
      // 11.34 USD / 10.5 EUR
      ['NC24ads A100 v4', 10_500_000, 'EUR', 1.08],
    ]);
  });

  it('honours the Cost Management retry-after headers on a throttled GPU query', async () => {
    const { api, run, sleep } = setup({ gpuCompute: true });
    api.on((request, attempt) => {
      if (!isGpuQuery(request)) return queryResult(COST_COLUMNS, []);
      return attempt === 0
        ? HttpResponse.json(
            { error: { code: '429', message: 'Too many requests.' } },
            {
              status: 429,
              headers: {
                'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '9',
              },
            },
          )
        : queryResult(GPU_COLUMNS, [
            [0.8, VM3, 'NC4as T4 v3', 20250301, 'USD'],
          ]);
    });
    const records = await run();
    expect(sleep.mock.calls.map(c => c[0])).toEqual([9_000]);
    expect(records).toMatchObject([
      { lineItem: 'NC4as T4 v3', cost: 800_000, category: 'self-hosted' },
    ]);
  });

  it('names a missing column of the GPU answer', async () => {
    const { api, run } = setup({ gpuCompute: true });
    api.on(request =>
      isGpuQuery(request)
        ? queryResult(
            [
              ['Cost', 'Number'],
              ['ResourceId', 'String'],
              ['UsageDate', 'Number'],
            ],
            [[1, VM1, 20250301]],
          )
        : queryResult(COST_COLUMNS, []),
    );
    await expect(run()).rejects.toThrow(
      `Azure Cost Management ${QUERY_PATH}: unexpected response: properties.columns has no "Meter" column (columns: Cost, ResourceId, UsageDate)`,
    );
  });
});

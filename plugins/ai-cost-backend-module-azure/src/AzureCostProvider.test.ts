import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { createRefusingPricingService } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
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

  it('rejects costs in another currency', async () => {
    const { api, run } = setup();
    api.on(() => queryResult(COST_COLUMNS, [[1, 1, R1, 'm', 20250301, 'EUR']]));
    await expect(run()).rejects.toThrow(
      `Azure Cost Management ${QUERY_PATH}: the cost on 2025-03-01 is in "EUR" but aiCost.currency is "USD"; amounts in other currencies are not converted or mixed`,
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

import { mockServices } from '@backstage/backend-test-utils';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AnthropicCostProvider } from './AnthropicCostProvider';
import {
  bucket,
  costRow,
  fakePricing,
  usageRow,
} from './__testUtils__/fixtures';

const BASE_URL = 'https://anthropic.test';
const ADMIN_KEY = 'sk-ant-admin01-TEST-SECRET-do-not-leak';
const COST_URL = `${BASE_URL}/v1/organizations/cost_report`;
const USAGE_URL = `${BASE_URL}/v1/organizations/usage_report/messages`;
const WINDOW = { from: '2025-08-01', to: '2025-08-03' };

const WS_A = 'wrkspc_01AAAAAAAAAAAAAAAAAAAAAAAA';
const WS_B = 'wrkspc_01BBBBBBBBBBBBBBBBBBBBBBBB';

interface SeenRequest {
  path: string;
  startingAt: string | null;
  endingAt: string | null;
  bucketWidth: string | null;
  limit: string | null;
  groupBy: string[];
  page: string | null;
  apiKey: string | null;
  version: string | null;
  userAgent: string | null;
}

type Reply = () => Response;

const server = setupServer();
const seen: SeenRequest[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

function envelope(type: string, message: string) {
  return {
    type: 'error',
    error: { type, message },
    request_id: 'req_011CTest',
  };
}

/**
 * Serves pages keyed by the `page` cursor ('' for the first page). Accepts
 * both `group_by[]=` and repeated `group_by=`, and answers 401 like the real
 * API unless the admin key and version headers are right. A page given as a
 * list of replies is answered with them in turn (the last one repeats).
 */
function report(
  url: string,
  pages: Record<string, object | Reply[]>,
  expectedGroupBy: string[],
) {
  const served = new Map<string, number>();
  return http.get(url, ({ request }) => {
    const params = new URL(request.url).searchParams;
    const groupBy = [
      ...params.getAll('group_by[]'),
      ...params.getAll('group_by'),
    ];
    seen.push({
      path: new URL(request.url).pathname,
      startingAt: params.get('starting_at'),
      endingAt: params.get('ending_at'),
      bucketWidth: params.get('bucket_width'),
      limit: params.get('limit'),
      groupBy,
      page: params.get('page'),
      apiKey: request.headers.get('x-api-key'),
      version: request.headers.get('anthropic-version'),
      userAgent: request.headers.get('user-agent'),
    });
    if (request.headers.get('x-api-key') !== ADMIN_KEY) {
      return HttpResponse.json(
        envelope('authentication_error', 'invalid x-api-key'),
        { status: 401 },
      );
    }
    if (request.headers.get('anthropic-version') !== '2023-06-01') {
      return HttpResponse.json(
        envelope('invalid_request_error', 'anthropic-version is required'),
        { status: 400 },
      );
    }
    if ([...groupBy].sort().join() !== [...expectedGroupBy].sort().join()) {
      return HttpResponse.json(
        envelope('invalid_request_error', `unexpected group_by ${groupBy}`),
        { status: 400 },
      );
    }
    const cursor = params.get('page') ?? '';
    const page = pages[cursor];
    if (!page) {
      return HttpResponse.json(
        envelope('invalid_request_error', `unknown page ${cursor}`),
        { status: 400 },
      );
    }
    if (Array.isArray(page)) {
      const n = served.get(cursor) ?? 0;
      served.set(cursor, n + 1);
      return page[Math.min(n, page.length - 1)]();
    }
    return HttpResponse.json(page);
  });
}

const COST_GROUP_BY = ['workspace_id', 'description'];
const USAGE_GROUP_BY = ['api_key_id', 'workspace_id', 'model'];

const costPages = {
  '': {
    data: [
      bucket('2025-08-01', [
        costRow({
          amount: '123.78912',
          workspace_id: WS_A,
          description: 'Claude Sonnet 4.5 Usage - Input Tokens',
          model: 'claude-sonnet-4-5',
          token_type: 'uncached_input_tokens',
        }),
        costRow({
          amount: '876.5',
          workspace_id: WS_A,
          description: 'Claude Sonnet 4.5 Usage - Output Tokens',
          model: 'claude-sonnet-4-5',
          token_type: 'output_tokens',
        }),
        costRow({
          amount: '0.5',
          workspace_id: null,
          description: 'Web Search Usage',
          cost_type: 'web_search',
          model: 'claude-sonnet-4-5',
        }),
        costRow({
          amount: '-250.00',
          workspace_id: null,
          description: 'Promotional Credit',
          cost_type: 'credit',
        }),
      ]),
    ],
    has_more: true,
    next_page: 'page_cost_2',
  },
  page_cost_2: {
    data: [
      bucket('2025-08-02', [
        costRow({
          amount: '40.0',
          workspace_id: WS_A,
          description: 'Claude Opus 4.1 Usage - Input Tokens',
          model: 'claude-opus-4-1',
          token_type: 'uncached_input_tokens',
        }),
        costRow({
          amount: '60.00005',
          workspace_id: WS_A,
          description: 'Claude Opus 4.1 Usage - Output Tokens',
          model: 'claude-opus-4-1',
          token_type: 'output_tokens',
        }),
        costRow({
          amount: '15',
          workspace_id: WS_B,
          description: 'Code Execution Usage',
          cost_type: 'code_execution',
        }),
        costRow({
          amount: '10',
          workspace_id: WS_B,
          description: 'Claude Mystery Usage - Input Tokens',
          model: 'claude-mystery',
          token_type: 'uncached_input_tokens',
        }),
      ]),
      bucket('2025-08-03', []),
    ],
    has_more: false,
    next_page: null,
  },
};

const usagePages = {
  '': {
    data: [
      bucket('2025-08-01', [
        usageRow({
          api_key_id: 'apikey_1',
          workspace_id: WS_A,
          model: 'claude-sonnet-4-5',
          uncached_input_tokens: 1_000_000,
          cache_read_input_tokens: 2_000_000,
          ephemeral_5m_input_tokens: 100_000,
          ephemeral_1h_input_tokens: 50_000,
          output_tokens: 500_000,
        }),
        usageRow({
          api_key_id: 'apikey_2',
          workspace_id: WS_A,
          model: 'claude-sonnet-4-5',
          uncached_input_tokens: 3_000_000,
          output_tokens: 100_000,
        }),
        usageRow({
          api_key_id: null,
          workspace_id: WS_A,
          model: 'claude-sonnet-4-5',
          uncached_input_tokens: 100_000,
          output_tokens: 10_000,
        }),
        usageRow({
          api_key_id: 'apikey_3',
          workspace_id: null,
          model: 'claude-opus-4-1',
          uncached_input_tokens: 10_000,
          ephemeral_1h_input_tokens: 1_000,
          output_tokens: 2_000,
        }),
        usageRow({
          api_key_id: 'apikey_3',
          workspace_id: null,
          model: 'claude-experimental-x',
          uncached_input_tokens: 500,
          output_tokens: 50,
        }),
      ]),
    ],
    has_more: true,
    next_page: 'page_usage_2',
  },
  page_usage_2: {
    data: [
      bucket('2025-08-02', [
        usageRow({
          api_key_id: 'apikey_4',
          workspace_id: WS_B,
          model: 'claude-mystery-20250101',
          uncached_input_tokens: 200,
          output_tokens: 100,
        }),
        usageRow({
          api_key_id: 'apikey_5',
          workspace_id: WS_B,
          model: 'claude-mystery-20250101',
          uncached_input_tokens: 100,
        }),
        usageRow({
          api_key_id: 'apikey_1',
          workspace_id: WS_A,
          model: 'claude-sonnet-4-5',
          uncached_input_tokens: 1_000,
          output_tokens: 100,
        }),
      ]),
    ],
    has_more: true,
    next_page: 'page_usage_3',
  },
  page_usage_3: {
    data: [bucket('2025-08-03', [])],
    has_more: false,
    next_page: null,
  },
};

const tokens = (
  inputTokens: number,
  cachedInputTokens: number,
  cacheWriteTokens: number,
  outputTokens: number,
  cacheWrite1hTokens = 0,
) => ({
  inputTokens,
  cachedInputTokens,
  cacheWriteTokens,
  cacheWrite1hTokens,
  outputTokens,
  requests: 0,
});

/**
 * Every number by hand, with fakePricing ($ per million tokens = micro-$ per token).
 *
 * 2025-08-01, workspace A, claude-sonnet-4-5: billed 123.78912 + 876.5 cents
 * = 1000.28912 cents = $10.0028912 → 10,002,891 µ$. List-price estimates:
 *   apikey_1: 1,000,000×3 + 2,000,000×1 + (100,000+50,000)×4 + 500,000×15 = 13,100,000
 *   apikey_2: 3,000,000×3 + 100,000×15                                   = 10,500,000
 *   (null)  : 100,000×3 + 10,000×15                                       =    450,000
 *   sum 24,050,000. Exact shares of 10,002,891:
 *   (null)   ×450/24050   = 187,164.2807
 *   apikey_1 ×13100/24050 = 5,448,560.1705
 *   apikey_2 ×10500/24050 = 4,367,166.5489 → gets the one left-over micro (largest remainder)
 *   187,164 + 5,448,560 + 4,367,167 = 10,002,891.
 * Default workspace: web search 0.5 ¢ = 5,000 µ$; credit −250.00 ¢ = −2,500,000 µ$;
 *   opus (no billed figure): 10,000×15 + 1,000×19 + 2,000×75 = 319,000 estimated;
 *   claude-experimental-x: unpriced, cost 0.
 * 2025-08-02: opus in A billed without usage: 40.0 ¢ = 400,000; 60.00005 ¢ = 600,000.5 → 600,001.
 *   Code execution in B: 15 ¢ = 150,000. claude-mystery in B: 10 ¢ = 100,000 split by
 *   tokens (unpriced) 300 : 100 = 75,000 : 25,000. Sonnet in A, no billed figure:
 *   1,000×3 + 100×15 = 4,500 estimated.
 */
const EXPECTED: UsageRecord[] = [
  {
    date: '2025-08-01',
    projectId: 'default',
    apiKeyId: 'apikey_3',
    model: 'claude-experimental-x',
    lineItem: null,
    ...tokens(500, 0, 0, 50),
    cost: 0,
    currency: 'USD',
    costKind: 'estimated',
    estimatedCost: null,
    unpriced: true,
  },
  {
    date: '2025-08-01',
    projectId: 'default',
    apiKeyId: 'apikey_3',
    model: 'claude-opus-4-1',
    lineItem: null,
    ...tokens(10_000, 0, 1_000, 2_000, 1_000),
    cost: 319_000,
    currency: 'USD',
    costKind: 'estimated',
    estimatedCost: 319_000,
    unpriced: false,
  },
  {
    date: '2025-08-01',
    projectId: WS_A,
    apiKeyId: null,
    model: 'claude-sonnet-4-5',
    lineItem: null,
    ...tokens(100_000, 0, 0, 10_000),
    cost: 187_164,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: 450_000,
    unpriced: false,
  },
  {
    date: '2025-08-01',
    projectId: WS_A,
    apiKeyId: 'apikey_1',
    model: 'claude-sonnet-4-5',
    lineItem: null,
    ...tokens(1_000_000, 2_000_000, 150_000, 500_000, 50_000),
    cost: 5_448_560,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: 13_100_000,
    unpriced: false,
  },
  {
    date: '2025-08-01',
    projectId: WS_A,
    apiKeyId: 'apikey_2',
    model: 'claude-sonnet-4-5',
    lineItem: null,
    ...tokens(3_000_000, 0, 0, 100_000),
    cost: 4_367_167,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: 10_500_000,
    unpriced: false,
  },
  {
    date: '2025-08-01',
    projectId: 'default',
    apiKeyId: null,
    model: null,
    lineItem: 'Promotional Credit',
    ...tokens(0, 0, 0, 0),
    cost: -2_500_000,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: null,
    unpriced: false,
  },
  {
    date: '2025-08-01',
    projectId: 'default',
    apiKeyId: null,
    model: 'claude-sonnet-4-5',
    lineItem: 'Web Search Usage',
    ...tokens(0, 0, 0, 0),
    cost: 5_000,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: null,
    unpriced: false,
  },
  {
    date: '2025-08-02',
    projectId: WS_A,
    apiKeyId: 'apikey_1',
    model: 'claude-sonnet-4-5',
    lineItem: null,
    ...tokens(1_000, 0, 0, 100),
    cost: 4_500,
    currency: 'USD',
    costKind: 'estimated',
    estimatedCost: 4_500,
    unpriced: false,
  },
  {
    date: '2025-08-02',
    projectId: WS_B,
    apiKeyId: 'apikey_4',
    model: 'claude-mystery-20250101',
    lineItem: null,
    ...tokens(200, 0, 0, 100),
    cost: 75_000,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: null,
    unpriced: true,
  },
  {
    date: '2025-08-02',
    projectId: WS_B,
    apiKeyId: 'apikey_5',
    model: 'claude-mystery-20250101',
    lineItem: null,
    ...tokens(100, 0, 0, 0),
    cost: 25_000,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: null,
    unpriced: true,
  },
  {
    date: '2025-08-02',
    projectId: WS_A,
    apiKeyId: null,
    model: 'claude-opus-4-1',
    lineItem: 'Claude Opus 4.1 Usage - Input Tokens',
    ...tokens(0, 0, 0, 0),
    cost: 400_000,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: null,
    unpriced: false,
  },
  {
    date: '2025-08-02',
    projectId: WS_A,
    apiKeyId: null,
    model: 'claude-opus-4-1',
    lineItem: 'Claude Opus 4.1 Usage - Output Tokens',
    ...tokens(0, 0, 0, 0),
    cost: 600_001,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: null,
    unpriced: false,
  },
  {
    date: '2025-08-02',
    projectId: WS_B,
    apiKeyId: null,
    model: null,
    lineItem: 'Code Execution Usage',
    ...tokens(0, 0, 0, 0),
    cost: 150_000,
    currency: 'USD',
    costKind: 'billed',
    estimatedCost: null,
    unpriced: false,
  },
];

function recordKey(r: UsageRecord): string {
  return JSON.stringify([r.date, r.projectId, r.apiKeyId, r.model, r.lineItem]);
}

function sortRecords(records: UsageRecord[]): UsageRecord[] {
  return [...records].sort((a, b) => (recordKey(a) < recordKey(b) ? -1 : 1));
}

function makeProvider(
  overrides: Partial<
    ConstructorParameters<typeof AnthropicCostProvider>[0]
  > = {},
) {
  const sleep = jest.fn(async (_ms: number) => {});
  const provider = new AnthropicCostProvider({
    id: 'anthropic-test',
    adminKey: ADMIN_KEY,
    baseUrl: BASE_URL,
    ...overrides,
    http: { sleep, ...overrides.http },
  });
  return { provider, sleep };
}

function context() {
  const pricing = fakePricing();
  return { pricing, logger: mockServices.logger.mock() };
}

function fetchWith(
  provider: AnthropicCostProvider,
  ctx = context(),
  window = WINDOW,
) {
  return provider.fetchUsage(window, ctx);
}

function useReports(
  costs: Record<string, object | Reply[]> = costPages,
  usage: Record<string, object | Reply[]> = usagePages,
) {
  server.use(
    report(COST_URL, costs, COST_GROUP_BY),
    report(USAGE_URL, usage, USAGE_GROUP_BY),
  );
}

describe('AnthropicCostProvider', () => {
  it('is an anthropic provider with the configured id', () => {
    const { provider } = makeProvider();
    expect(provider.id).toBe('anthropic-test');
    expect(provider.provider).toBe('anthropic');
  });

  it('reads every page of both reports and combines them into billed, split and estimated records', async () => {
    useReports();
    const { provider, sleep } = makeProvider();
    const ctx = context();
    const records = await fetchWith(provider, ctx);

    expect(sortRecords(records)).toEqual(sortRecords(EXPECTED));
    expect(sleep).not.toHaveBeenCalled();

    // Every page of both endpoints, the cursor sent back, the same window,
    // headers on every request.
    expect(seen.map(r => [r.path, r.page])).toEqual([
      ['/v1/organizations/cost_report', null],
      ['/v1/organizations/cost_report', 'page_cost_2'],
      ['/v1/organizations/usage_report/messages', null],
      ['/v1/organizations/usage_report/messages', 'page_usage_2'],
      ['/v1/organizations/usage_report/messages', 'page_usage_3'],
    ]);
    for (const request of seen) {
      expect(request).toMatchObject({
        startingAt: '2025-08-01T00:00:00Z',
        endingAt: '2025-08-04T00:00:00Z',
        bucketWidth: '1d',
        limit: '31',
        apiKey: ADMIN_KEY,
        version: '2023-06-01',
      });
      expect(request.userAgent).toContain(
        '@ai-cost/plugin-ai-cost-backend-module-anthropic',
      );
    }
    expect(seen[0].groupBy).toEqual(['workspace_id', 'description']);
    expect(seen[2].groupBy).toEqual(['api_key_id', 'workspace_id', 'model']);

    // Usage is priced with the uncached-input semantics and the usage day.
    expect(ctx.pricing.queries).toContainEqual({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      date: '2025-08-01',
      inputTokens: 1_000_000,
      cachedInputTokens: 2_000_000,
      cacheWriteTokens: 150_000,
      cacheWrite1hTokens: 50_000,
      outputTokens: 500_000,
    });
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('claude-experimental-x could not be priced'),
    );
  });

  it('splits a billed workspace total across api keys to the micro-unit', async () => {
    useReports();
    const { provider } = makeProvider();
    const records = await fetchWith(provider);
    const split = records.filter(
      r =>
        r.date === '2025-08-01' &&
        r.projectId === WS_A &&
        r.model === 'claude-sonnet-4-5',
    );
    // 123.78912 + 876.5 cents = $10.0028912 → 10,002,891 micro-dollars.
    expect(split.reduce((sum, r) => sum + r.cost, 0)).toBe(10_002_891);
    const byKey = Object.fromEntries(
      split.map(r => [String(r.apiKeyId), r.cost]),
    );
    expect(byKey).toEqual({
      apikey_1: 5_448_560,
      apikey_2: 4_367_167,
      null: 187_164,
    });
    // Shares follow list-price weights 13,100,000 : 10,500,000 : 450,000.
    expect(byKey.apikey_1 / byKey.apikey_2).toBeCloseTo(13_100 / 10_500, 5);
  });

  it('keeps records unique by (date, workspace, api key, model, line item)', async () => {
    useReports();
    const { provider } = makeProvider();
    const records = await fetchWith(provider);
    expect(new Set(records.map(recordKey)).size).toBe(records.length);
    expect(records).toHaveLength(13);
  });

  it('also accepts (and parses identically) bodies with unknown extra fields', async () => {
    const withExtras = (pages: Record<string, any>) =>
      JSON.parse(JSON.stringify(pages), (_key, value) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? { ...value, future_field: { nested: [1, 'x'] } }
          : value,
      );
    useReports(withExtras(costPages), withExtras(usagePages));
    const { provider } = makeProvider();
    const records = await fetchWith(provider);
    expect(sortRecords(records)).toEqual(sortRecords(EXPECTED));
  });

  it('waits as long as Retry-After says after a 429, then continues', async () => {
    useReports({
      ...costPages,
      '': [
        () =>
          HttpResponse.json(
            envelope(
              'rate_limit_error',
              'Number of requests has exceeded your rate limit',
            ),
            { status: 429, headers: { 'retry-after': '7' } },
          ),
        () => HttpResponse.json(costPages['']),
      ],
    });
    const { provider, sleep } = makeProvider();
    const records = await fetchWith(provider);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep.mock.calls[0][0]).toBe(7000);
    expect(sortRecords(records)).toEqual(sortRecords(EXPECTED));
    expect(seen.filter(r => r.path.endsWith('cost_report'))).toHaveLength(3);
  });

  it('retries a 500 on page two with backoff and re-sends the same cursor', async () => {
    useReports(costPages, {
      ...usagePages,
      page_usage_2: [
        () =>
          HttpResponse.json(envelope('api_error', 'Internal server error'), {
            status: 500,
          }),
        () => HttpResponse.json(usagePages.page_usage_2),
      ],
    });
    const { provider, sleep } = makeProvider({
      http: { initialBackoffMs: 250 },
    });
    const records = await fetchWith(provider);
    expect(sleep.mock.calls.map(c => c[0])).toEqual([250]);
    expect(
      seen.filter(r => r.path.endsWith('/messages')).map(r => r.page),
    ).toEqual([null, 'page_usage_2', 'page_usage_2', 'page_usage_3']);
    expect(sortRecords(records)).toEqual(sortRecords(EXPECTED));
  });

  it('gives up on 529 overloaded after the configured retries with a clear message', async () => {
    useReports({
      '': [
        () =>
          HttpResponse.json(envelope('overloaded_error', 'Overloaded'), {
            status: 529,
          }),
      ],
    });
    const { provider, sleep } = makeProvider({
      http: { maxRetries: 2, initialBackoffMs: 100 },
    });
    await expect(fetchWith(provider)).rejects.toThrow(
      'Anthropic /v1/organizations/cost_report answered 529 after 3 attempts: overloaded_error: Overloaded (request req_011CTest)',
    );
    expect(sleep.mock.calls.map(c => c[0])).toEqual([100, 200]);
    expect(seen).toHaveLength(3);
  });

  it("reports a 401 with Anthropic's message and never the admin key", async () => {
    useReports();
    const { provider, sleep } = makeProvider({
      adminKey: 'sk-ant-admin01-WRONG-KEY-secret',
    });
    const error = await fetchWith(provider).then(
      () => undefined,
      e => e as Error,
    );
    expect(error?.message).toBe(
      'Anthropic /v1/organizations/cost_report answered 401: authentication_error: invalid x-api-key (request req_011CTest)',
    );
    expect(error?.message).not.toContain('sk-ant-admin01');
    expect(sleep).not.toHaveBeenCalled();
    expect(seen).toHaveLength(1);
  });

  it.each([
    [
      'an error envelope',
      () =>
        HttpResponse.json(
          envelope('permission_error', `key ${ADMIN_KEY} lacks admin scope`),
          { status: 403 },
        ),
      'answered 403: permission_error: key [redacted] lacks admin scope (request req_011CTest)',
    ],
    [
      'a plain text body',
      () => HttpResponse.text(`bad key ${ADMIN_KEY}`, { status: 403 }),
      'answered 403: bad key [redacted]',
    ],
    [
      'JSON that is not an error envelope',
      () =>
        HttpResponse.json({ detail: `bad key ${ADMIN_KEY}` }, { status: 403 }),
      'answered 403: {"detail":"bad key [redacted]"}',
    ],
  ])('redacts the admin key when %s echoes it', async (_, reply, message) => {
    server.use(http.get(COST_URL, reply));
    const { provider } = makeProvider();
    const error = await fetchWith(provider).then(
      () => undefined,
      e => e as Error,
    );
    expect(error?.message).toBe(
      `Anthropic /v1/organizations/cost_report ${message}`,
    );
    expect(error?.message).not.toContain(ADMIN_KEY);
  });

  it('names the endpoint and the field path when a required field is missing', async () => {
    const broken = JSON.parse(JSON.stringify(usagePages));
    delete broken.page_usage_2.data[0].results[1].output_tokens;
    useReports(costPages, broken);
    const { provider } = makeProvider();
    await expect(fetchWith(provider)).rejects.toThrow(
      'Anthropic /v1/organizations/usage_report/messages: unexpected response: data.0.results.1.output_tokens: Required',
    );
  });

  it('names the field when a grouped dimension is absent rather than guessing the default workspace', async () => {
    const broken = JSON.parse(JSON.stringify(costPages));
    delete broken[''].data[0].results[0].workspace_id;
    useReports(broken);
    const { provider } = makeProvider();
    await expect(fetchWith(provider)).rejects.toThrow(
      'Anthropic /v1/organizations/cost_report: unexpected response: data.0.results.0.workspace_id: Required',
    );
  });

  it.each([
    ['12,5', 'Expected a decimal string of cents, e.g. "123.45"'],
    [12.5, 'Expected string, received number'],
    ['$1.00', 'Expected a decimal string of cents, e.g. "123.45"'],
  ])('rejects a cost amount of %j naming the field', async (amount, why) => {
    const broken = JSON.parse(JSON.stringify(costPages));
    broken.page_cost_2.data[0].results[2].amount = amount;
    useReports(broken);
    const { provider } = makeProvider();
    await expect(fetchWith(provider)).rejects.toThrow(
      `Anthropic /v1/organizations/cost_report: unexpected response: data.0.results.2.amount: ${why}`,
    );
  });

  it('refuses a cost in a currency other than the configured one', async () => {
    const eur = JSON.parse(JSON.stringify(costPages));
    eur[''].data[0].results[1].currency = 'EUR';
    useReports(eur);
    const { provider } = makeProvider();
    await expect(fetchWith(provider)).rejects.toThrow(
      'Anthropic /v1/organizations/cost_report: the bucket starting 2025-08-01T00:00:00Z has a cost in "EUR", but aiCost.currency is "USD"; amounts in different currencies are not mixed',
    );
  });

  it('refuses USD costs when the reporting currency is not USD', async () => {
    useReports();
    const { provider } = makeProvider({ currency: 'EUR' });
    await expect(fetchWith(provider)).rejects.toThrow(
      'has a cost in "USD", but aiCost.currency is "EUR"',
    );
  });

  it('stops instead of looping when has_more comes without a cursor', async () => {
    useReports({
      '': { data: [], has_more: true, next_page: null },
    });
    const { provider } = makeProvider();
    await expect(fetchWith(provider)).rejects.toThrow(
      'Anthropic /v1/organizations/cost_report: has_more is true but next_page is missing',
    );
  });

  it('streams a long window a week at a time, reading each week only when the previous one is taken', async () => {
    const ranges: string[][] = [];
    const answer =
      (results: (day: string) => object[]) =>
      ({ request }: { request: Request }) => {
        const params = new URL(request.url).searchParams;
        const startingAt = params.get('starting_at')!;
        ranges.push([startingAt, params.get('ending_at')!]);
        const day = startingAt.slice(0, 10);
        return HttpResponse.json({
          data: [bucket(day, results(day))],
          has_more: false,
        });
      };
    server.use(
      http.get(
        COST_URL,
        answer(() => [
          costRow({
            amount: '250',
            workspace_id: WS_A,
            description: 'Web search',
            cost_type: 'web_search',
          }),
        ]),
      ),
      http.get(
        USAGE_URL,
        answer(() => []),
      ),
    );
    const { provider } = makeProvider();
    const pages: UsageRecord[][] = [];
    const requestsSeen: number[] = [];
    for await (const records of provider.streamUsage(
      { from: '2025-08-01', to: '2025-08-10' },
      context(),
    )) {
      requestsSeen.push(ranges.length);
      pages.push(records);
    }
    expect(pages.map(p => p.map(r => [r.date, r.cost]))).toEqual([
      [['2025-08-01', 2_500_000]],
      [['2025-08-08', 2_500_000]],
    ]);
    // Each week's two reports are read when its page is asked for.
    expect(requestsSeen).toEqual([2, 4]);
    expect(ranges).toEqual([
      ['2025-08-01T00:00:00Z', '2025-08-08T00:00:00Z'],
      ['2025-08-01T00:00:00Z', '2025-08-08T00:00:00Z'],
      ['2025-08-08T00:00:00Z', '2025-08-11T00:00:00Z'],
      ['2025-08-08T00:00:00Z', '2025-08-11T00:00:00Z'],
    ]);
  });

  it('also answers a one-day window with the right range', async () => {
    useReports(
      { '': { data: [bucket('2025-08-03', [])], has_more: false } },
      { '': { data: [bucket('2025-08-03', [])], has_more: false } },
    );
    const { provider } = makeProvider();
    await expect(
      fetchWith(provider, context(), { from: '2025-08-03', to: '2025-08-03' }),
    ).resolves.toEqual([]);
    expect(seen.map(r => [r.startingAt, r.endingAt])).toEqual([
      ['2025-08-03T00:00:00Z', '2025-08-04T00:00:00Z'],
      ['2025-08-03T00:00:00Z', '2025-08-04T00:00:00Z'],
    ]);
  });
});

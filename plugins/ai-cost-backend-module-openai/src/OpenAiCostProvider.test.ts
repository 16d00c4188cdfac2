import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { mockServices } from '@backstage/backend-test-utils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OpenAiCostProvider } from './OpenAiCostProvider';
import {
  ADMIN_KEY,
  BASE_URL,
  bucket,
  COMPLETIONS,
  completionsResult,
  COSTS,
  costResult,
  DAY1,
  DAY2,
  DAY3,
  EMBEDDINGS,
  embeddingsResult,
  FakeOpenAi,
  fakePricing,
  page,
} from './__testUtils__/fakeOpenAi';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const WINDOW = { from: '2024-11-01', to: '2024-11-02' };

function setup(options: { maxRetries?: number; currency?: string } = {}) {
  const api = new FakeOpenAi(server);
  const sleep = jest.fn(async (_ms: number) => {});
  const provider = new OpenAiCostProvider({
    id: 'openai-test',
    adminKey: ADMIN_KEY,
    baseUrl: BASE_URL,
    currency: options.currency,
    http: { sleep, maxRetries: options.maxRetries ?? 3 },
  });
  const logger = mockServices.logger.mock();
  const pricing = fakePricing();
  const run = () => provider.fetchUsage(WINDOW, { logger, pricing });
  return { api, sleep, provider, logger, pricing, run };
}

/** The record for one (date, project, key, model, line item), which must exist exactly once. */
function find(
  records: UsageRecord[],
  date: string,
  projectId: string | null,
  apiKeyId: string | null,
  model: string | null,
  lineItem: string | null = null,
): UsageRecord {
  const matches = records.filter(
    r =>
      r.date === date &&
      (r.projectId ?? null) === projectId &&
      (r.apiKeyId ?? null) === apiKeyId &&
      (r.model ?? null) === model &&
      (r.lineItem ?? null) === lineItem,
  );
  expect(matches).toHaveLength(1);
  return matches[0];
}

/** Day 1: proj_a/key_a is billed and explained by three models; proj_b has a cost nothing explains. */
function serveMainScenario(api: FakeOpenAi) {
  api.pages(COSTS, [
    [
      bucket(DAY1, [
        costResult(10.1425634, 'gpt-4o, input', 'proj_a', 'key_a'),
        costResult(0.06, 'gpt-4o-mini, output', 'proj_a', 'key_a'),
        costResult(0.5, 'File search storage', 'proj_b', null),
      ]),
      bucket(DAY2, []),
    ],
  ]);
  api.pages(COMPLETIONS, [
    [
      bucket(DAY1, [
        // Current spec fields: input 5000 = 3000 uncached + 1800 cached + 200 cache write.
        completionsResult({
          model: 'gpt-4o',
          project_id: 'proj_a',
          api_key_id: 'key_a',
          input_tokens: 5000,
          input_cached_tokens: 1800,
          input_cache_write_tokens: 200,
          input_uncached_tokens: 3000,
          output_tokens: 1000,
          num_model_requests: 5,
          service_tier: 'default',
        }),
        // 2024 fields only: uncached = 10000 - 2000.
        completionsResult({
          model: 'gpt-4o-mini',
          project_id: 'proj_a',
          api_key_id: 'key_a',
          input_tokens: 10000,
          input_cached_tokens: 2000,
          output_tokens: 1000,
          num_model_requests: 7,
        }),
      ]),
      bucket(DAY2, [
        completionsResult({
          model: 'gpt-4o',
          project_id: 'proj_a',
          api_key_id: 'key_a',
          input_tokens: 1000,
          input_cached_tokens: 200,
          output_tokens: 100,
          num_model_requests: 2,
        }),
        completionsResult({
          model: 'ft:gpt-4o:acme::abc',
          project_id: 'proj_a',
          api_key_id: 'key_a',
          input_tokens: 300,
          output_tokens: 30,
          num_model_requests: 1,
        }),
      ]),
    ],
  ]);
  api.pages(EMBEDDINGS, [
    [
      bucket(DAY1, [
        embeddingsResult({
          model: 'text-embedding-3-small',
          project_id: 'proj_a',
          api_key_id: 'key_a',
          input_tokens: 4000,
          num_model_requests: 3,
        }),
      ]),
    ],
  ]);
}

describe('OpenAiCostProvider', () => {
  it('asks each endpoint for the window in daily buckets with the admin key and grouping', async () => {
    const { api, run } = setup();
    await run();

    expect(api.seen.map(s => s.path)).toEqual([COSTS, COMPLETIONS, EMBEDDINGS]);
    for (const request of api.seen) {
      // 2024-11-01T00:00Z and 2024-11-03T00:00Z: `to` is inclusive, end_time exclusive.
      expect(request.query.get('start_time')).toBe('1730419200');
      expect(request.query.get('end_time')).toBe('1730592000');
      expect(request.query.get('bucket_width')).toBe('1d');
      // Sent in the official SDK's bracket form.
      expect(request.query.getAll('group_by')).toEqual([]);
    }
    const [costs, completions, embeddings] = api.seen;
    expect(costs.query.get('limit')).toBe('180');
    expect(costs.groupBy).toEqual(['project_id', 'api_key_id', 'line_item']);
    expect(completions.query.get('limit')).toBe('31');
    expect(completions.groupBy).toEqual(['project_id', 'api_key_id', 'model']);
    expect(embeddings.query.get('limit')).toBe('31');
    expect(embeddings.groupBy).toEqual(['project_id', 'api_key_id', 'model']);
  });

  it('streams a long window a week at a time, reading each week only when the previous one is taken', async () => {
    const { api, provider, logger, pricing } = setup();
    const day = (n: number) => DAY1 + (n - 1) * 86_400;
    api.on(COSTS, request => {
      const start = Number(request.query.get('start_time'));
      return page([bucket(start, [costResult(1.5, 'File search', 'p', null)])]);
    });
    const pages: UsageRecord[][] = [];
    const requestsSeen: number[] = [];
    for await (const records of provider.streamUsage(
      { from: '2024-11-01', to: '2024-11-10' },
      { logger, pricing },
    )) {
      requestsSeen.push(api.seen.length);
      pages.push(records);
    }
    expect(pages.map(p => p.map(r => [r.date, r.cost]))).toEqual([
      [['2024-11-01', 1_500_000]],
      [['2024-11-08', 1_500_000]],
    ]);
    // Each week's three requests are made when its page is asked for.
    expect(requestsSeen).toEqual([3, 6]);
    for (const path of [COSTS, COMPLETIONS, EMBEDDINGS]) {
      expect(
        api
          .requestsTo(path)
          .map(r => [r.query.get('start_time'), r.query.get('end_time')]),
      ).toEqual([
        [String(day(1)), String(day(8))],
        [String(day(8)), String(day(11))],
      ]);
    }
    expect(
      await provider.fetchUsage(
        { from: '2024-11-01', to: '2024-11-10' },
        { logger, pricing },
      ),
    ).toEqual(pages.flat());
  });

  it('splits a billed total across models by their estimates, to the micro-unit', async () => {
    const { api, run, pricing } = setup();
    serveMainScenario(api);
    const records = await run();

    // Billed for proj_a/key_a on day 1: $10.1425634 + $0.06 = 10142563 + 60000 micro-units.
    // Estimates (fake prices in micro-units per token):
    //   gpt-4o:      3000*2 + 1800*1 + 200*3 + 1000*8 = 16400
    //   gpt-4o-mini: 8000*1 + 2000*0 + 1000*4         = 12000
    //   embeddings:  4000*1                            =  4000   (sum 32400)
    // Shares of 10202563: 5164260.28, 3778727.04, 1259575.68 → largest remainder → +1 to embeddings.
    const gpt4o = find(records, '2024-11-01', 'proj_a', 'key_a', 'gpt-4o');
    const mini = find(records, '2024-11-01', 'proj_a', 'key_a', 'gpt-4o-mini');
    const embed = find(
      records,
      '2024-11-01',
      'proj_a',
      'key_a',
      'text-embedding-3-small',
    );
    expect(gpt4o).toEqual({
      date: '2024-11-01',
      projectId: 'proj_a',
      apiKeyId: 'key_a',
      serviceTier: 'default',
      model: 'gpt-4o',
      lineItem: null,
      inputTokens: 3000,
      cachedInputTokens: 1800,
      cacheWriteTokens: 200,
      outputTokens: 1000,
      requests: 5,
      cost: 5164260,
      currency: 'USD',
      costKind: 'billed',
      estimatedCost: 16400,
      unpriced: false,
    });
    expect(mini).toMatchObject({
      inputTokens: 8000,
      cachedInputTokens: 2000,
      cacheWriteTokens: 0,
      outputTokens: 1000,
      requests: 7,
      cost: 3778727,
      costKind: 'billed',
      estimatedCost: 12000,
      unpriced: false,
    });
    expect(embed).toMatchObject({
      inputTokens: 4000,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      requests: 3,
      cost: 1259576,
      costKind: 'billed',
      estimatedCost: 4000,
    });
    expect(gpt4o.cost + mini.cost + embed.cost).toBe(10_202_563);

    // Pricing was asked with uncached input and the usage day.
    expect(pricing.queries).toContainEqual({
      provider: 'openai',
      model: 'gpt-4o',
      date: '2024-11-01',
      inputTokens: 3000,
      cachedInputTokens: 1800,
      cacheWriteTokens: 200,
      outputTokens: 1000,
      requests: 5,
    });
  });

  it('keeps a billed line nothing explains as a record without a model', async () => {
    const { api, run } = setup();
    serveMainScenario(api);
    const records = await run();
    expect(
      find(records, '2024-11-01', 'proj_b', null, null, 'File search storage'),
    ).toEqual({
      date: '2024-11-01',
      projectId: 'proj_b',
      apiKeyId: null,
      model: null,
      lineItem: 'File search storage',
      cost: 500_000,
      currency: 'USD',
      costKind: 'billed',
      estimatedCost: null,
      unpriced: false,
    });
  });

  it('estimates usage that has no billed figure and flags models it cannot price', async () => {
    const { api, run, logger } = setup();
    serveMainScenario(api);
    const records = await run();

    // Day 2 has usage but no cost: 800*2 + 200*1 + 100*8 = 2600.
    expect(
      find(records, '2024-11-02', 'proj_a', 'key_a', 'gpt-4o'),
    ).toMatchObject({
      inputTokens: 800,
      cachedInputTokens: 200,
      outputTokens: 100,
      cost: 2600,
      costKind: 'estimated',
      estimatedCost: 2600,
      unpriced: false,
    });
    expect(
      find(records, '2024-11-02', 'proj_a', 'key_a', 'ft:gpt-4o:acme::abc'),
    ).toMatchObject({
      inputTokens: 300,
      outputTokens: 30,
      cost: 0,
      costKind: 'estimated',
      estimatedCost: null,
      unpriced: true,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'ft:gpt-4o:acme::abc (unknown model ft:gpt-4o:acme::abc)',
      ),
    );
    // Everything in the scenario, each once: 3 billed day-1 models, 1 cost line, 2 day-2 estimates.
    expect(records).toHaveLength(6);
    const keys = records.map(r =>
      JSON.stringify([r.date, r.projectId, r.apiKeyId, r.model, r.lineItem]),
    );
    expect(new Set(keys).size).toBe(records.length);
  });

  it('gives an unpriced model in a billed group a share at the group average rate', async () => {
    const { api, run } = setup();
    api.pages(COSTS, [
      [bucket(DAY1, [costResult(1, 'mixed', 'proj_a', 'key_a')])],
    ]);
    api.pages(COMPLETIONS, [
      [
        bucket(DAY1, [
          // estimate 1000*2 = 2000 for 1000 tokens: 2 per token
          completionsResult({
            model: 'gpt-4o',
            project_id: 'proj_a',
            api_key_id: 'key_a',
            input_tokens: 1000,
            output_tokens: 0,
            num_model_requests: 1,
          }),
          // unpriced, 500 tokens → weight 500*2 = 1000
          completionsResult({
            model: 'mystery-model',
            project_id: 'proj_a',
            api_key_id: 'key_a',
            input_tokens: 400,
            output_tokens: 100,
            num_model_requests: 1,
          }),
        ]),
      ],
    ]);
    const records = await run();
    // $1 = 1000000 split 2000:1000 → 666666.67 / 333333.33 → 666667 + 333333.
    expect(
      find(records, '2024-11-01', 'proj_a', 'key_a', 'gpt-4o'),
    ).toMatchObject({
      cost: 666_667,
      costKind: 'billed',
      estimatedCost: 2000,
      unpriced: false,
    });
    expect(
      find(records, '2024-11-01', 'proj_a', 'key_a', 'mystery-model'),
    ).toMatchObject({
      cost: 333_333,
      costKind: 'billed',
      estimatedCost: null,
      unpriced: true,
    });
  });

  it('splits by tokens when nothing in a billed group can be priced', async () => {
    const { api, run } = setup();
    api.pages(COSTS, [
      [bucket(DAY1, [costResult(0.000004, 'x', 'proj_a', 'key_a')])],
    ]);
    api.pages(COMPLETIONS, [
      [
        bucket(DAY1, [
          completionsResult({
            model: 'model-a',
            project_id: 'proj_a',
            api_key_id: 'key_a',
            input_tokens: 200,
            output_tokens: 100,
            num_model_requests: 1,
          }),
          completionsResult({
            model: 'model-b',
            project_id: 'proj_a',
            api_key_id: 'key_a',
            input_tokens: 100,
            output_tokens: 0,
            num_model_requests: 1,
          }),
        ]),
      ],
    ]);
    const records = await run();
    expect(
      find(records, '2024-11-01', 'proj_a', 'key_a', 'model-a'),
    ).toMatchObject({ cost: 3, unpriced: true, costKind: 'billed' });
    expect(
      find(records, '2024-11-01', 'proj_a', 'key_a', 'model-b'),
    ).toMatchObject({ cost: 1, unpriced: true, costKind: 'billed' });
  });

  it('converts float dollars to exact micro-units (10.1425634 → 10142563, 0.06 → 60000, 0.1 + 0.2 → 300000)', async () => {
    const { api, run } = setup();
    api.pages(COSTS, [
      [
        bucket(DAY1, [
          costResult(0.1, 'a', 'proj_a', 'key_a'),
          costResult(0.2, 'b', 'proj_a', 'key_a'),
          costResult(10.1425634, 'c', 'proj_c', null),
          costResult(0.06, 'd', 'proj_c', null),
        ]),
      ],
    ]);
    api.pages(COMPLETIONS, [
      [
        bucket(DAY1, [
          completionsResult({
            model: 'gpt-4o',
            project_id: 'proj_a',
            api_key_id: 'key_a',
            input_tokens: 10,
            output_tokens: 0,
            num_model_requests: 1,
          }),
        ]),
      ],
    ]);
    const records = await run();
    expect(find(records, '2024-11-01', 'proj_a', 'key_a', 'gpt-4o').cost).toBe(
      300_000,
    );
    expect(find(records, '2024-11-01', 'proj_c', null, null, 'c').cost).toBe(
      10_142_563,
    );
    expect(find(records, '2024-11-01', 'proj_c', null, null, 'd').cost).toBe(
      60_000,
    );
  });

  it('follows next_page on every endpoint and sends the cursor back', async () => {
    const { api, run } = setup();
    api.pages(COSTS, [
      [bucket(DAY1, [costResult(1, 'x', 'proj_x', null)])],
      [bucket(DAY2, [costResult(2, 'x', 'proj_x', null)])],
    ]);
    api.pages(COMPLETIONS, [
      [
        bucket(DAY1, [
          completionsResult({
            model: 'gpt-4o',
            project_id: 'proj_y',
            input_tokens: 1,
            output_tokens: 0,
            num_model_requests: 1,
          }),
        ]),
      ],
      [
        bucket(DAY2, [
          completionsResult({
            model: 'gpt-4o',
            project_id: 'proj_y',
            input_tokens: 2,
            output_tokens: 0,
            num_model_requests: 1,
          }),
        ]),
      ],
      [
        bucket(DAY2, [
          completionsResult({
            model: 'gpt-4o-mini',
            project_id: 'proj_y',
            input_tokens: 3,
            output_tokens: 0,
            num_model_requests: 1,
          }),
        ]),
      ],
    ]);
    const records = await run();

    expect(api.requestsTo(COSTS).map(r => r.page)).toEqual([null, 'cursor-1']);
    expect(api.requestsTo(COMPLETIONS).map(r => r.page)).toEqual([
      null,
      'cursor-1',
      'cursor-2',
    ]);
    expect(api.requestsTo(EMBEDDINGS).map(r => r.page)).toEqual([null]);
    // Later pages keep the original query.
    for (const request of api.seen) {
      expect(request.query.get('start_time')).toBe('1730419200');
      expect(request.groupBy).toHaveLength(3);
    }
    expect(find(records, '2024-11-01', 'proj_x', null, null, 'x').cost).toBe(
      1_000_000,
    );
    expect(find(records, '2024-11-02', 'proj_x', null, null, 'x').cost).toBe(
      2_000_000,
    );
    expect(find(records, '2024-11-01', 'proj_y', null, 'gpt-4o').cost).toBe(2);
    expect(find(records, '2024-11-02', 'proj_y', null, 'gpt-4o').cost).toBe(4);
    expect(
      find(records, '2024-11-02', 'proj_y', null, 'gpt-4o-mini').cost,
    ).toBe(3);
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    const { api, run, sleep } = setup();
    api.on(COSTS, (_request, attempt) =>
      attempt === 0
        ? HttpResponse.json(
            {
              error: {
                message: 'Rate limit reached',
                type: 'rate_limit_error',
              },
            },
            { status: 429, headers: { 'Retry-After': '7' } },
          )
        : page([bucket(DAY1, [costResult(1.5, 'x', 'proj_a', null)])]),
    );
    const records = await run();
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep.mock.calls[0][0]).toBe(7000);
    expect(api.requestsTo(COSTS)).toHaveLength(2);
    expect(find(records, '2024-11-01', 'proj_a', null, null, 'x').cost).toBe(
      1_500_000,
    );
  });

  it('retries a 500 on page two and keeps both pages', async () => {
    const { api, run, sleep } = setup();
    api.on(COSTS, (request, attempt) => {
      if (!request.page) {
        return page(
          [bucket(DAY1, [costResult(1, 'x', 'proj_a', null)])],
          'cursor-1',
        );
      }
      if (attempt === 0) {
        return HttpResponse.json(
          {
            error: { message: 'The server had an error', type: 'server_error' },
          },
          { status: 500 },
        );
      }
      return page([bucket(DAY2, [costResult(2, 'x', 'proj_a', null)])]);
    });
    const records = await run();
    expect(api.requestsTo(COSTS).map(r => r.page)).toEqual([
      null,
      'cursor-1',
      'cursor-1',
    ]);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep.mock.calls[0][0]).toBe(1000); // first exponential backoff step
    expect(find(records, '2024-11-01', 'proj_a', null, null, 'x').cost).toBe(
      1_000_000,
    );
    expect(find(records, '2024-11-02', 'proj_a', null, null, 'x').cost).toBe(
      2_000_000,
    );
  });

  it('fails with the endpoint, status and attempts when every attempt answers 500', async () => {
    const { api, run, sleep } = setup({ maxRetries: 2 });
    api.on(COSTS, () =>
      HttpResponse.json(
        {
          error: {
            message: 'The server had an error while processing your request',
            type: 'server_error',
          },
        },
        { status: 500 },
      ),
    );
    await expect(run()).rejects.toThrow(
      'OpenAI /organization/costs answered 500 after 3 attempts: The server had an error while processing your request (server_error)',
    );
    expect(api.requestsTo(COSTS)).toHaveLength(3);
    expect(sleep.mock.calls.map(c => c[0])).toEqual([1000, 2000]);
    expect(api.requestsTo(COMPLETIONS)).toHaveLength(0);
  });

  it("reports OpenAI's message on a 401 without the admin key", async () => {
    const { api, run, sleep } = setup();
    api.on(COSTS, () =>
      HttpResponse.json(
        {
          error: {
            message: `Incorrect API key provided: ${ADMIN_KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        },
        { status: 401 },
      ),
    );
    const error = await run().then(
      () => undefined,
      e => e as Error,
    );
    expect(error?.message).toBe(
      'OpenAI /organization/costs answered 401: Incorrect API key provided: [redacted]. You can find your API key at https://platform.openai.com/account/api-keys. (invalid_api_key)',
    );
    expect(error?.message).not.toContain(ADMIN_KEY);
    expect(error?.message).not.toContain('TEST-9f8e7d6c5b4a');
    expect(sleep).not.toHaveBeenCalled();
  });

  it('sends the admin key as a bearer token', async () => {
    const api = new FakeOpenAi(server);
    const provider = new OpenAiCostProvider({
      id: 'wrong',
      adminKey: 'sk-admin-not-the-right-one',
      baseUrl: BASE_URL,
      http: { sleep: async () => {}, maxRetries: 0 },
    });
    await expect(
      provider.fetchUsage(WINDOW, {
        logger: mockServices.logger.mock(),
        pricing: fakePricing(),
      }),
    ).rejects.toThrow(
      'OpenAI /organization/costs answered 401: Missing bearer authentication (invalid_request_error)',
    );
    expect(api.seen).toHaveLength(0);
  });

  it('names the field path when a required field is missing', async () => {
    const { api, run } = setup();
    api.on(COSTS, () =>
      page([
        bucket(DAY1, [
          costResult(1, 'x', 'proj_a', null),
          {
            object: 'organization.costs.result',
            amount: { currency: 'usd' },
            line_item: 'y',
          },
        ]),
      ]),
    );
    await expect(run()).rejects.toThrow(
      'OpenAI /organization/costs: unexpected response: data.0.results.1.amount.value: Required',
    );
  });

  it('names the field path when a field has the wrong type', async () => {
    const { api, run } = setup();
    api.on(COMPLETIONS, () =>
      page([
        bucket(DAY1, [
          {
            ...completionsResult({
              model: 'gpt-4o',
              input_tokens: 1,
              output_tokens: 1,
              num_model_requests: 1,
            }),
            output_tokens: '12',
          },
        ]),
      ]),
    );
    await expect(run()).rejects.toThrow(
      'OpenAI /organization/usage/completions: unexpected response: data.0.results.0.output_tokens: Expected number, received string',
    );
  });

  it('ignores unknown extra fields', async () => {
    const plain = setup();
    serveMainScenario(plain.api);
    const expected = await plain.run();
    server.resetHandlers();

    const { api, run } = setup();
    const decorate = (body: any) => ({
      ...body,
      extra_page_field: { nested: true },
      data: body.data.map((b: any) => ({
        ...b,
        extra_bucket_field: 1,
        results: b.results.map((r: any) => ({
          ...r,
          organization_id: 'org-123',
          input_text_tokens: 17,
          quantity: 42,
          quantity_unit: 'tokens',
          amount: r.amount ? { ...r.amount, extra: 'x' } : undefined,
          brand_new_field: ['whatever'],
        })),
      })),
    });
    serveMainScenario(api);
    for (const path of [COSTS, COMPLETIONS, EMBEDDINGS]) {
      const original = (api as any).routes.get(path);
      api.on(path, (request, attempt) => decorate(original(request, attempt)));
    }
    const records = await run();
    expect(api.seen).toHaveLength(3);
    expect(records).toEqual(expected);
    expect(records).toHaveLength(6);
  });

  it('emits costs billed in another currency in that currency, for the backend to convert', async () => {
    const { api, run } = setup({ currency: 'usd' });
    api.pages(COSTS, [
      [
        bucket(DAY1, [
          costResult(1.2345675, 'gpt-4o, input', 'proj_a', 'key_a', 'eur'),
          costResult(0.5, 'File search storage', 'proj_b', null, 'eur'),
        ]),
      ],
    ]);
    api.pages(COMPLETIONS, [
      [
        bucket(DAY1, [
          completionsResult({
            model: 'gpt-4o',
            project_id: 'proj_a',
            api_key_id: 'key_a',
            input_tokens: 1000,
            output_tokens: 0,
            num_model_requests: 1,
          }),
        ]),
      ],
    ]);
    const records = await run();
    // 1.2345675 EUR → 1_234_568 micro-units (half away from zero), not converted here.
    expect(find(records, '2024-11-01', 'proj_a', 'key_a', 'gpt-4o')).toEqual(
      expect.objectContaining({
        cost: 1_234_568,
        currency: 'EUR',
        costKind: 'billed',
        inputTokens: 1000,
      }),
    );
    expect(
      find(records, '2024-11-01', 'proj_b', null, null, 'File search storage'),
    ).toEqual(expect.objectContaining({ cost: 500_000, currency: 'EUR' }));
  });

  it('names a cost currency that is not an ISO 4217 code', async () => {
    const { api, run } = setup();
    api.pages(COSTS, [
      [bucket(DAY1, [costResult(1, 'x', 'proj_a', null, 'euro')])],
    ]);
    await expect(run()).rejects.toThrow(
      'OpenAI /organization/costs: amount.currency of the cost on 2024-11-01: "euro" is not an ISO 4217 currency code',
    );
  });

  it('ignores, with a warning, buckets that start outside the window', async () => {
    const { api, run, logger } = setup();
    api.pages(COSTS, [
      [
        bucket(DAY1 - 86_400, [costResult(9, 'before', 'proj_a', null)]),
        bucket(DAY1, [costResult(1, 'inside', 'proj_a', null)]),
        bucket(DAY3, [costResult(9, 'after', 'proj_a', null)]),
      ],
    ]);
    const records = await run();
    expect(records).toEqual([
      expect.objectContaining({
        date: '2024-11-01',
        lineItem: 'inside',
        cost: 1_000_000,
      }),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      `OpenAI /organization/costs returned 2 bucket(s) starting outside 2024-11-01..2024-11-02 (start_time ${
        DAY1 - 86_400
      }, ${DAY3}); ignored`,
    );
  });

  it('returns nothing for a window with no buckets', async () => {
    const { run, api } = setup();
    await expect(run()).resolves.toEqual([]);
    expect(api.seen).toHaveLength(3);
  });

  it('rejects an invalid window before calling OpenAI', async () => {
    const { provider, api, logger, pricing } = setup();
    await expect(
      provider.fetchUsage(
        { from: '2024-11-03', to: '2024-11-01' },
        { logger, pricing },
      ),
    ).rejects.toThrow(
      'OpenAI source "openai-test": invalid window 2024-11-03..2024-11-01',
    );
    expect(api.seen).toHaveLength(0);
  });
});

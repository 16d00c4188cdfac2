import { readProviderExampleJson } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { OpenAiCostProvider } from './OpenAiCostProvider';
import {
  ADMIN_KEY,
  BASE_URL,
  COMPLETIONS,
  COSTS,
  EMBEDDINGS,
  FakeOpenAi,
  fakePricing,
  page,
} from './__testUtils__/fakeOpenAi';

/**
 * OpenAI's own example responses (`x-oaiMeta.examples.response` of its
 * OpenAPI spec) for the endpoints this module reads, served verbatim from the
 * current spec and from the spec of 2025-04-29. Their buckets start at
 * 1730419200 = 2024-11-01T00:00:00Z, inside the window: no timestamp is
 * shifted.
 */
const WINDOW = { from: '2024-11-01', to: '2024-11-01' };
const SPECS = {
  current: 'openai',
  '2025-04-29': 'openai/older-spec-2025-04-29',
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/**
 * Serves an example as the first page; when it says `has_more`, its
 * `next_page` cursor is answered with a last, empty page.
 */
function serveExample(api: FakeOpenAi, path: string, example: any) {
  api.on(path, request => {
    if (request.page === null) return example;
    if (request.page === example.next_page) return page([]);
    throw new Error(`unexpected cursor ${request.page} for ${path}`);
  });
}

async function fetchSpec(
  spec: keyof typeof SPECS,
  endpoints: { costs?: boolean } = {},
) {
  const api = new FakeOpenAi(server);
  const dir = SPECS[spec];
  if (endpoints.costs !== false) {
    serveExample(
      api,
      COSTS,
      readProviderExampleJson(`${dir}/example-response.costs.json`),
    );
  }
  serveExample(
    api,
    COMPLETIONS,
    readProviderExampleJson(`${dir}/example-response.usage_completions.json`),
  );
  serveExample(
    api,
    EMBEDDINGS,
    readProviderExampleJson(`${dir}/example-response.usage_embeddings.json`),
  );
  const provider = new OpenAiCostProvider({
    id: 'openai-prod',
    adminKey: ADMIN_KEY,
    baseUrl: BASE_URL,
  });
  const records = await provider.fetchUsage(WINDOW, {
    logger: mockServices.logger.mock(),
    pricing: fakePricing(),
  });
  return { api, records };
}

describe('OpenAI conformance with the published examples', () => {
  it('reads the current spec examples, paging completions, and bills the cost to their usage', async () => {
    const { api, records } = await fetchSpec('current');
    // Completions: input_tokens 1,000 = 400 cached + 100 cache writes + 500
    // uncached (input_uncached_tokens); output 500; 5 requests. Embeddings:
    // 16 input tokens, 2 requests. Both report model null, project null and
    // api key null, so they are one usage row: 500 + 16 = 516 uncached input,
    // 400 cached, 100 cache writes, 500 output, 5 + 2 = 7 requests.
    // Billed: $0.06 = 60,000 µ$ for the same (day, no project, no key), all
    // of it to that row. Without a model there is no list-price estimate.
    expect(records).toEqual([
      {
        date: '2024-11-01',
        projectId: null,
        apiKeyId: null,
        serviceTier: null,
        model: null,
        lineItem: null,
        inputTokens: 516,
        cachedInputTokens: 400,
        cacheWriteTokens: 100,
        outputTokens: 500,
        requests: 7,
        cost: 60_000,
        currency: 'USD',
        costKind: 'billed',
        estimatedCost: null,
        unpriced: true,
      },
    ]);
    expect(api.requestsTo(COMPLETIONS).map(r => r.page)).toEqual([
      null,
      'page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=',
    ]);
    expect(api.requestsTo(COSTS).map(r => r.page)).toEqual([null]);
  });

  it('reads the 2025-04-29 spec examples (no cache-write or uncached counts)', async () => {
    const { api, records } = await fetchSpec('2025-04-29');
    // Completions: input_tokens 1,000 of which 800 cached → 200 uncached;
    // output 500; 5 requests. Embeddings: 16 input, 2 requests. One row:
    // 200 + 16 = 216 uncached, 800 cached, 0 cache writes, 500 output, 7
    // requests, billed $0.06 = 60,000 µ$.
    expect(records).toEqual([
      {
        date: '2024-11-01',
        projectId: null,
        apiKeyId: null,
        serviceTier: null,
        model: null,
        lineItem: null,
        inputTokens: 216,
        cachedInputTokens: 800,
        cacheWriteTokens: 0,
        outputTokens: 500,
        requests: 7,
        cost: 60_000,
        currency: 'USD',
        costKind: 'billed',
        estimatedCost: null,
        unpriced: true,
      },
    ]);
    expect(api.requestsTo(COMPLETIONS).map(r => r.page)).toEqual([
      null,
      'page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=',
    ]);
  });

  it.each(Object.keys(SPECS) as Array<keyof typeof SPECS>)(
    'keeps the %s cost example as a billed line when no usage explains it',
    async spec => {
      const api = new FakeOpenAi(server);
      serveExample(
        api,
        COSTS,
        readProviderExampleJson(`${SPECS[spec]}/example-response.costs.json`),
      );
      const provider = new OpenAiCostProvider({
        id: 'openai-prod',
        adminKey: ADMIN_KEY,
        baseUrl: BASE_URL,
      });
      const records = await provider.fetchUsage(WINDOW, {
        logger: mockServices.logger.mock(),
        pricing: fakePricing(),
      });
      // $0.06 = 60,000 µ$, no project, key or line item.
      expect(records).toEqual([
        {
          date: '2024-11-01',
          projectId: null,
          apiKeyId: null,
          model: null,
          lineItem: null,
          cost: 60_000,
          currency: 'USD',
          costKind: 'billed',
          estimatedCost: null,
          unpriced: false,
        },
      ]);
    },
  );

  it('leaves the usage example unpriced at 0 when nothing billed it yet', async () => {
    const { records } = await fetchSpec('current', { costs: false });
    // Usage without a model cannot be priced: cost 0, flagged unpriced.
    expect(records).toEqual([
      expect.objectContaining({
        inputTokens: 516,
        cost: 0,
        costKind: 'estimated',
        estimatedCost: null,
        unpriced: true,
      }),
    ]);
  });
});

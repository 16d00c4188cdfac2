import { readProviderExampleJson } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  PriceQuery,
  PriceResult,
  PricingService,
  UsageRecord,
} from '@ai-cost/plugin-ai-cost-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AnthropicCostProvider } from './AnthropicCostProvider';

/**
 * Anthropic's own example responses of the cost report and the messages usage
 * report, served verbatim (their buckets are 2025-08-01, inside the window, so
 * no timestamp is shifted), from the current docs and from the 2025 docs.
 */
const BASE_URL = 'https://anthropic.test';
const ADMIN_KEY = 'sk-ant-admin01-conformance';
const WINDOW = { from: '2025-08-01', to: '2025-08-01' };
const DOCS = {
  current: 'anthropic/docs-platform-current',
  2025: 'anthropic/docs-2025-mintlify',
};
const COST_EXAMPLE = {
  current: `${DOCS.current}/example-response.cost_report.json`,
  2025: `${DOCS[2025]}/example-response.cost_report.from-yaml.json`,
};
const USAGE_EXAMPLE = {
  current: `${DOCS.current}/example-response.usage_report_messages.json`,
  2025: `${DOCS[2025]}/example-response.usage_report_messages.from-yaml.json`,
};

const EMPTY_REPORT = { data: [], has_more: false, next_page: null };

/**
 * Claude Sonnet 4 list prices in µ$ per token ($ per million tokens):
 * input 3, cache read 0.30, 5-minute cache write 3.75 (1.25×), 1-hour cache
 * write 6 (2×), output 15. Other models are unpriced. The backend's
 * genai-prices service gives the same 19,935 µ$ for the query asserted below
 * (GenaiPricesPricingService.test.ts).
 */
function listPricing(): PricingService & { queries: PriceQuery[] } {
  const queries: PriceQuery[] = [];
  return {
    queries,
    price(query: PriceQuery): PriceResult {
      queries.push(query);
      if (query.model !== 'claude-sonnet-4-20250514') {
        return { priced: false, reason: `unknown model ${query.model}` };
      }
      const writes = query.cacheWriteTokens ?? 0;
      const writes1h = query.cacheWrite1hTokens ?? 0;
      return {
        priced: true,
        currency: 'USD',
        source: 'override',
        cost:
          (query.inputTokens ?? 0) * 3 +
          (query.cachedInputTokens ?? 0) * 0.3 +
          (writes - writes1h) * 3.75 +
          writes1h * 6 +
          (query.outputTokens ?? 0) * 15,
      };
    },
  };
}

const server = setupServer();
const pagesSeen: string[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  pagesSeen.length = 0;
});
afterAll(() => server.close());

/**
 * Serves `example` as the first page; it says `has_more` with a `next_page`
 * cursor, which is answered with a last, empty page.
 */
function serve(path: string, example: { next_page: string }) {
  return http.get(`${BASE_URL}${path}`, ({ request }) => {
    if (request.headers.get('x-api-key') !== ADMIN_KEY) {
      return HttpResponse.json({}, { status: 401 });
    }
    const page = new URL(request.url).searchParams.get('page');
    pagesSeen.push(`${path} ${page ?? 'first'}`);
    if (page === null) return HttpResponse.json(example);
    if (page === example.next_page) return HttpResponse.json(EMPTY_REPORT);
    return HttpResponse.json({}, { status: 400 });
  });
}

async function fetchExamples(options: {
  cost: object;
  usage: object;
  pricing: PricingService;
}): Promise<UsageRecord[]> {
  server.use(
    serve('/v1/organizations/cost_report', options.cost as any),
    serve('/v1/organizations/usage_report/messages', options.usage as any),
  );
  const provider = new AnthropicCostProvider({
    id: 'anthropic-prod',
    adminKey: ADMIN_KEY,
    baseUrl: BASE_URL,
  });
  return provider.fetchUsage(WINDOW, {
    pricing: options.pricing,
    logger: mockServices.logger.mock(),
    signal: new AbortController().signal,
  });
}

const WORKSPACE = 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ';
const API_KEY = 'apikey_01Rj2N8SVvo6BePZj99NhmiT';

/** The token counts of both usage examples: 1,500 uncached, 200 cache read, 500 + 1,000 cache writes, 500 output. */
const EXAMPLE_TOKENS = {
  inputTokens: 1_500,
  cachedInputTokens: 200,
  // ephemeral_5m 500 + ephemeral_1h 1,000
  cacheWriteTokens: 1_500,
  cacheWrite1hTokens: 1_000,
  outputTokens: 500,
};

describe('Anthropic conformance with the published examples', () => {
  it('estimates the 2025 usage example to $0.019935 at list prices, 1-hour writes at 2× input', async () => {
    const pricing = listPricing();
    const records = await fetchExamples({
      cost: EMPTY_REPORT,
      usage: readProviderExampleJson(USAGE_EXAMPLE[2025]),
      pricing,
    });
    // 1,500 × 3 + 200 × 0.30 + 500 × 3.75 + 1,000 × 6 + 500 × 15
    // = 4,500 + 60 + 1,875 + 6,000 + 7,500 = 19,935 µ$ = $0.019935
    // (both writes at 3.75 would give 5,625 instead of 7,875: $0.017685).
    expect(records).toEqual([
      {
        date: '2025-08-01',
        projectId: WORKSPACE,
        apiKeyId: API_KEY,
        model: 'claude-sonnet-4-20250514',
        lineItem: null,
        ...EXAMPLE_TOKENS,
        requests: 0,
        cost: 19_935,
        currency: 'USD',
        costKind: 'estimated',
        estimatedCost: 19_935,
        unpriced: false,
      },
    ]);
    expect(pricing.queries).toEqual([
      {
        provider: 'anthropic',
        model: 'claude-sonnet-4-20250514',
        date: '2025-08-01',
        ...EXAMPLE_TOKENS,
      },
    ]);
    expect(pagesSeen).toEqual([
      '/v1/organizations/cost_report first',
      '/v1/organizations/usage_report/messages first',
      '/v1/organizations/usage_report/messages page_MjAyNS0wNS0xNFQwMDowMDowMFo=',
    ]);
  });

  it('bills the 2025 cost example to the api key of the 2025 usage example, paging both', async () => {
    const records = await fetchExamples({
      cost: readProviderExampleJson(COST_EXAMPLE[2025]),
      usage: readProviderExampleJson(USAGE_EXAMPLE[2025]),
      pricing: listPricing(),
    });
    // Cost row "claude-sonnet-4-20250514" and usage row of the same model
    // meet in (2025-08-01, workspace, claude-sonnet-4). Billed: 123.78912
    // cents = $1.2378912 = 1,237,891.2 µ$, rounded to 1,237,891, all of it
    // to the one api key; its list-price estimate stays 19,935 µ$.
    expect(records).toEqual([
      {
        date: '2025-08-01',
        projectId: WORKSPACE,
        apiKeyId: API_KEY,
        model: 'claude-sonnet-4-20250514',
        lineItem: null,
        ...EXAMPLE_TOKENS,
        requests: 0,
        cost: 1_237_891,
        currency: 'USD',
        costKind: 'billed',
        estimatedCost: 19_935,
        unpriced: false,
      },
    ]);
    expect(pagesSeen).toEqual([
      '/v1/organizations/cost_report first',
      '/v1/organizations/cost_report page_MjAyNS0wNS0xNFQwMDowMDowMFo=',
      '/v1/organizations/usage_report/messages first',
      '/v1/organizations/usage_report/messages page_MjAyNS0wNS0xNFQwMDowMDowMFo=',
    ]);
  });

  it('bills the current cost example to the api key of the current usage example', async () => {
    const records = await fetchExamples({
      cost: readProviderExampleJson(COST_EXAMPLE.current),
      usage: readProviderExampleJson(USAGE_EXAMPLE.current),
      pricing: listPricing(),
    });
    // claude-opus-5 on both sides: 123.78912 cents → 1,237,891 µ$ billed to
    // the one api key. The model has no list price here, so the estimate is
    // null and the record is flagged unpriced.
    expect(records).toEqual([
      {
        date: '2025-08-01',
        projectId: WORKSPACE,
        apiKeyId: API_KEY,
        model: 'claude-opus-5',
        lineItem: null,
        ...EXAMPLE_TOKENS,
        requests: 0,
        cost: 1_237_891,
        currency: 'USD',
        costKind: 'billed',
        estimatedCost: null,
        unpriced: true,
      },
    ]);
  });

  it('keeps the current cost example as a billed line item when no usage explains it', async () => {
    const records = await fetchExamples({
      cost: readProviderExampleJson(COST_EXAMPLE.current),
      usage: EMPTY_REPORT,
      pricing: listPricing(),
    });
    // 123.78912 cents → 1,237,891 µ$, kept under its description.
    expect(records).toEqual([
      {
        date: '2025-08-01',
        projectId: WORKSPACE,
        apiKeyId: null,
        model: 'claude-opus-5',
        lineItem: 'Claude Opus 5 Usage - Input Tokens',
        inputTokens: 0,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        outputTokens: 0,
        requests: 0,
        cost: 1_237_891,
        currency: 'USD',
        costKind: 'billed',
        estimatedCost: null,
        unpriced: false,
      },
    ]);
  });
});

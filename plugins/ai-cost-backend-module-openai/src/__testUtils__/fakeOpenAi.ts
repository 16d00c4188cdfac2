import {
  createPerTokenPricingService,
  type PerTokenPrices,
} from '@ai-cost/plugin-ai-cost-node/testUtils';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

export const BASE_URL = 'https://openai.test/v1';
export const ADMIN_KEY = 'sk-admin-TEST-9f8e7d6c5b4a';

/** 2024-11-01T00:00:00Z, 2024-11-02T00:00:00Z, 2024-11-03T00:00:00Z */
export const DAY1 = 1730419200;
export const DAY2 = DAY1 + 86_400;
export const DAY3 = DAY2 + 86_400;

export function bucket(start: number, results: unknown[]) {
  return {
    object: 'bucket',
    start_time: start,
    end_time: start + 86_400,
    results,
  };
}

export function page(data: unknown[], nextPage?: string) {
  return {
    object: 'page',
    data,
    has_more: nextPage !== undefined,
    next_page: nextPage ?? null,
  };
}

export function costResult(
  value: number,
  lineItem: string | null,
  projectId: string | null,
  apiKeyId: string | null,
  currency = 'usd',
) {
  return {
    object: 'organization.costs.result',
    amount: { value, currency },
    line_item: lineItem,
    project_id: projectId,
    api_key_id: apiKeyId,
  };
}

export function completionsResult(fields: {
  model: string | null;
  project_id?: string | null;
  api_key_id?: string | null;
  input_tokens: number;
  output_tokens: number;
  num_model_requests: number;
  input_cached_tokens?: number;
  input_cache_write_tokens?: number;
  input_uncached_tokens?: number;
  service_tier?: string | null;
}) {
  return {
    object: 'organization.usage.completions.result',
    project_id: null,
    api_key_id: null,
    user_id: null,
    batch: null,
    ...fields,
  };
}

export function embeddingsResult(fields: {
  model: string | null;
  project_id?: string | null;
  api_key_id?: string | null;
  input_tokens: number;
  num_model_requests: number;
}) {
  return {
    object: 'organization.usage.embeddings.result',
    project_id: null,
    api_key_id: null,
    user_id: null,
    ...fields,
  };
}

export const COSTS = '/organization/costs';
export const COMPLETIONS = '/organization/usage/completions';
export const EMBEDDINGS = '/organization/usage/embeddings';

/** One request the fake API saw. */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  /** `group_by` values in either encoding (`group_by[]=` or `group_by=`). */
  groupBy: string[];
  page: string | null;
}

/** Answers one request: a JSON body, or a full Response. */
export type Route = (request: SeenRequest, attempt: number) => unknown;

/**
 * A fake OpenAI organization API on msw. Each path answers with its route;
 * a path without a route answers one empty page. Requests without the
 * admin key answer 401 with OpenAI's error envelope.
 */
export class FakeOpenAi {
  readonly seen: SeenRequest[] = [];
  private routes = new Map<string, Route>();

  constructor(server: Pick<SetupServer, 'use'>) {
    server.use(
      http.get(`${BASE_URL}/organization/*`, ({ request }) => {
        if (request.headers.get('authorization') !== `Bearer ${ADMIN_KEY}`) {
          return HttpResponse.json(
            {
              error: {
                message: 'Missing bearer authentication',
                type: 'invalid_request_error',
              },
            },
            { status: 401 },
          );
        }
        const url = new URL(request.url);
        const path = url.pathname.slice(new URL(BASE_URL).pathname.length);
        const seen: SeenRequest = {
          path,
          query: url.searchParams,
          groupBy: [
            ...url.searchParams.getAll('group_by'),
            ...url.searchParams.getAll('group_by[]'),
          ],
          page: url.searchParams.get('page'),
        };
        const attempt = this.seen.filter(
          s => s.path === path && s.page === seen.page,
        ).length;
        this.seen.push(seen);
        const route = this.routes.get(path);
        const answer = route ? route(seen, attempt) : page([]);
        return answer instanceof Response
          ? answer
          : HttpResponse.json(answer as any);
      }),
    );
  }

  on(path: string, route: Route): this {
    this.routes.set(path, route);
    return this;
  }

  /** Serves `pages` in order, linked by cursors `cursor-1`, `cursor-2`, .... */
  pages(path: string, pages: unknown[][]): this {
    return this.on(path, request => {
      const index = request.page ? Number(request.page.split('-')[1]) : 0;
      return page(
        pages[index],
        index + 1 < pages.length ? `cursor-${index + 1}` : undefined,
      );
    });
  }

  requestsTo(path: string): SeenRequest[] {
    return this.seen.filter(s => s.path === path);
  }
}

/**
 * Fixed prices in micro-units per token, so every estimate can be computed
 * by hand. Anything else is unpriced.
 */
export const PRICES: Record<string, PerTokenPrices> = {
  'gpt-4o': { input: 2, cached: 1, cacheWrite: 3, output: 8 },
  'gpt-4o-mini': { input: 1, cached: 0, cacheWrite: 1, output: 4 },
  'text-embedding-3-small': { input: 1, cached: 0, cacheWrite: 0, output: 0 },
};

/** A PricingService with {@link PRICES}; other models are unpriced. */
export const fakePricing = () => createPerTokenPricingService('openai', PRICES);

import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';

/** Where the double of the AI Cost backend answers. */
export const AI_COST_URL = 'http://ai-cost.test/api/ai-cost';

/** What the actions are given: discovery of the double and mock auth. */
export function aiCostApiDeps() {
  return {
    discovery: {
      getBaseUrl: async () => AI_COST_URL,
      getExternalBaseUrl: async () => AI_COST_URL,
    },
    auth: mockServices.auth(),
  };
}

/** The calls the double received: method, path with query, auth header, body. */
export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

/**
 * msw handlers of `POST /budgets/requests` and `PUT /budgets` that record
 * each call and answer with `reply`.
 */
export function aiCostHandlers(
  calls: RecordedCall[],
  reply: (call: RecordedCall) => { status: number; body: unknown },
) {
  const record = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const call = {
      method: request.method,
      path: `${url.pathname.replace('/api/ai-cost', '')}${url.search}`,
      authorization: request.headers.get('authorization'),
      body: await request.json(),
    };
    calls.push(call);
    const { status, body } = reply(call);
    return HttpResponse.json(body as object, { status });
  };
  return [
    http.post(`${AI_COST_URL}/budgets/requests`, record),
    http.put(`${AI_COST_URL}/budgets`, record),
  ];
}

/** A Backstage error body as the AI Cost backend sends it. */
export function errorBody(name: string, message: string, statusCode: number) {
  return {
    error: { name, message },
    request: { method: 'POST', url: '/api/ai-cost' },
    response: { statusCode },
  };
}

import type { AccessToken, TokenCredential } from '@azure/identity';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

export const BASE_URL = 'https://management.azure.com';
export const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000a1';
export const SCOPE = `/subscriptions/${SUBSCRIPTION}`;
export const QUERY_PATH = `${SCOPE}/providers/Microsoft.CostManagement/query`;

/** Canary values: neither may ever appear in an error message. */
export const ACCESS_TOKEN = 'eyJ0eXAiOiJKV1Qi.canary-access-token.sig';
export const CLIENT_SECRET = 'canary~client~secret~Q8Z7Y6X5W4';

/** A credential handing out the canary token. */
export function fakeCredential(): TokenCredential & { getToken: jest.Mock } {
  return {
    getToken: jest.fn(
      async (): Promise<AccessToken> => ({
        token: ACCESS_TOKEN,
        expiresOnTimestamp: Date.now() + 3_600_000,
      }),
    ),
  };
}

/** One request the fake API saw. */
export interface SeenRequest {
  url: URL;
  body: any;
  authorization: string | null;
}

/** A response exactly in the shape of the 2025-03-01 spec example. */
export function queryResult(
  columns: Array<[string, string]>,
  rows: unknown[][],
  link: string | null = null,
) {
  return {
    id: `subscriptions/${SUBSCRIPTION}/providers/Microsoft.CostManagement/Query/00000000-0000-0000-0000-000000000000`,
    name: '55312978-ba1b-415c-9304-cfd9c43c0481',
    type: 'microsoft.costmanagement/Query',
    location: null,
    sku: null,
    eTag: null,
    properties: {
      nextLink: link,
      columns: columns.map(([name, type]) => ({ name, type })),
      rows,
    },
  };
}

/** `properties.nextLink` for a page, as Azure writes it. */
export function nextLink(skiptoken: string): string {
  return `${BASE_URL}${QUERY_PATH}?api-version=2025-03-01&$skiptoken=${encodeURIComponent(
    skiptoken,
  )}`;
}

type Answer = unknown | Response;
export type Route = (request: SeenRequest, attempt: number) => Answer;

/**
 * A fake Cost Management Query API on msw, at {@link BASE_URL}. Requests without the bearer
 * token answer 401 with Azure's error envelope.
 */
export class FakeCostManagement {
  readonly seen: SeenRequest[] = [];
  private route: Route = () => queryResult([], []);

  constructor(server: Pick<SetupServer, 'use'>) {
    server.use(
      // Any scope (subscription, resource group, billing account, …); Azure's
      // own nextLinks write `Query` with a capital Q.
      http.post(
        /^https:\/\/management\.azure\.com\/.+\/providers\/Microsoft\.CostManagement\/query(\?|$)/i,
        async ({ request }) => {
          const seen: SeenRequest = {
            url: new URL(request.url),
            body: await request.json(),
            authorization: request.headers.get('authorization'),
          };
          const attempt = this.seen.filter(
            s =>
              s.url.toString() === seen.url.toString() &&
              JSON.stringify(s.body) === JSON.stringify(seen.body),
          ).length;
          this.seen.push(seen);
          if (seen.authorization !== `Bearer ${ACCESS_TOKEN}`) {
            return HttpResponse.json(
              {
                error: {
                  code: 'AuthenticationFailed',
                  message: 'Authentication failed.',
                },
              },
              { status: 401 },
            );
          }
          const answer = this.route(seen, attempt);
          return answer instanceof Response
            ? answer
            : HttpResponse.json(answer as any);
        },
      ),
    );
  }

  on(route: Route): this {
    this.route = route;
    return this;
  }

  /** Requests grouped by the given second grouping name (Meter or a tag key). */
  requestsGroupedBy(name: string): SeenRequest[] {
    return this.seen.filter(s => s.body.dataset.grouping[1].name === name);
  }
}

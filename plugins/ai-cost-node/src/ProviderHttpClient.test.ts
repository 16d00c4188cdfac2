import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  fetchAllPages,
  ProviderHttpClient,
  type CursorPage,
} from './ProviderHttpClient';

const KEY = 'sk-admin-canary-0123456789';
const baseUrl = 'https://billing.example.test/v1';

describe('ProviderHttpClient', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const client = (
    options: { describeErrorBody?: (body: unknown) => string | undefined } = {},
  ) =>
    new ProviderHttpClient({
      providerName: 'Example',
      baseUrl,
      headers: { authorization: `Bearer ${KEY}` },
      secrets: [KEY],
      maxRetries: 2,
      sleep: async () => {},
      ...options,
    });

  it('redacts a secret echoed in a described error body', async () => {
    server.use(
      http.get(`${baseUrl}/usage`, () =>
        HttpResponse.json({ message: `bad key ${KEY}` }, { status: 401 }),
      ),
    );
    await expect(
      client({
        describeErrorBody: body => (body as { message: string }).message,
      }).getJson('/usage', []),
    ).rejects.toThrow('Example /usage answered 401: bad key [redacted]');
  });

  it('redacts before truncating a text body, so no fragment of the key survives', async () => {
    // The key straddles the 200-character cut.
    const text = `${'x'.repeat(190)}${KEY}${'y'.repeat(50)}`;
    server.use(
      http.get(
        `${baseUrl}/usage`,
        () => new HttpResponse(text, { status: 400 }),
      ),
    );
    const error = await client()
      .getJson('/usage', [])
      .catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Example /usage answered 400: ${`${'x'.repeat(190)}[redacted]${'y'.repeat(
        50,
      )}`.slice(0, 200)}`,
    );
    expect((error as Error).message).not.toContain('sk-admin-canary');
  });

  it('keeps credentials out of the client object', () => {
    const serialized = `${JSON.stringify(client())} ${Object.values(
      client(),
    ).join(' ')}`;
    expect(serialized).not.toContain('canary');
  });

  describe('extensions for POST APIs with expiring tokens (Azure)', () => {
    const AZ_HEADERS = [
      'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
      'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after',
    ];
    const TOKEN = 'eyJ-access-token-canary-abcdef';

    function postClient(
      options: {
        sleep?: (ms: number) => Promise<void>;
        authenticate?: () => Promise<{
          headers: Record<string, string>;
          secrets?: string[];
        }>;
        retryAfterHeaders?: string[];
      } = {},
    ) {
      return new ProviderHttpClient({
        providerName: 'Example',
        baseUrl,
        headers: {},
        secrets: [KEY],
        maxRetries: 3,
        sleep: async () => {},
        ...options,
      });
    }

    it('POSTs JSON and follows an absolute link on the same origin', async () => {
      const seen: Array<{ url: string; body: unknown; type: string | null }> =
        [];
      server.use(
        http.post(`${baseUrl}/query`, async ({ request }) => {
          seen.push({
            url: request.url,
            body: await request.json(),
            type: request.headers.get('content-type'),
          });
          return HttpResponse.json({ ok: seen.length });
        }),
      );
      const c = postClient();
      await expect(
        c.postJson('/query', { a: 1 }, [['api-version', '2025-03-01']]),
      ).resolves.toEqual({ ok: 1 });
      await expect(
        c.postJson(
          `${baseUrl}/query?api-version=2025-03-01&$skiptoken=AQ%3D%3D`,
          {
            a: 1,
          },
        ),
      ).resolves.toEqual({ ok: 2 });
      expect(seen).toEqual([
        {
          url: `${baseUrl}/query?api-version=2025-03-01`,
          body: { a: 1 },
          type: 'application/json',
        },
        {
          url: `${baseUrl}/query?api-version=2025-03-01&$skiptoken=AQ%3D%3D`,
          body: { a: 1 },
          type: 'application/json',
        },
      ]);
    });

    it('refuses to send credentials to another origin', async () => {
      const authenticate = jest.fn(async () => ({
        headers: { authorization: `Bearer ${TOKEN}` },
      }));
      await expect(
        postClient({ authenticate }).postJson(
          'https://evil.example.test/v1/query',
          {},
        ),
      ).rejects.toThrow(
        'Example: refusing to follow a link to https://evil.example.test, which is not the configured https://billing.example.test',
      );
      expect(authenticate).not.toHaveBeenCalled();
    });

    it('answers null for 204 No Content', async () => {
      server.use(
        http.post(
          `${baseUrl}/query`,
          () => new HttpResponse(null, { status: 204 }),
        ),
      );
      await expect(postClient().postJson('/query', {})).resolves.toBeNull();
    });

    it('waits for the longest of Retry-After and the extra retry-after headers', async () => {
      let calls = 0;
      server.use(
        http.post(`${baseUrl}/query`, () => {
          calls++;
          if (calls === 1) {
            return HttpResponse.json(
              { error: { code: '429', message: 'Too many requests' } },
              {
                status: 429,
                headers: {
                  'retry-after': '5',
                  [AZ_HEADERS[0]]: '42',
                  [AZ_HEADERS[1]]: '7',
                },
              },
            );
          }
          if (calls === 2) {
            return HttpResponse.json(
              {},
              { status: 429, headers: { [AZ_HEADERS[1]]: '3' } },
            );
          }
          return HttpResponse.json({ rows: [] });
        }),
      );
      const sleep = jest.fn(async (_ms: number) => {});
      await expect(
        postClient({ sleep, retryAfterHeaders: AZ_HEADERS }).postJson(
          '/query',
          {},
        ),
      ).resolves.toEqual({ rows: [] });
      expect(sleep.mock.calls.map(c => c[0])).toEqual([42_000, 3_000]);
    });

    it('ignores headers it was not told about (plain exponential backoff)', async () => {
      let calls = 0;
      server.use(
        http.post(`${baseUrl}/query`, () =>
          ++calls === 1
            ? HttpResponse.json(
                {},
                { status: 429, headers: { [AZ_HEADERS[0]]: '42' } },
              )
            : HttpResponse.json({}),
        ),
      );
      const sleep = jest.fn(async (_ms: number) => {});
      await postClient({ sleep }).postJson('/query', {});
      expect(sleep.mock.calls.map(c => c[0])).toEqual([1000]);
    });

    it('authenticates every attempt and redacts the token from errors', async () => {
      let n = 0;
      const authenticate = jest.fn(async () => {
        n++;
        return {
          headers: { authorization: `Bearer ${TOKEN}-${n}` },
          secrets: [`${TOKEN}-${n}`],
        };
      });
      const authorizations: Array<string | null> = [];
      server.use(
        http.post(`${baseUrl}/query`, ({ request }) => {
          authorizations.push(request.headers.get('authorization'));
          return authorizations.length === 1
            ? HttpResponse.json({ error: 'busy' }, { status: 503 })
            : HttpResponse.json(
                {
                  error: {
                    message: `token ${request.headers
                      .get('authorization')
                      ?.slice(7)} is not authorized`,
                  },
                },
                { status: 403 },
              );
        }),
      );
      const error = await postClient({ authenticate })
        .postJson('/query', {})
        .catch((e: Error) => e);
      expect(authorizations).toEqual([
        `Bearer ${TOKEN}-1`,
        `Bearer ${TOKEN}-2`,
      ]);
      expect((error as Error).message).toBe(
        'Example /query answered 403: {"error":{"message":"token [redacted] is not authorized"}}',
      );
      expect((error as Error).message).not.toContain('canary');
    });

    it('fails at once, without the secret, when credentials cannot be had', async () => {
      const authenticate = jest.fn(async () => {
        throw new Error(`AADSTS7000215: invalid client secret ${KEY}`);
      });
      const error = await postClient({ authenticate })
        .postJson('/query', {})
        .catch((e: Error) => e);
      expect((error as Error).message).toBe(
        'Example /query: could not get credentials; caused by Error: AADSTS7000215: invalid client secret [redacted]',
      );
      expect(JSON.stringify((error as any).cause?.message)).not.toContain(
        'canary',
      );
      expect(authenticate).toHaveBeenCalledTimes(1);
    });
  });

  describe('fetchAllPages', () => {
    /** Serves `pages` by cursor: `page` absent for the first. */
    const servePages = (pages: Record<string, CursorPage<number>>) => {
      const seen: Array<string | null> = [];
      server.use(
        http.get(`${baseUrl}/items`, ({ request }) => {
          const cursor = new URL(request.url).searchParams.get('page');
          seen.push(cursor);
          return HttpResponse.json(pages[cursor ?? '']);
        }),
      );
      return seen;
    };
    const fetchItems = () =>
      fetchAllPages(
        client(),
        '/items',
        [['limit', '2']],
        body => body as CursorPage<number>,
      );

    it('follows next_page until has_more is false', async () => {
      const seen = servePages({
        '': { data: [1, 2], has_more: true, next_page: 'p2' },
        p2: { data: [3], has_more: true, next_page: 'p3' },
        p3: { data: [], has_more: false, next_page: null },
      });
      await expect(fetchItems()).resolves.toEqual([1, 2, 3]);
      expect(seen).toEqual([null, 'p2', 'p3']);
    });

    it('stops, naming provider and path, when has_more comes without a cursor', async () => {
      servePages({ '': { data: [1], has_more: true, next_page: null } });
      await expect(fetchItems()).rejects.toThrow(
        new Error('Example /items: has_more is true but next_page is missing'),
      );
    });

    it('stops, naming provider and path, when a cursor repeats', async () => {
      servePages({
        '': { data: [1], has_more: true, next_page: 'p2' },
        p2: { data: [2], has_more: true, next_page: 'p2' },
      });
      await expect(fetchItems()).rejects.toThrow(
        new Error(
          'Example /items: has_more is true but next_page is repeated (p2)',
        ),
      );
    });
  });
});

import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AiCostClient } from './AiCostClient';
import {
  makeAttributionStatus,
  makeEntityCosts,
  makeRollup,
} from '../__testUtils__/fixtures';

const baseUrl = 'http://localhost:7007/api/ai-cost';

describe('AiCostClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new AiCostClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi(),
  });

  it('lists sources', async () => {
    const sources = [
      {
        id: 'demo-openai',
        provider: 'openai',
        status: 'succeeded',
        lastRunAt: null,
        lastSuccessAt: null,
        lastError: null,
        rowsUpserted: 720,
        freshThrough: '2026-11-22',
        demo: true,
      },
    ];
    server.use(
      http.get(`${baseUrl}/sources`, () => HttpResponse.json(sources)),
    );
    await expect(client.listSources()).resolves.toEqual(sources);
  });

  it('posts a refresh to the encoded source id', async () => {
    let url = '';
    server.use(
      http.post(`${baseUrl}/sources/:id/refresh`, ({ request }) => {
        url = request.url;
        return HttpResponse.json(
          { id: 'a/b', status: 'triggered' },
          { status: 202 },
        );
      }),
    );
    await client.refreshSource('a/b');
    expect(url).toBe(`${baseUrl}/sources/a%2Fb/refresh`);
  });

  it('throws the backend error message', async () => {
    server.use(
      http.post(`${baseUrl}/sources/:id/refresh`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Missing permission ai-cost.admin',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(client.refreshSource('openai-prod')).rejects.toMatchObject({
      name: 'ResponseError',
      message: 'Request failed with 403 Forbidden',
      body: { error: { message: 'Missing permission ai-cost.admin' } },
    });
  });

  function errorBody(status: number, name: string, message: string) {
    return HttpResponse.json(
      { error: { name, message }, response: { statusCode: status } },
      { status },
    );
  }

  describe('getCosts', () => {
    it('sends the entity and window as query parameters', async () => {
      const costs = makeEntityCosts();
      let search = '';
      server.use(
        http.get(`${baseUrl}/costs`, ({ request }) => {
          search = new URL(request.url).search;
          return HttpResponse.json(costs);
        }),
      );
      await expect(
        client.getCosts({
          entityRef: 'component:default/query-rewriter',
          from: '2026-10-24',
          to: '2026-11-22',
        }),
      ).resolves.toEqual(costs);
      expect(search).toBe(
        '?entityRef=component%3Adefault%2Fquery-rewriter&from=2026-10-24&to=2026-11-22',
      );
    });

    it.each([
      [404, 'NotFoundError', 'Entity component:default/nope not found'],
      [403, 'NotAllowedError', 'Missing permission ai-cost.costs.read'],
      [
        400,
        'InputError',
        'from: must be a calendar date written as YYYY-MM-DD',
      ],
    ])(
      'maps %i to a ResponseError with the server message',
      async (status, name, message) => {
        server.use(
          http.get(`${baseUrl}/costs`, () => errorBody(status, name, message)),
        );
        const error = await client
          .getCosts({
            entityRef: 'component:default/nope',
            from: '2026-10-24',
            to: '2026-11-22',
          })
          .catch(e => e);
        expect(error).toMatchObject({
          name: 'ResponseError',
          statusCode: status,
          cause: { name, message },
          body: { error: { message } },
        });
      },
    );
  });

  describe('getRollup', () => {
    it('sends groupBy and the window', async () => {
      const rollup = makeRollup({ groupBy: 'model' });
      let search = '';
      server.use(
        http.get(`${baseUrl}/rollup`, ({ request }) => {
          search = new URL(request.url).search;
          return HttpResponse.json(rollup);
        }),
      );
      await expect(
        client.getRollup({
          groupBy: 'model',
          from: '2026-10-01',
          to: '2026-10-31',
        }),
      ).resolves.toEqual(rollup);
      expect(search).toBe('?groupBy=model&from=2026-10-01&to=2026-10-31');
    });

    it('maps a 403 to a ResponseError', async () => {
      server.use(
        http.get(`${baseUrl}/rollup`, () =>
          errorBody(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.org.read',
          ),
        ),
      );
      await expect(
        client.getRollup({
          groupBy: 'owner',
          from: '2026-10-01',
          to: '2026-10-31',
        }),
      ).rejects.toMatchObject({
        statusCode: 403,
        cause: { name: 'NotAllowedError' },
      });
    });
  });

  it('reads the attribution status without a query', async () => {
    const status = makeAttributionStatus();
    let url = '';
    server.use(
      http.get(`${baseUrl}/attribution`, ({ request }) => {
        url = request.url;
        return HttpResponse.json(status);
      }),
    );
    await expect(client.getAttributionStatus()).resolves.toEqual(status);
    expect(url).toBe(`${baseUrl}/attribution`);
  });

  describe('export', () => {
    it('builds the export URL, with or without an entity', async () => {
      await expect(
        client.getExportUrl({
          entityRef: 'system:default/search',
          from: '2026-10-01',
          to: '2026-10-31',
        }),
      ).resolves.toBe(
        `${baseUrl}/export.csv?entityRef=system%3Adefault%2Fsearch&from=2026-10-01&to=2026-10-31`,
      );
      await expect(
        client.getExportUrl({ from: '2026-10-01', to: '2026-10-31' }),
      ).resolves.toBe(`${baseUrl}/export.csv?from=2026-10-01&to=2026-10-31`);
    });

    it('downloads the CSV through the fetch API with the user token', async () => {
      const authClient = new AiCostClient({
        discoveryApi: { getBaseUrl: async () => baseUrl },
        fetchApi: new MockFetchApi({
          injectIdentityAuth: { token: 'user-token' },
        }),
      });
      let authorization: string | null = null;
      let search = '';
      server.use(
        http.get(`${baseUrl}/export.csv`, ({ request }) => {
          authorization = request.headers.get('authorization');
          search = new URL(request.url).search;
          return new HttpResponse(
            'date,entityRef,cost\n2026-10-01,system:default/search,12.5\n',
            {
              headers: {
                'content-type': 'text/csv; charset=utf-8',
                'content-disposition':
                  'attachment; filename="ai-cost-search-2026-10.csv"',
              },
            },
          );
        }),
      );
      const result = await authClient.exportCsv({
        entityRef: 'system:default/search',
        from: '2026-10-01',
        to: '2026-10-31',
      });
      expect(authorization).toBe('Bearer user-token');
      expect(search).toBe(
        '?entityRef=system%3Adefault%2Fsearch&from=2026-10-01&to=2026-10-31',
      );
      expect(result.filename).toBe('ai-cost-search-2026-10.csv');
      expect(result.blob.size).toBe(
        'date,entityRef,cost\n2026-10-01,system:default/search,12.5\n'.length,
      );
    });

    it('derives a file name when the server sends none', async () => {
      server.use(
        http.get(
          `${baseUrl}/export.csv`,
          () =>
            new HttpResponse('date,cost\n', {
              headers: { 'content-type': 'text/csv' },
            }),
        ),
      );
      await expect(
        client.exportCsv({ from: '2026-10-01', to: '2026-10-31' }),
      ).resolves.toMatchObject({
        filename: 'ai-cost-org-2026-10-01-2026-10-31.csv',
      });
      await expect(
        client.exportCsv({
          entityRef: 'component:default/query-rewriter',
          from: '2026-10-01',
          to: '2026-10-31',
        }),
      ).resolves.toMatchObject({
        filename:
          'ai-cost-component-default-query-rewriter-2026-10-01-2026-10-31.csv',
      });
    });

    it('maps a failed export to a ResponseError', async () => {
      server.use(
        http.get(`${baseUrl}/export.csv`, () =>
          errorBody(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.org.read',
          ),
        ),
      );
      await expect(
        client.exportCsv({ from: '2026-10-01', to: '2026-10-31' }),
      ).rejects.toMatchObject({
        statusCode: 403,
        body: { error: { message: 'Missing permission ai-cost.org.read' } },
      });
    });
  });
});

import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AiCostClient } from './AiCostClient';

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
});

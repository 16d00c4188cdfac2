import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AiCostClient } from './AiCostClient';
import {
  makeAnomalies,
  makeAttributionStatus,
  makeBudget,
  makeBudgetStatus,
  makeEntityCosts,
  makeRecommendations,
  makeRollup,
} from '../__testUtils__/fixtures';
import {
  makeAttributionPreview,
  makeAttributionValues,
} from '../__testUtils__/attributionFixtures';
import {
  makeCustomerEconomics,
  makeMetrics,
  makeUnitCosts,
} from '../__testUtils__/unitEconomicsFixtures';
import {
  makeOrgSpendForecast,
  makeSpendForecast,
} from '../__testUtils__/forecastFixtures';
import {
  makeBudgetSuggestion,
  makeYearPlan,
} from '../__testUtils__/planningFixtures';

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

  it('asks for the shadow-AI report of a window', async () => {
    let url = '';
    const report = {
      currency: 'USD',
      from: '2026-11-01',
      to: '2026-11-30',
      total: 0,
      approved: 0,
      shadow: 0,
      vendors: [],
    };
    server.use(
      http.get(`${baseUrl}/shadow-ai`, ({ request }) => {
        url = request.url;
        return HttpResponse.json(report);
      }),
    );
    await expect(
      client.getShadowAi({ from: '2026-11-01', to: '2026-11-30' }),
    ).resolves.toEqual(report);
    expect(url).toBe(`${baseUrl}/shadow-ai?from=2026-11-01&to=2026-11-30`);
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

    it('sends the metric the items are measured by', async () => {
      const rollup = makeCustomerEconomics();
      let search = '';
      server.use(
        http.get(`${baseUrl}/rollup`, ({ request }) => {
          search = new URL(request.url).search;
          return HttpResponse.json(rollup);
        }),
      );
      await expect(
        client.getRollup({
          groupBy: 'tag:customer',
          metric: 'revenue',
          from: '2026-10-24',
          to: '2026-11-22',
        }),
      ).resolves.toEqual(rollup);
      expect(search).toBe(
        '?groupBy=tag%3Acustomer&metric=revenue&from=2026-10-24&to=2026-11-22',
      );
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

  describe('unit economics', () => {
    it('asks for the unit costs of an entity, with the metric only when given', async () => {
      const unitCosts = makeUnitCosts();
      const searches: string[] = [];
      server.use(
        http.get(`${baseUrl}/unit-costs`, ({ request }) => {
          searches.push(new URL(request.url).search);
          return HttpResponse.json(unitCosts);
        }),
      );
      const window = { from: '2026-11-16', to: '2026-11-22' };
      await expect(
        client.getUnitCosts({
          entityRef: 'component:default/query-rewriter',
          ...window,
        }),
      ).resolves.toEqual(unitCosts);
      await client.getUnitCosts({
        entityRef: 'component:default/query-rewriter',
        metric: 'documents_processed',
        ...window,
      });
      expect(searches).toEqual([
        '?entityRef=component%3Adefault%2Fquery-rewriter&from=2026-11-16&to=2026-11-22',
        '?entityRef=component%3Adefault%2Fquery-rewriter&metric=documents_processed&from=2026-11-16&to=2026-11-22',
      ]);
    });

    it('maps a bad metric to a ResponseError with the server message', async () => {
      server.use(
        http.get(`${baseUrl}/unit-costs`, () =>
          errorBody(400, 'InputError', 'metric: must be a metric name'),
        ),
      );
      await expect(
        client.getUnitCosts({
          entityRef: 'component:default/query-rewriter',
          metric: 'Bad Metric',
          from: '2026-11-16',
          to: '2026-11-22',
        }),
      ).rejects.toMatchObject({
        statusCode: 400,
        body: { error: { message: 'metric: must be a metric name' } },
      });
    });

    it('lists the metrics without a query', async () => {
      const metrics = makeMetrics();
      let url = '';
      server.use(
        http.get(`${baseUrl}/metrics`, ({ request }) => {
          url = request.url;
          return HttpResponse.json(metrics);
        }),
      );
      await expect(client.getMetrics()).resolves.toEqual(metrics);
      expect(url).toBe(`${baseUrl}/metrics`);
    });

    it('lists the metrics of an entity', async () => {
      let url = '';
      server.use(
        http.get(`${baseUrl}/metrics`, ({ request }) => {
          url = request.url;
          return HttpResponse.json(makeMetrics());
        }),
      );
      await client.getMetrics({ entityRef: 'component:default/support-bot' });
      expect(new URL(url).searchParams.get('entityRef')).toBe(
        'component:default/support-bot',
      );
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

  describe('attribution values and preview', () => {
    it('lists billed values with only the filters given', async () => {
      const values = makeAttributionValues();
      const searches: string[] = [];
      server.use(
        http.get(`${baseUrl}/attribution/values`, ({ request }) => {
          searches.push(new URL(request.url).search);
          return HttpResponse.json(values);
        }),
      );
      await expect(client.getAttributionValues()).resolves.toEqual(values);
      await client.getAttributionValues({
        provider: 'openai',
        q: 'proj exp',
        limit: 1000,
      });
      await client.getAttributionValues({ provider: '', q: '' });
      expect(searches).toEqual([
        '',
        '?provider=openai&q=proj+exp&limit=1000',
        '',
      ]);
    });

    it('maps a 403 of the values to a ResponseError', async () => {
      server.use(
        http.get(`${baseUrl}/attribution/values`, () =>
          errorBody(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.org.read',
          ),
        ),
      );
      await expect(client.getAttributionValues()).rejects.toMatchObject({
        statusCode: 403,
        cause: { name: 'NotAllowedError' },
      });
    });

    it('posts a catalog-info.yaml as it is, as text/yaml', async () => {
      const preview = makeAttributionPreview();
      const yaml =
        'kind: Component\nmetadata:\n  name: sandbox\n  annotations:\n    ai-cost/openai-project-id: proj_experiments\n';
      let sent: { type: string | null; body: string } | undefined;
      server.use(
        http.post(`${baseUrl}/attribution/preview`, async ({ request }) => {
          sent = {
            type: request.headers.get('content-type'),
            body: await request.text(),
          };
          return HttpResponse.json(preview);
        }),
      );
      await expect(client.previewAttribution({ yaml })).resolves.toEqual(
        preview,
      );
      expect(sent).toEqual({ type: 'text/yaml', body: yaml });
    });

    it('posts an entity as JSON', async () => {
      const entity = {
        kind: 'Component',
        metadata: {
          name: 'sandbox',
          annotations: { 'ai-cost/openai-project-id': 'proj_experiments' },
        },
      };
      let sent: { type: string | null; body: unknown } | undefined;
      server.use(
        http.post(`${baseUrl}/attribution/preview`, async ({ request }) => {
          sent = {
            type: request.headers.get('content-type'),
            body: await request.json(),
          };
          return HttpResponse.json(makeAttributionPreview());
        }),
      );
      await client.previewAttribution({ entity });
      expect(sent).toEqual({ type: 'application/json', body: { entity } });
    });

    it("keeps the server's message of an invalid YAML", async () => {
      server.use(
        http.post(`${baseUrl}/attribution/preview`, () =>
          errorBody(
            400,
            'InputError',
            'body: invalid YAML: Flow sequence in block collection',
          ),
        ),
      );
      await expect(
        client.previewAttribution({ yaml: 'kind: [Component\n' }),
      ).rejects.toMatchObject({
        statusCode: 400,
        body: {
          error: {
            name: 'InputError',
            message: 'body: invalid YAML: Flow sequence in block collection',
          },
        },
      });
    });
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

  /** Records every request a handler sees: method, path, search and body. */
  function recorder() {
    const requests: Array<{
      method: string;
      path: string;
      search: string;
      contentType: string | null;
      body: string;
    }> = [];
    return {
      requests,
      async record(request: Request) {
        const url = new URL(request.url);
        requests.push({
          method: request.method,
          path: url.pathname,
          search: url.search,
          contentType: request.headers.get('content-type'),
          body: await request.text(),
        });
      },
    };
  }

  describe('budgets', () => {
    const entityRef = 'component:default/query-rewriter';
    const encoded = '?entityRef=component%3Adefault%2Fquery-rewriter';

    it('reads the budget of an entity', async () => {
      const budget = makeBudget();
      const rec = recorder();
      server.use(
        http.get(`${baseUrl}/budgets`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(budget);
        }),
      );
      await expect(client.getBudget({ entityRef })).resolves.toEqual(budget);
      expect(rec.requests).toEqual([
        expect.objectContaining({
          method: 'GET',
          path: '/api/ai-cost/budgets',
          search: encoded,
        }),
      ]);
    });

    it('maps a missing budget to a 404 ResponseError with the explanation', async () => {
      server.use(
        http.get(`${baseUrl}/budgets`, () =>
          errorBody(
            404,
            'NotFoundError',
            `No budget for ${entityRef}; set one or add ai-cost/monthly-budget`,
          ),
        ),
      );
      await expect(client.getBudget({ entityRef })).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 404,
        body: {
          error: {
            message: `No budget for ${entityRef}; set one or add ai-cost/monthly-budget`,
          },
        },
      });
    });

    it('puts the budget as JSON with the entity in the query', async () => {
      const rec = recorder();
      const saved = makeBudget({ amount: 3000, period: 'quarter' });
      server.use(
        http.put(`${baseUrl}/budgets`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(saved);
        }),
      );
      await expect(
        client.setBudget({
          entityRef,
          amount: 3000,
          period: 'quarter',
          thresholds: [0.5, 0.9, 1.2],
        }),
      ).resolves.toEqual(saved);
      expect(rec.requests).toEqual([
        {
          method: 'PUT',
          path: '/api/ai-cost/budgets',
          search: encoded,
          contentType: 'application/json',
          body: '{"amount":3000,"period":"quarter","thresholds":[0.5,0.9,1.2]}',
        },
      ]);
    });

    it('leaves fields out of the body that were not given', async () => {
      const rec = recorder();
      server.use(
        http.put(`${baseUrl}/budgets`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(makeBudget({ amount: 1200 }));
        }),
      );
      await client.setBudget({ entityRef, amount: 1200 });
      expect(rec.requests[0].body).toBe('{"amount":1200}');
      await client.setBudget({ entityRef, amount: 1200, currency: 'USD' });
      expect(rec.requests[1].body).toBe('{"amount":1200,"currency":"USD"}');
    });

    it.each([
      [
        403,
        'NotAllowedError',
        `Missing permission ai-cost.budget.update on ${entityRef}`,
      ],
      [400, 'InputError', 'amount: must be greater than 0'],
    ])(
      'maps a failed save (%i) to a ResponseError with the server message',
      async (status, name, message) => {
        server.use(
          http.put(`${baseUrl}/budgets`, () =>
            errorBody(status, name, message),
          ),
        );
        await expect(
          client.setBudget({ entityRef, amount: -1 }),
        ).rejects.toMatchObject({
          name: 'ResponseError',
          statusCode: status,
          body: { error: { name, message } },
        });
      },
    );

    it('deletes the portal budget and accepts 204', async () => {
      const rec = recorder();
      server.use(
        http.delete(`${baseUrl}/budgets`, async ({ request }) => {
          await rec.record(request);
          return new HttpResponse(null, { status: 204 });
        }),
      );
      await expect(client.deleteBudget({ entityRef })).resolves.toBeUndefined();
      expect(rec.requests).toEqual([
        expect.objectContaining({ method: 'DELETE', search: encoded }),
      ]);
    });

    it('names the scope of a scoped budget in the query of every budget call', async () => {
      const rec = recorder();
      const scoped = makeBudget({ scope: 'environment:staging', amount: 300 });
      server.use(
        http.get(`${baseUrl}/budgets`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(scoped);
        }),
        http.put(`${baseUrl}/budgets`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(scoped);
        }),
        http.delete(`${baseUrl}/budgets`, async ({ request }) => {
          await rec.record(request);
          return new HttpResponse(null, { status: 204 });
        }),
      );
      const scope = 'environment:staging';
      await expect(client.getBudget({ entityRef, scope })).resolves.toEqual(
        scoped,
      );
      await client.setBudget({ entityRef, scope, amount: 300 });
      await client.deleteBudget({ entityRef, scope });
      const search = `${encoded}&scope=environment%3Astaging`;
      expect(rec.requests).toEqual([
        expect.objectContaining({ method: 'GET', search }),
        expect.objectContaining({
          method: 'PUT',
          search,
          body: '{"amount":300}',
        }),
        expect.objectContaining({ method: 'DELETE', search }),
      ]);
    });

    it('maps a failed delete to a ResponseError', async () => {
      server.use(
        http.delete(`${baseUrl}/budgets`, () =>
          errorBody(
            404,
            'NotFoundError',
            `No budget set in the portal for ${entityRef}`,
          ),
        ),
      );
      await expect(client.deleteBudget({ entityRef })).rejects.toMatchObject({
        statusCode: 404,
      });
    });

    it('reads the status of one entity, or of every budgeted entity', async () => {
      const status = makeBudgetStatus();
      const rec = recorder();
      server.use(
        http.get(`${baseUrl}/budgets/status`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(
            new URL(request.url).searchParams.has('entityRef')
              ? status
              : [status],
          );
        }),
      );
      await expect(client.getBudgetStatus({ entityRef })).resolves.toEqual(
        status,
      );
      await expect(client.listBudgetStatuses()).resolves.toEqual([status]);
      expect(rec.requests.map(r => r.search)).toEqual([encoded, '']);
    });

    it('maps a status 403 to a ResponseError', async () => {
      server.use(
        http.get(`${baseUrl}/budgets/status`, () =>
          errorBody(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.org.read',
          ),
        ),
      );
      await expect(client.listBudgetStatuses()).rejects.toMatchObject({
        statusCode: 403,
        cause: { name: 'NotAllowedError' },
      });
    });
  });

  describe('forecast', () => {
    it("reads an entity's month-end forecast, and the organisation's without entityRef", async () => {
      const rec = recorder();
      server.use(
        http.get(`${baseUrl}/forecast`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(
            new URL(request.url).searchParams.has('entityRef')
              ? makeSpendForecast()
              : makeOrgSpendForecast(),
          );
        }),
      );
      await expect(
        client.getSpendForecast({
          entityRef: 'component:default/query-rewriter',
        }),
      ).resolves.toEqual(makeSpendForecast());
      await expect(client.getSpendForecast()).resolves.toEqual(
        makeOrgSpendForecast(),
      );
      expect(rec.requests.map(r => r.search)).toEqual([
        '?entityRef=component%3Adefault%2Fquery-rewriter',
        '',
      ]);
    });
  });

  describe('planning', () => {
    it('asks for the suggestion of an entity and period', async () => {
      const rec = recorder();
      server.use(
        http.get(`${baseUrl}/budgets/suggestion`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(makeBudgetSuggestion({ period: 'quarter' }));
        }),
      );
      await expect(
        client.getBudgetSuggestion({
          entityRef: 'component:default/query-rewriter',
          period: 'quarter',
        }),
      ).resolves.toMatchObject({ suggested: 4100, period: 'quarter' });
      expect(rec.requests.map(r => r.search)).toEqual([
        '?entityRef=component%3Adefault%2Fquery-rewriter&period=quarter',
      ]);
    });

    it('reads the plan of a year and downloads its CSV', async () => {
      const rec = recorder();
      server.use(
        http.get(`${baseUrl}/plan`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(makeYearPlan());
        }),
        http.get(`${baseUrl}/plan.csv`, async ({ request }) => {
          await rec.record(request);
          return new HttpResponse('year,month\n', {
            headers: { 'content-type': 'text/csv; charset=utf-8' },
          });
        }),
      );
      await expect(client.getPlan(2026)).resolves.toEqual(makeYearPlan());
      const csv = await client.exportPlanCsv(2026);
      expect(csv.filename).toBe('ai-cost-plan-2026.csv');
      expect(rec.requests.map(r => `${r.path}${r.search}`)).toEqual([
        '/api/ai-cost/plan?year=2026',
        '/api/ai-cost/plan.csv?year=2026',
      ]);
    });

    it('maps a bad year to a ResponseError with the server message', async () => {
      server.use(
        http.get(`${baseUrl}/plan`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message:
                  'year must be 2027 or earlier: there is nothing to forecast 2028 from',
              },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
        ),
      );
      await expect(client.getPlan(2028)).rejects.toMatchObject({
        name: 'ResponseError',
        body: {
          error: {
            message:
              'year must be 2027 or earlier: there is nothing to forecast 2028 from',
          },
        },
      });
    });
  });

  describe('anomalies', () => {
    it('lists anomalies with the given filters only', async () => {
      const page = { items: makeAnomalies(), nextCursor: 'WyIyMDI2Il0' };
      const rec = recorder();
      server.use(
        http.get(`${baseUrl}/anomalies`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(page);
        }),
      );
      await expect(
        client.listAnomalies({
          entityRef: 'system:default/search',
          status: 'open',
        }),
      ).resolves.toEqual(page);
      await client.listAnomalies({ status: 'all', limit: 2, cursor: 'a/b+=' });
      await client.listAnomalies();
      expect(rec.requests.map(r => r.search)).toEqual([
        '?entityRef=system%3Adefault%2Fsearch&status=open',
        '?status=all&limit=2&cursor=a%2Fb%2B%3D',
        '',
      ]);
    });

    it('posts feedback as JSON to the encoded anomaly id', async () => {
      const rec = recorder();
      const updated = {
        ...makeAnomalies()[0],
        feedback: {
          value: 'not-an-issue' as const,
          by: 'user:default/guest',
          at: '2026-11-22T15:31:00.000Z',
        },
      };
      server.use(
        http.post(`${baseUrl}/anomalies/:id/feedback`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(updated);
        }),
      );
      await expect(
        client.setAnomalyFeedback('anom 1/x', { feedback: 'not-an-issue' }),
      ).resolves.toEqual(updated);
      await client.setAnomalyFeedback('anom-1', {
        feedback: 'expected',
        comment: 'Planned backfill',
      });
      expect(rec.requests).toEqual([
        {
          method: 'POST',
          path: '/api/ai-cost/anomalies/anom%201%2Fx/feedback',
          search: '',
          contentType: 'application/json',
          body: '{"feedback":"not-an-issue"}',
        },
        expect.objectContaining({
          path: '/api/ai-cost/anomalies/anom-1/feedback',
          body: '{"feedback":"expected","comment":"Planned backfill"}',
        }),
      ]);
    });

    it('maps failed feedback to a ResponseError', async () => {
      server.use(
        http.post(`${baseUrl}/anomalies/:id/feedback`, () =>
          errorBody(404, 'NotFoundError', 'No anomaly with id nope'),
        ),
      );
      await expect(
        client.setAnomalyFeedback('nope', { feedback: 'accurate' }),
      ).rejects.toMatchObject({
        statusCode: 404,
        body: { error: { message: 'No anomaly with id nope' } },
      });
    });
  });

  describe('recommendations', () => {
    it('lists recommendations with the given filters only', async () => {
      const recommendations = makeRecommendations();
      const rec = recorder();
      server.use(
        http.get(`${baseUrl}/recommendations`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json(recommendations);
        }),
      );
      await expect(
        client.listRecommendations({
          entityRef: 'component:default/query-rewriter',
          status: 'snoozed',
        }),
      ).resolves.toEqual(recommendations);
      await client.listRecommendations({ limit: 500, cursor: 'c1' });
      await client.listRecommendations();
      expect(rec.requests.map(r => r.search)).toEqual([
        '?entityRef=component%3Adefault%2Fquery-rewriter&status=snoozed',
        '?limit=500&cursor=c1',
        '',
      ]);
    });

    it('dismisses, snoozes and reopens with exact bodies', async () => {
      const rec = recorder();
      server.use(
        http.post(
          `${baseUrl}/recommendations/:id/:action`,
          async ({ request }) => {
            await rec.record(request);
            return HttpResponse.json({ id: 'rec-1' });
          },
        ),
      );
      await client.dismissRecommendation('rec-1', {
        reason: 'We need gpt-4o quality',
      });
      await client.snoozeRecommendation('rec-1', { until: '2026-12-31' });
      await client.snoozeRecommendation('rec/2', {
        until: '2026-12-31',
        reason: 'After the launch',
      });
      await client.reopenRecommendation('rec-1');
      expect(
        rec.requests.map(r => [r.method, r.path, r.contentType, r.body]),
      ).toEqual([
        [
          'POST',
          '/api/ai-cost/recommendations/rec-1/dismiss',
          'application/json',
          '{"reason":"We need gpt-4o quality"}',
        ],
        [
          'POST',
          '/api/ai-cost/recommendations/rec-1/snooze',
          'application/json',
          '{"until":"2026-12-31"}',
        ],
        [
          'POST',
          '/api/ai-cost/recommendations/rec%2F2/snooze',
          'application/json',
          '{"until":"2026-12-31","reason":"After the launch"}',
        ],
        ['POST', '/api/ai-cost/recommendations/rec-1/reopen', null, ''],
      ]);
    });

    it('maps a 404 to a ResponseError', async () => {
      server.use(
        http.get(`${baseUrl}/recommendations`, () =>
          errorBody(404, 'NotFoundError', 'Not found'),
        ),
        http.post(`${baseUrl}/recommendations/:id/:action`, () =>
          errorBody(400, 'InputError', 'reason: must say why'),
        ),
      );
      await expect(client.listRecommendations()).rejects.toMatchObject({
        statusCode: 404,
      });
      await expect(
        client.dismissRecommendation('rec-1', { reason: ' ' }),
      ).rejects.toMatchObject({
        statusCode: 400,
        body: { error: { message: 'reason: must say why' } },
      });
    });
  });
  describe('budget requests', () => {
    it('lists with filters, approves and rejects with exact bodies', async () => {
      const rec = recorder();
      server.use(
        http.get(`${baseUrl}/budgets/requests`, async ({ request }) => {
          await rec.record(request);
          return HttpResponse.json({ items: [{ id: 'req-1' }] });
        }),
        http.post(
          `${baseUrl}/budgets/requests/:id/:action`,
          async ({ request }) => {
            await rec.record(request);
            return HttpResponse.json({ id: 'req-1' });
          },
        ),
      );
      await expect(
        client.listBudgetRequests({
          status: 'pending',
          entityRef: 'component:default/support-bot',
        }),
      ).resolves.toEqual([{ id: 'req-1' }]);
      await client.listBudgetRequests();
      await client.approveBudgetRequest('req-1');
      await client.approveBudgetRequest('req/2', { comment: 'Go ahead' });
      await client.rejectBudgetRequest('req-1', { comment: 'Too much' });
      expect(
        rec.requests.map(r => [r.method, r.path + r.search, r.body]),
      ).toEqual([
        [
          'GET',
          '/api/ai-cost/budgets/requests?status=pending&entityRef=component%3Adefault%2Fsupport-bot',
          '',
        ],
        ['GET', '/api/ai-cost/budgets/requests', ''],
        ['POST', '/api/ai-cost/budgets/requests/req-1/approve', '{}'],
        [
          'POST',
          '/api/ai-cost/budgets/requests/req%2F2/approve',
          '{"comment":"Go ahead"}',
        ],
        [
          'POST',
          '/api/ai-cost/budgets/requests/req-1/reject',
          '{"comment":"Too much"}',
        ],
      ]);
    });

    it('maps a 403 of an approval to a ResponseError', async () => {
      server.use(
        http.post(`${baseUrl}/budgets/requests/:id/approve`, () =>
          errorBody(
            403,
            'NotAllowedError',
            'You cannot approve your own budget request req-1',
          ),
        ),
      );
      await expect(client.approveBudgetRequest('req-1')).rejects.toMatchObject({
        statusCode: 403,
      });
    });
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { aiCostProvidersExtensionPoint } from '@ai-cost/plugin-ai-cost-node';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogEntity } from './__testUtils__/fakeCatalog';
import { aiCostPlugin } from './plugin';

const fixedProviderModule = createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'test-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: aiCostProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProvider({
          id: 'openai-test',
          provider: 'openai',
          async fetchUsage() {
            return [];
          },
        });
      },
    });
  },
});

describe('aiCostPlugin', () => {
  async function start(permissionResult: 'ALLOW' | 'DENY' = 'ALLOW') {
    const { server } = await startTestBackend({
      features: [
        aiCostPlugin,
        fixedProviderModule,
        mockServices.rootConfig.factory({
          data: { aiCost: { currency: 'USD' } },
        }),
        mockServices.permissions.factory({ result: permissionResult as any }),
      ],
    });
    return server;
  }

  it('answers /health without authentication', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/ai-cost/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists the sources contributed by modules, and requires a caller', async () => {
    const server = await start();
    const unauthenticated = await request(server)
      .get('/api/ai-cost/sources')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);

    const res = await request(server)
      .get('/api/ai-cost/sources')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: 'openai-test',
        provider: 'openai',
        status: 'never-run',
        lastRunAt: null,
        lastSuccessAt: null,
        lastError: null,
        rowsUpserted: 0,
        freshThrough: null,
      },
      // Always there: portal subscriptions can be added at any time.
      {
        id: 'subscriptions',
        provider: 'subscription',
        status: 'never-run',
        lastRunAt: null,
        lastSuccessAt: null,
        lastError: null,
        rowsUpserted: 0,
        freshThrough: null,
      },
    ]);
  });

  it('triggers a refresh for admins, 404s unknown sources, and denies others', async () => {
    const allowed = await start('ALLOW');
    const triggered = await request(allowed)
      .post('/api/ai-cost/sources/openai-test/refresh')
      .set('Authorization', mockCredentials.user.header());
    expect(triggered.status).toBe(202);
    expect(triggered.body).toEqual({ id: 'openai-test', status: 'triggered' });

    const unknown = await request(allowed)
      .post('/api/ai-cost/sources/nope/refresh')
      .set('Authorization', mockCredentials.user.header());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No source with id "nope"');
  });

  it('denies a refresh without ai-cost.admin', async () => {
    const denied = await start('DENY');
    const res = await request(denied)
      .post('/api/ai-cost/sources/openai-test/refresh')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Missing permission ai-cost.admin');
  });

  describe('GET /reconciliation', () => {
    it('reports billed vs estimated per source and day, and names bad parameters', async () => {
      const { server } = await startTestBackend({
        features: [
          aiCostPlugin,
          fixedProviderModule,
          mockServices.rootConfig.factory({
            data: { aiCost: { currency: 'USD' } },
          }),
        ],
      });
      const empty = await request(server)
        .get('/api/ai-cost/reconciliation?from=2026-11-01&to=2026-11-03')
        .set('Authorization', mockCredentials.user.header());
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({
        currency: 'USD',
        from: '2026-11-01',
        to: '2026-11-03',
        days: [],
      });

      const reversed = await request(server)
        .get('/api/ai-cost/reconciliation?from=2026-11-05&to=2026-11-03')
        .set('Authorization', mockCredentials.user.header());
      expect(reversed.status).toBe(400);
      expect(reversed.body.error.message).toBe(
        'from: must not be after to (2026-11-03)',
      );

      const badDate = await request(server)
        .get('/api/ai-cost/reconciliation?from=2026-02-30&to=2026-03-03')
        .set('Authorization', mockCredentials.user.header());
      expect(badDate.status).toBe(400);
      expect(badDate.body.error.message).toBe(
        'from: must be a calendar date written as YYYY-MM-DD',
      );

      const missing = await request(server)
        .get('/api/ai-cost/reconciliation?from=2026-11-01')
        .set('Authorization', mockCredentials.user.header());
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/to/);
    });
  });

  it('wires ingestion, the catalog index and attribution into the cost API', async () => {
    // The day the engine asked for: the test keeps no clock of its own, so
    // it cannot disagree with the engine's around midnight UTC.
    let day = '';
    const providerModule = createBackendModule({
      pluginId: 'ai-cost',
      moduleId: 'recorded-provider',
      register(reg) {
        reg.registerInit({
          deps: { providers: aiCostProvidersExtensionPoint },
          async init({ providers }) {
            providers.addProvider({
              id: 'openai-recorded',
              provider: 'openai',
              async fetchUsage(window) {
                day = window.to;
                return [
                  {
                    date: day,
                    projectId: 'proj_search',
                    model: 'gpt-4o',
                    cost: 1_234_567,
                    currency: 'USD',
                    costKind: 'billed',
                  },
                  {
                    date: day,
                    projectId: 'proj_unclaimed',
                    model: 'gpt-4o',
                    cost: 1_000,
                    currency: 'USD',
                    costKind: 'billed',
                  },
                ];
              },
            });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        aiCostPlugin,
        providerModule,
        mockServices.rootConfig.factory({
          data: { aiCost: { currency: 'USD' } },
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [
            catalogEntity('component:default/search-api', {
              owner: 'group:default/search-team',
              annotations: { 'ai-cost/openai-project-id': 'proj_search' },
            }),
            catalogEntity('group:default/search-team'),
          ],
        }),
      ],
    });
    const post = (url: string) =>
      request(server)
        .post(url)
        .set('Authorization', mockCredentials.user.header());
    expect(
      (await post('/api/ai-cost/sources/openai-recorded/refresh')).status,
    ).toBe(202);
    expect((await post('/api/ai-cost/attribution/refresh')).status).toBe(202);
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const res = await request(server)
      .get(
        `/api/ai-cost/costs?entityRef=group:default/search-team&from=${day}&to=${day}`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.total.cost).toBe(1.234567);
    expect(res.body.byChild).toEqual([
      {
        entityRef: 'component:default/search-api',
        kind: 'Component',
        cost: 1.234567,
        total: 1.234567,
      },
    ]);

    const rollup = await request(server)
      .get(`/api/ai-cost/rollup?groupBy=provider&from=${day}&to=${day}`)
      .set('Authorization', mockCredentials.user.header());
    expect(rollup.body.total).toBe(1.235567);
    expect(rollup.body.unallocated.items).toEqual([
      {
        provider: 'openai',
        dimension: 'projectId',
        value: 'proj_unclaimed',
        cost: 0.001,
        claimWith: 'ai-cost/openai-project-id',
        hint: 'Add "ai-cost/openai-project-id: proj_unclaimed" to the catalog-info.yaml of the entity that uses it (append to its comma-separated list if it has one).',
      },
    ]);
  });
});

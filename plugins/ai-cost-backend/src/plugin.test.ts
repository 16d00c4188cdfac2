import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { aiCostProvidersExtensionPoint } from '@ai-cost/plugin-ai-cost-node';
import request from 'supertest';
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
});

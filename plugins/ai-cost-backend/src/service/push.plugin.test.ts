import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { aiCostPlugin } from '../plugin';

jest.setTimeout(60_000);

describe('push routes in the plugin', () => {
  it('are wired with aiCost.push: a service pushes into the configured source, limits apply, costs are attributed', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { server } = await startTestBackend({
      features: [
        aiCostPlugin,
        mockServices.rootConfig.factory({
          data: {
            aiCost: {
              currency: 'USD',
              push: { sourceId: 'litellm-prod', maxBatchBytes: 2048 },
            },
          },
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [
            catalogEntity('component:default/llm-gateway', {
              owner: 'group:default/platform',
              annotations: { 'ai-cost/gateway-tags': 'team=search' },
            }),
            catalogEntity('group:default/platform'),
          ],
        }),
      ],
    });
    const admin = mockCredentials.user.header();
    const index = await request(server)
      .post('/api/ai-cost/attribution/refresh')
      .set('Authorization', admin);
    expect(index.status).toBe(202);

    const event = {
      id: 'evt-1',
      timestamp: `${today}T00:00:00Z`,
      attributes: {
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 1000,
        'gen_ai.usage.output_tokens': 100,
        team: 'search',
      },
    };
    const pushed = await request(server)
      .post('/api/ai-cost/ingest/events')
      .set('Authorization', mockCredentials.service.header())
      .send({ events: [event] });
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual({
      sourceId: 'litellm-prod',
      format: 'otel',
      accepted: 1,
      duplicates: 0,
      rejected: [],
      days: [today],
    });

    const costs = await request(server)
      .get(
        `/api/ai-cost/costs?entityRef=component:default/llm-gateway&from=${today}&to=${today}`,
      )
      .set('Authorization', admin);
    expect(costs.status).toBe(200);
    // 1000 × $2.50 + 100 × $10 per million tokens
    expect(costs.body.total.cost).toBe(0.0035);

    // Page views cache their answers; each push shows in the next view,
    // which reads again only the pushed day (the week's last).
    const weekCost = async () => {
      const from = new Date(Date.parse(today) - 6 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const week = await request(server)
        .get(
          `/api/ai-cost/costs?entityRef=component:default/llm-gateway&from=${from}&to=${today}`,
        )
        .set('Authorization', admin);
      expect(week.status).toBe(200);
      return week.body.total.cost;
    };
    expect(await weekCost()).toBe(0.0035);
    for (const [id, total] of [
      ['evt-2', 0.007],
      ['evt-3', 0.0105],
    ] as const) {
      const again = await request(server)
        .post('/api/ai-cost/ingest/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events: [{ ...event, id }] });
      expect(again.body.accepted).toBe(1);
      expect(await weekCost()).toBe(total);
    }

    const tooLarge = await request(server)
      .post('/api/ai-cost/ingest/events')
      .set('Authorization', mockCredentials.service.header())
      .send({ events: Array.from({ length: 20 }, () => event) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toBe(
      'The batch is larger than the 2 KiB limit (aiCost.push.maxBatchBytes); send smaller batches',
    );

    const focus = await request(server)
      .post('/api/ai-cost/import/focus?fileId=f1')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(
        `ChargePeriodStart,BilledCost,BillingCurrency,ProviderName\n${today},1.5,USD,OpenAI\n`,
      );
    expect(focus.status).toBe(200);
    expect(focus.body).toMatchObject({
      sourceId: 'focus',
      fileId: 'f1',
      status: 'imported',
      totals: { billedCost: 1.5 },
    });

    const sources = await request(server)
      .get('/api/ai-cost/sources')
      .set('Authorization', admin);
    expect(sources.body.map((s: { id: string }) => s.id)).toEqual([
      'focus',
      'litellm-prod',
      // Always there: portal subscriptions can be added at any time.
      'subscriptions',
    ]);
  });
});

import { mockCredentials } from '@backstage/backend-test-utils';
import { RELATION_MEMBER_OF, type Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const ADMIN = 'user:default/admin';
const VIEWER = 'user:default/viewer';
const SEARCH = 'group:default/search-team';
const INSIGHTS = 'group:default/insights-team';
const WINDOW = { from: '2026-11-01', to: '2026-11-03' };

jest.setTimeout(60_000);

function user(name: string, groups: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groups },
    relations: groups.map(targetRef => ({
      type: RELATION_MEMBER_OF,
      targetRef,
    })),
  };
}

const CONFIG = {
  currency: 'USD',
  subscriptions: [
    {
      // 1200.000003 a month: 40.000001 a day in November (30 days), split
      // 3 : 1 by the teams' members.
      id: 'copilot',
      vendor: 'GitHub',
      product: 'Copilot Business',
      amount: 1200.000003,
      currency: 'USD',
      period: 'month',
      start: '2026-11-01',
      seats: 4,
      groups: [SEARCH, INSIGHTS],
      activeSeatsMetric: 'copilot_active',
    },
    {
      // 1.00 a day nobody is assigned: unallocated.
      id: 'unassigned',
      vendor: 'Acme',
      product: 'Notes AI',
      amount: 30,
      currency: 'USD',
      period: 'month',
      start: '2026-11-01',
    },
  ],
};

/** 300 a month from November: 10.00 a day, all to the insights team. */
const CHATGPT = {
  vendor: 'OpenAI',
  product: 'ChatGPT Team',
  amount: 300,
  currency: 'USD',
  period: 'month',
  start: '2026-11-01',
  seats: 2,
  entityRef: INSIGHTS,
};

describe('subscriptions: amortised, attributed by entity or group members', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const test = await createCostTestApp({
      knex,
      entities: [
        catalogEntity(SEARCH),
        catalogEntity(INSIGHTS),
        user('alice', [SEARCH]),
        user('bob', [SEARCH]),
        user('carol', [SEARCH]),
        user('dave', [INSIGHTS]),
      ],
      config: CONFIG,
      policy: (permission, who) =>
        who === VIEWER && permission === 'ai-cost.admin' ? 'DENY' : undefined,
    });
    // Registers the sources (the subscriptions source among them).
    await test.services.ingestion.start();
    await test.indexer.rebuild();
    const as = (who: string) => ({
      get: (url: string) =>
        request(test.app as any)
          .get(url)
          .set('Authorization', mockCredentials.user.header(who)),
      send: (method: 'post' | 'put' | 'delete', url: string, body?: object) =>
        request(test.app as any)
          [method](url)
          .set('Authorization', mockCredentials.user.header(who))
          .send(body),
    });
    const ingest = async () => {
      const result = await test.services.ingestion.runSource(
        'subscriptions',
        'manual',
      );
      expect(result).toBeDefined();
    };
    const totals = async () => {
      const attributed = await test.attributionStore.sumAttributed({
        window: WINDOW,
        groupBy: ['entityRef'],
      });
      const unallocated = await test.attributionStore.sumUnallocated(WINDOW);
      const usage = await test.store.sumUsage({
        ...WINDOW,
        sourceId: 'subscriptions',
      });
      return {
        byEntity: Object.fromEntries(
          attributed.map(row => [row.entityRef, row.cost]).sort(),
        ),
        unallocated: unallocated.reduce((sum, row) => sum + row.cost, 0),
        ingested: usage.cost,
      };
    };
    return { ...test, as, ingest, totals };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('lands a config and a portal subscription on their entities, to the micro-unit', async () => {
      const test = await setup(databaseId);
      const put = await test
        .as(ADMIN)
        .send('put', '/subscriptions/chatgpt', CHATGPT);
      expect(put.status).toBe(201);
      expect(put.body).toMatchObject({
        id: 'chatgpt',
        source: 'portal',
        monthlyCost: 300,
        costPerSeat: 150,
        entityRef: INSIGHTS,
        updatedBy: ADMIN,
        problems: [],
      });
      await test.ingest();

      const { byEntity, unallocated, ingested } = await test.totals();
      expect(byEntity).toEqual({
        // 3 days × 40,000,001 split 3 : 1 (30,000,000.75 | 10,000,000.25):
        // the remainder micro-unit goes to search each day.
        [SEARCH]: 90_000_003,
        // 3 × 10,000,000 of Copilot + 3 × 10,000,000 of ChatGPT.
        [INSIGHTS]: 60_000_000,
      });
      expect(unallocated).toBe(3_000_000);
      expect(ingested).toBe(153_000_003);
      expect(byEntity[SEARCH] + byEntity[INSIGHTS] + unallocated).toBe(
        ingested,
      );

      // Removing the portal subscription removes its spend on the next run.
      expect(
        (await test.as(ADMIN).send('delete', '/subscriptions/chatgpt')).status,
      ).toBe(204);
      await test.ingest();
      const after = await test.totals();
      expect(after.byEntity[INSIGHTS]).toBe(30_000_000);
      expect(after.ingested).toBe(123_000_003);
    });

    it('lists seats and costs per seat, and recommends cancelling idle seats', async () => {
      const test = await setup(databaseId);
      expect(
        (
          await test.as(ADMIN).send('post', '/metrics', {
            metrics: [
              { metric: 'copilot_active', date: '2026-11-01', value: 4 },
              { metric: 'copilot_active', date: '2026-11-02', value: 3 },
            ],
          })
        ).status,
      ).toBe(200);
      const res = await test.as(VIEWER).get('/subscriptions');
      expect(res.status).toBe(200);
      expect(res.body.currency).toBe('USD');
      expect(res.body.month).toBe('2026-11');
      const copilot = res.body.subscriptions.find(
        (s: { id: string }) => s.id === 'copilot',
      );
      expect(copilot).toEqual({
        id: 'copilot',
        source: 'config',
        vendor: 'GitHub',
        product: 'Copilot Business',
        amount: 1200.000003,
        currency: 'USD',
        period: 'month',
        start: '2026-11-01',
        end: null,
        seats: 4,
        entityRef: null,
        groups: [INSIGHTS, SEARCH],
        activeSeatsMetric: 'copilot_active',
        monthlyCost: 1200.000003,
        costPerSeat: 300.000001,
        activeSeats: 3,
        costPerActiveSeat: 400.000001,
        problems: [],
      });
      const unassigned = res.body.subscriptions.find(
        (s: { id: string }) => s.id === 'unassigned',
      );
      expect(unassigned.problems).toEqual([
        'assigned to no entity or group: its cost stays unallocated',
      ]);

      await test.recommendationMonitor.evaluate();
      const { items } = await test.recommendationStore.listRecommendations({
        status: 'open',
        limit: 50,
      });
      const idle = items
        .filter(item => item.rule === 'idle-seats')
        .map(item => ({
          entityRef: item.entityRef,
          title: item.title,
          saving: item.estimatedMonthlySavings,
        }))
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      // One idle seat at 300.000001, split 3 : 1 by members.
      expect(idle).toEqual([
        {
          entityRef: INSIGHTS,
          title: '1 idle seat of GitHub Copilot Business',
          saving: 75_000_000,
        },
        {
          entityRef: SEARCH,
          title: '1 idle seat of GitHub Copilot Business',
          saving: 225_000_001,
        },
      ]);
    });

    it('refuses writes without ai-cost.admin, to config subscriptions (409) and with a bad field (400)', async () => {
      const test = await setup(databaseId);
      const denied = await test
        .as(VIEWER)
        .send('put', '/subscriptions/chatgpt', CHATGPT);
      expect(denied.status).toBe(403);
      expect(
        (await test.as(VIEWER).send('delete', '/subscriptions/chatgpt')).status,
      ).toBe(403);

      const config = await test
        .as(ADMIN)
        .send('put', '/subscriptions/copilot', CHATGPT);
      expect(config.status).toBe(409);
      expect(config.body.error.message).toBe(
        'Subscription copilot is defined in app-config (aiCost.subscriptions); change it there or use another id',
      );
      expect(
        (await test.as(ADMIN).send('delete', '/subscriptions/copilot')).status,
      ).toBe(409);

      const bad = await test
        .as(ADMIN)
        .send('put', '/subscriptions/chatgpt', { ...CHATGPT, period: 'week' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'period: expected month or year, got "week"',
      );
      expect(
        (await test.as(ADMIN).send('delete', '/subscriptions/nope')).status,
      ).toBe(404);

      const events = test.auditor.createEvent.mock.calls.map(
        ([event]) => event.eventId,
      );
      expect(events).toEqual(
        expect.arrayContaining(['subscription-update', 'subscription-delete']),
      );
    });
  });
});

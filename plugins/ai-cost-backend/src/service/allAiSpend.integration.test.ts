import type { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const ADMIN = 'user:default/admin';
const SEARCH = 'group:default/search-team';
const PLATFORM = 'group:default/platform';
const WINDOW = { from: '2026-11-01', to: '2026-11-03' };

jest.setTimeout(60_000);

function user(name: string, email: string, groups: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { email }, memberOf: groups },
    relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
  };
}

/**
 * One organisation with spend of every category (DESIGN §9.3): a model API
 * project, a Bedrock account, a labelled GPU workload with the cluster's idle
 * GPUs, a seat subscription, and expensed AI tools (one in EUR, one by an
 * employee the catalog does not know, one not an AI vendor).
 */
function org(): Entity[] {
  return [
    catalogEntity(SEARCH),
    catalogEntity(PLATFORM),
    user('alice', 'alice@example.com', [SEARCH]),
    user('bob', 'bob@example.com', [SEARCH, PLATFORM]),
    catalogEntity('component:default/bot', {
      owner: SEARCH,
      annotations: { 'ai-cost/openai-project-id': 'proj_bot' },
    }),
    catalogEntity('resource:default/bedrock', {
      owner: PLATFORM,
      annotations: { 'ai-cost/aws-account-id': '111122223333' },
    }),
    catalogEntity('component:default/reranker', {
      owner: SEARCH,
      annotations: { 'backstage.io/kubernetes-id': 'reranker' },
    }),
  ];
}

const CONFIG = {
  currency: 'USD',
  exchangeRates: { EUR: { '2026-11': 1.1 } },
  subscriptions: [
    {
      // 300 a month: 10.00 a day of November, all to the search team.
      id: 'chatgpt-team',
      vendor: 'OpenAI',
      product: 'ChatGPT Team',
      amount: 300,
      currency: 'USD',
      period: 'month',
      start: '2026-11-01',
      seats: 3,
      entityRef: SEARCH,
    },
  ],
};

const EXPENSES = [
  'date,vendor,amount,currency,email',
  '2026-11-02,OPENAI *CHATGPT SUBSCR,20,USD,alice@example.com',
  // 10 EUR at 1.1: 11.00, Bob's two teams 5.50 each.
  '2026-11-02,MIDJOURNEY INC.,10,EUR,bob@example.com',
  '2026-11-03,PERPLEXITY AI,4,USD,dan@example.com',
  '2026-11-03,UBER *TRIP,12,USD,alice@example.com',
  '',
].join('\n');

const record = (day: string, cost: number, fields: object) => ({
  date: day,
  cost,
  currency: 'USD',
  costKind: 'billed' as const,
  ...fields,
});

describe('all AI spend in one number', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('sums every category to the total, unallocated included, and keeps attributed + unallocated = ingested', async () => {
      const test = await createCostTestApp({
        knex: await databases.init(databaseId),
        entities: org(),
        config: CONFIG,
      });
      await test.services.ingestion.start();
      await test.indexer.rebuild();
      await test.ingest('openai-prod', 'openai', [
        record('2026-11-01', 10_000_001, {
          projectId: 'proj_bot',
          model: 'gpt-4o',
        }),
        record('2026-11-02', 2_500_000, {
          projectId: 'proj_x',
          model: 'gpt-4o',
        }),
      ]);
      await test.ingest('aws-main', 'aws', [
        record('2026-11-02', 3_333_333, {
          accountId: '111122223333',
          model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        }),
      ]);
      await test.ingest('opencost', 'kubernetes', [
        record('2026-11-01', 7_500_000, {
          projectId: 'reranker',
          accountId: 'search',
          lineItem: 'gpu',
          costKind: 'estimated',
        }),
        record('2026-11-01', 1_250_000, {
          resourceId: 'gpu-east/__idle__',
          tags: { cluster: 'gpu-east', idle: 'true' },
          lineItem: 'gpu',
          costKind: 'estimated',
        }),
      ]);
      expect(
        await test.services.ingestion.runSource('subscriptions', 'manual'),
      ).toBeDefined();
      const imported = await request(test.app as any)
        .post('/import/expenses')
        .set('Authorization', mockCredentials.user.header(ADMIN))
        .set('Content-Type', 'text/csv')
        .send(EXPENSES);
      expect(imported.status).toBe(200);
      expect(imported.body.skipped.notAiVendor).toBe(1);

      const res = await request(test.app as any)
        .get(`/rollup?groupBy=category&from=${WINDOW.from}&to=${WINDOW.to}`)
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(res.status).toBe(200);
      const items = Object.fromEntries(
        res.body.items.map((i: any) => [i.key, [i.cost, i.unallocatedCost]]),
      );
      // By hand: model APIs 10.000001 + 2.5 (proj_x, unclaimed); cloud AI
      // 3.333333; self-hosted 7.5 + 1.25 idle (unclaimed); subscriptions
      // 3 days × 10.00; expenses 20 + 11.00 (10 EUR) + 4 (dan, unknown).
      expect(items).toEqual({
        'model-api': [12.500001, 2.5],
        'cloud-ai': [3.333333, 0],
        'self-hosted': [8.75, 1.25],
        subscription: [30, 0],
        expense: [35, 4],
      });
      expect(res.body.total).toBe(89.583334);

      const attributed = await test.attributionStore.sumAttributed({
        window: WINDOW,
        groupBy: [],
      });
      const unallocated = await test.attributionStore.sumUnallocated(WINDOW);
      const ingested = await test.attributionStore.sumIngested(WINDOW);
      expect(
        attributed[0].cost + unallocated.reduce((t, r) => t + r.cost, 0),
      ).toBe(ingested.cost);
      expect(ingested.cost).toBe(89_583_334);

      // The search team's tab: its bot, reranker, subscription and its
      // members' expenses (Alice 20, half of Bob's 11.00).
      const team = await request(test.app as any)
        .get(`/costs?entityRef=${SEARCH}&from=${WINDOW.from}&to=${WINDOW.to}`)
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(team.body.byCategory).toEqual([
        { category: 'model-api', cost: 10.000001 },
        { category: 'self-hosted', cost: 7.5 },
        { category: 'subscription', cost: 30 },
        { category: 'expense', cost: 25.5 },
      ]);
      expect(team.body.total.cost).toBe(73.000001);
    });
  });
});

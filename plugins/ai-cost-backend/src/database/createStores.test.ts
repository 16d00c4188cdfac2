import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { PricedPushEvent } from '../push/pricing';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const event: PricedPushEvent = {
  eventId: 'e1',
  contentHash: 'h1',
  format: 'otel',
  occurredAt: '2026-11-02T10:00:00.000Z',
  date: '2026-11-02',
  upstreamProvider: 'openai',
  model: 'gpt-4o',
  apiKeyId: null,
  userId: null,
  tags: null,
  inputTokens: 1000,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 100,
  reasoningTokens: 0,
  requests: 1,
  givenCost: null,
  cost: 3_500,
  currency: 'USD',
  costKind: 'estimated',
  estimatedCost: 3_500,
  unpriced: false,
};

describe('createStores', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'migrates once and builds every store on one database, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const stores = await createStores({ database });
      expect(Object.keys(stores).sort()).toEqual([
        'allocationRules',
        'anomalies',
        'anomalySettings',
        'attribution',
        'budgetRequests',
        'budgets',
        'chargeback',
        'digests',
        'exchangeRates',
        'expenses',
        'metrics',
        'policies',
        'push',
        'recommendations',
        'requests',
        'subscriptions',
        'usage',
      ]);
      const [{ count }] = await knex('knex_migrations').count({ count: '*' });
      const again = await createStores({ database });
      const [after] = await knex('knex_migrations').count({ count: '*' });
      expect(Number(after.count)).toBe(Number(count));

      // Pushed usage is written through the same writer pulled runs use:
      // the usage store sees it and the source is fresh through its day.
      await again.push.ingestEvents({ sourceId: 'gw', events: [event] });
      expect(
        (
          await stores.usage.listUsage({
            from: '2026-11-01',
            to: '2026-11-30',
          })
        ).map(r => [r.sourceId, r.date, r.cost, r.costKind]),
      ).toEqual([['gw', '2026-11-02', 3_500, 'estimated']]);
      expect(await stores.usage.listSources()).toEqual([
        expect.objectContaining({
          id: 'gw',
          provider: 'gateway',
          status: 'succeeded',
          rowsUpserted: 1,
          freshThrough: '2026-11-02',
        }),
      ]);
      expect(await stores.attribution.usageSpans()).toEqual([
        {
          sourceId: 'gw',
          provider: 'gateway',
          from: '2026-11-02',
          to: '2026-11-02',
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when the database service skips migrations, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await createStores({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(await knex.schema.hasTable('ai_cost_usage')).toBe(false);
    },
  );
});

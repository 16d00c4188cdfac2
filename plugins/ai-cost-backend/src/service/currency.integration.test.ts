import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('aiCost.currency written in lower case', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'is the same currency for budgets and responses on %p',
    async databaseId => {
      const test = await createCostTestApp({
        knex: await databases.init(databaseId),
        entities: [catalogEntity('component:default/svc')],
        config: { currency: 'usd' },
      });
      await test.indexer.rebuild();
      const put = await request(test.app)
        .put('/budgets')
        .query({ entityRef: 'component:default/svc' })
        .send({ amount: 100, currency: 'USD' });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ amount: 100, currency: 'USD' });

      const costs = await request(test.app).get('/costs').query({
        entityRef: 'component:default/svc',
        from: '2026-11-01',
        to: '2026-11-02',
      });
      expect(costs.body.currency).toBe('USD');
    },
  );
});

import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { exampleCatalog } from '../__testUtils__/exampleOrg';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const OWNER = 'user:default/owner';
const ALICE = 'user:default/alice';
const SEARCH_API = 'component:default/search-api';

describe('budget routes', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      entities: exampleCatalog(),
      policy: (permission, user) =>
        permission === 'ai-cost.budget.update' && user !== OWNER
          ? 'DENY'
          : undefined,
    });
    await test.indexer.rebuild();
    const as = (user: string) => ({
      get: (url: string) =>
        request(test.app as any)
          .get(url)
          .set('Authorization', mockCredentials.user.header(user)),
      put: (url: string, body: unknown) =>
        request(test.app as any)
          .put(url)
          .send(body as object)
          .set('Authorization', mockCredentials.user.header(user)),
      delete: (url: string) =>
        request(test.app as any)
          .delete(url)
          .set('Authorization', mockCredentials.user.header(user)),
    });
    return { ...test, as };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reads the annotation default, lets an owner override and remove it, and audits both', async () => {
      const test = await setup(databaseId);
      const url = `/budgets?entityRef=${SEARCH_API}`;

      const initial = await test.as(ALICE).get(url);
      expect(initial.status).toBe(200);
      expect(initial.body).toEqual({
        entityRef: SEARCH_API,
        scope: null,
        amount: 1500,
        currency: 'USD',
        period: 'month',
        thresholds: [0.5, 0.8, 1],
        source: 'annotation',
      });

      const put = await test.as(OWNER).put(url, {
        amount: 2000.5,
        period: 'quarter',
        thresholds: [1, 0.5, 0.5],
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        entityRef: SEARCH_API,
        scope: null,
        amount: 2000.5,
        currency: 'USD',
        period: 'quarter',
        thresholds: [0.5, 1],
        source: 'portal',
        updatedBy: OWNER,
        updatedAt: '2026-11-03T12:00:00.000Z',
      });
      expect((await test.as(ALICE).get(url)).body).toEqual(put.body);

      expect(test.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'budget-update',
          meta: {
            entityRef: SEARCH_API,
            scope: null,
            before: {
              amount: 1500,
              currency: 'USD',
              period: 'month',
              thresholds: [0.5, 0.8, 1],
              source: 'annotation',
            },
          },
        }),
      );
      const updateEvent = await test.auditor.createEvent.mock.results[0].value;
      expect(updateEvent.success).toHaveBeenCalledWith({
        meta: {
          after: {
            amount: 2000.5,
            currency: 'USD',
            period: 'quarter',
            thresholds: [0.5, 1],
            source: 'portal',
          },
        },
      });

      const removed = await test.as(OWNER).delete(url);
      expect(removed.status).toBe(204);
      expect((await test.as(ALICE).get(url)).body.source).toBe('annotation');
      expect(test.auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({ eventId: 'budget-delete' }),
      );

      const again = await test.as(OWNER).delete(url);
      expect(again.status).toBe(404);
      expect(again.body.error.message).toBe(
        `No budget set in the portal for ${SEARCH_API}`,
      );
    });

    it('denies budget changes to non-owners and names bad input', async () => {
      const test = await setup(databaseId);
      const url = `/budgets?entityRef=${SEARCH_API}`;
      for (const res of [
        await test.as(ALICE).put(url, { amount: 10 }),
        await test.as(ALICE).delete(url),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `Missing permission ai-cost.budget.update on ${SEARCH_API}`,
        );
      }
      const cases: Array<[unknown, string]> = [
        [
          { amount: -1, period: 'week' },
          'amount: must be greater than 0; period: must be one of month, quarter',
        ],
        [{ amount: '12' }, 'amount: must be a number'],
        [
          { amount: 12, currency: 'EUR' },
          'currency: must be USD, the reporting currency',
        ],
        [
          { amount: 12, thresholds: [] },
          'thresholds: must list at least one threshold',
        ],
        [{ amount: 12, owner: 'me' }, "Unrecognized key(s) in object: 'owner'"],
      ];
      for (const [body, message] of cases) {
        const res = await test.as(OWNER).put(url, body);
        expect({
          body,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({ body, status: 400, message });
      }
      expect((await test.as(ALICE).get(url)).body.source).toBe('annotation');
    });

    it('takes back a budget copied from GET, ignoring its read-only fields', async () => {
      const test = await setup(databaseId);
      const url = `/budgets?entityRef=${SEARCH_API}`;
      const first = await test.as(OWNER).put(url, { amount: 2000 });
      expect(first.status).toBe(200);
      const copied = (await test.as(OWNER).get(url)).body;
      expect(copied).toMatchObject({ entityRef: SEARCH_API, source: 'portal' });

      const roundTrip = await test.as(OWNER).put(url, {
        ...copied,
        amount: 2500,
        source: 'annotation',
        updatedBy: 'user:default/someone-else',
        updatedAt: '2020-01-01T00:00:00.000Z',
      });
      expect(roundTrip.status).toBe(200);
      expect(roundTrip.body).toEqual({
        entityRef: SEARCH_API,
        scope: null,
        amount: 2500,
        currency: 'USD',
        period: 'month',
        thresholds: [0.5, 0.8, 1],
        source: 'portal',
        updatedBy: OWNER,
        updatedAt: '2026-11-03T12:00:00.000Z',
      });

      // The same entity written differently is the same entity.
      const sameEntity = await test.as(OWNER).put(url, {
        ...copied,
        entityRef: 'Component:search-api',
      });
      expect(sameEntity.status).toBe(200);

      const other = await test.as(OWNER).put(url, {
        ...copied,
        entityRef: 'component:default/query-rewriter',
      });
      expect(other.status).toBe(400);
      expect(other.body.error.message).toBe(
        `entityRef: must be ${SEARCH_API} as in the query, or be left out`,
      );
      expect((await test.as(ALICE).get(url)).body.amount).toBe(2000);
    });

    it('answers 404 without a budget, explaining an unusable annotation', async () => {
      const test = await setup(databaseId);
      const none = await test
        .as(ALICE)
        .get('/budgets?entityRef=component:default/docs-site');
      expect(none.status).toBe(404);
      expect(none.body.error.message).toBe(
        'No budget for component:default/docs-site; set one or add ai-cost/monthly-budget',
      );
      const euro = await test
        .as(ALICE)
        .get('/budgets?entityRef=component:default/llm-gateway');
      expect(euro.status).toBe(404);
      expect(euro.body.error.message).toBe(
        'ai-cost/monthly-budget of component:default/llm-gateway is in EUR, but costs are reported in USD; the budget is ignored',
      );
    });
  });
});

import { mockCredentials } from '@backstage/backend-test-utils';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const OWNER = 'user:default/owner';
const ALICE = 'user:default/alice';
const TEAM = 'group:default/team';
const SVC = 'component:default/svc';
const STAGING = 'environment:staging';
const PRODUCTION = 'environment:production';

describe('budgets scoped to an allocation tag value', () => {
  const databases = createTestDatabases();

  /**
   * `svc` spends $3 a day in production and $1 in staging through a
   * gateway whose events spell the environments `prod` and `stg`, from
   * September to December; today is Nov 21 (figures up to Nov 20).
   */
  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    monthlyBudget: string,
  ) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      now: new Date('2026-11-21T12:00:00Z'),
      entities: [
        catalogEntity(TEAM),
        catalogEntity(SVC, {
          owner: TEAM,
          annotations: {
            'ai-cost/gateway-tags': 'team=svc',
            'ai-cost/monthly-budget': monthlyBudget,
          },
        }),
      ],
      policy: (permission, user) =>
        permission === 'ai-cost.budget.update' && user !== OWNER
          ? 'DENY'
          : undefined,
    });
    await test.indexer.rebuild();
    await test.ingest(
      'gateway',
      'gateway',
      eachDay('2026-09-01', '2026-12-31').flatMap(date =>
        [
          { environment: 'prod', cost: 3_000_000 },
          { environment: 'stg', cost: 1_000_000 },
        ].map(({ environment, cost }) => ({
          date,
          model: 'gpt-4o',
          cost,
          currency: 'USD',
          costKind: 'billed' as const,
          tags: { team: 'svc', environment },
        })),
      ),
      { from: '2026-09-01', to: '2026-12-31' },
    );
    const as = (user: string) => {
      const auth = mockCredentials.user.header(user);
      return {
        get: (url: string) =>
          request(test.app as any)
            .get(url)
            .set('Authorization', auth),
        put: (url: string, body: object) =>
          request(test.app as any)
            .put(url)
            .send(body)
            .set('Authorization', auth),
        delete: (url: string) =>
          request(test.app as any)
            .delete(url)
            .set('Authorization', auth),
      };
    };
    return { ...test, as };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reports the scoped budgets of the annotation under the overall one', async () => {
      const test = await setup(databaseId, '100 USD, staging=30 USD');
      const res = await test.as(ALICE).get(`/budgets/status?entityRef=${SVC}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: SVC,
        scope: null,
        budget: 100,
        spent: 80,
        forecast: { median: 120 },
        state: 'at-risk',
        scoped: [
          {
            entityRef: SVC,
            scope: STAGING,
            budget: 30,
            source: 'annotation',
            spent: 20,
            forecast: { median: 30 },
            thresholdsCrossed: [0.5],
            projectedBreachDate: '2026-11-30',
            state: 'at-risk',
          },
        ],
      });
      expect(res.body.scoped[0]).not.toHaveProperty('scoped');

      const budget = await test
        .as(ALICE)
        .get(`/budgets?entityRef=${SVC}&scope=environment:stg`);
      expect(budget.status).toBe(200);
      expect(budget.body).toEqual({
        entityRef: SVC,
        scope: STAGING,
        amount: 30,
        currency: 'USD',
        period: 'month',
        thresholds: [0.5, 0.8, 1],
        source: 'annotation',
      });
      expect(
        (await test.as(ALICE).get(`/budgets?entityRef=${SVC}`)).body,
      ).toMatchObject({ scope: null, amount: 100 });

      const org = await test.as(ALICE).get('/budgets/status');
      expect(org.status).toBe(200);
      expect(
        org.body.map((s: any) => [
          s.entityRef,
          s.scope,
          s.budget,
          s.scoped.map((c: any) => [c.scope, c.budget, c.spent]),
        ]),
      ).toEqual([[SVC, null, 100, [[STAGING, 30, 20]]]]);
    });

    it('sets, reads and removes a scoped budget beside the overall one, audited with its scope', async () => {
      const test = await setup(databaseId, '100 USD');
      const url = `/budgets?entityRef=${SVC}&scope=${PRODUCTION}`;
      expect((await test.as(ALICE).get(url)).status).toBe(404);

      const put = await test.as(OWNER).put(url, { amount: 50 });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        entityRef: SVC,
        scope: PRODUCTION,
        amount: 50,
        currency: 'USD',
        period: 'month',
        thresholds: [0.5, 0.8, 1],
        source: 'portal',
        updatedBy: OWNER,
        updatedAt: '2026-11-21T12:00:00.000Z',
      });
      expect(test.auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'budget-update',
          meta: { entityRef: SVC, scope: PRODUCTION, before: null },
        }),
      );

      const status = await test
        .as(ALICE)
        .get(`/budgets/status?entityRef=${SVC}`);
      expect(status.body).toMatchObject({
        scope: null,
        budget: 100,
        spent: 80,
      });
      // $3 a day in production: $60 of $50 by Nov 20.
      expect(status.body.scoped).toMatchObject([
        { scope: PRODUCTION, budget: 50, spent: 60, state: 'over' },
      ]);

      // A group's scoped budget counts its components' spend of that value.
      const team = await test
        .as(OWNER)
        .put(`/budgets?entityRef=${TEAM}&scope=${STAGING}`, { amount: 40 });
      expect(team.status).toBe(200);
      const teamStatus = await test
        .as(ALICE)
        .get(`/budgets/status?entityRef=${TEAM}`);
      expect(teamStatus.body).toMatchObject({
        scope: null,
        budget: null,
        state: 'none',
        spent: 80,
        scoped: [{ scope: STAGING, budget: 40, spent: 20, state: 'ok' }],
      });

      const removed = await test.as(OWNER).delete(url);
      expect(removed.status).toBe(204);
      expect(test.auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'budget-delete',
          meta: { entityRef: SVC, scope: PRODUCTION },
        }),
      );
      const again = await test.as(OWNER).delete(url);
      expect(again.status).toBe(404);
      expect(again.body.error.message).toBe(
        `No budget set in the portal for ${SVC} for ${PRODUCTION}`,
      );
      expect(
        (await test.as(ALICE).get(`/budgets?entityRef=${SVC}`)).body,
      ).toMatchObject({ scope: null, amount: 100, source: 'annotation' });
    });

    it('denies scoped budget changes without the budget permission and names a bad scope', async () => {
      const test = await setup(databaseId, '100 USD');
      const url = `/budgets?entityRef=${SVC}&scope=${STAGING}`;
      for (const res of [
        await test.as(ALICE).put(url, { amount: 10 }),
        await test.as(ALICE).delete(url),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `Missing permission ai-cost.budget.update on ${SVC}`,
        );
      }
      const cases: Array<[string, string]> = [
        [
          'region:eu',
          'scope: "region" is not an allocation tag; use one of environment, feature, customer',
        ],
        ['staging', 'scope: must be <tag>:<value>, e.g. environment:staging'],
      ];
      for (const [scope, message] of cases) {
        for (const res of [
          await test
            .as(OWNER)
            .put(`/budgets?entityRef=${SVC}&scope=${scope}`, { amount: 10 }),
          await test.as(ALICE).get(`/budgets?entityRef=${SVC}&scope=${scope}`),
        ]) {
          expect({
            scope,
            status: res.status,
            message: res.body.error?.message,
          }).toEqual({ scope, status: 400, message });
        }
      }
    });

    it('alerts on a scoped budget once, naming its scope, in one message per entity', async () => {
      // $1,000 overall is on track; staging's $15 is over by Nov 15.
      const test = await setup(databaseId, '1000 USD, staging=15 USD');
      expect(await test.budgetMonitor.checkAlerts()).toBe(1);
      const payloads = () =>
        test.notifications.send.mock.calls.map(([c]: any) => c.payload);
      expect(payloads()[0]).toMatchObject({
        title: `${SVC} reached 100% of its monthly AI budget for ${STAGING}`,
        scope: `ai-cost:budget:${SVC}:${STAGING}:2026-11-01:1:actual`,
        severity: 'high',
      });
      expect(payloads()[0].description).toMatch(
        /^Spent \$20\.00 of \$15\.00 from Nov 1 to Nov 20; .* Thresholds reached since the last alert: 50%, 80%, 100%\.$/,
      );
      expect(
        (await test.services.stores.budgets.listAlerts(SVC, '2026-11-01')).map(
          a => [a.scope, a.threshold, a.basis, a.spent],
        ),
      ).toEqual([
        [STAGING, 0.5, 'actual', 20_000_000],
        [STAGING, 0.8, 'actual', 20_000_000],
        [STAGING, 1, 'actual', 20_000_000],
      ]);
      expect(await test.budgetMonitor.checkAlerts()).toBe(0);
    });

    it('sends the overall and the scoped alerts of one check as one notification, the highest reached leading', async () => {
      // Overall: 50% and 80% reached, 100% projected; staging: 50% reached.
      const test = await setup(databaseId, '100 USD, staging=30 USD');
      expect(await test.budgetMonitor.checkAlerts()).toBe(1);
      const { payload } = test.notifications.send.mock.calls[0][0] as any;
      expect(payload).toMatchObject({
        title: `${SVC} reached 80% of its monthly AI budget`,
        scope: `ai-cost:budget:${SVC}:2026-11-01:0.8:actual`,
      });
      expect(payload.description).toMatch(
        new RegExp(
          `Also: ${SVC} reached 50% of its monthly AI budget for ${STAGING}\\.$`,
        ),
      );
    });
  });
});

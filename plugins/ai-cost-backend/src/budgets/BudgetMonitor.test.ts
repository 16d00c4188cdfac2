import { mockCredentials } from '@backstage/backend-test-utils';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const SVC = 'component:default/svc';

describe('BudgetMonitor', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    monthlyBudget = '100',
    title?: string,
  ) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      now: new Date('2026-11-21T12:00:00Z'),
      entities: [
        catalogEntity('group:default/team'),
        catalogEntity(SVC, {
          title,
          owner: 'group:default/team',
          annotations: {
            'ai-cost/openai-project-id': 'proj_svc',
            'ai-cost/monthly-budget': monthlyBudget,
          },
        }),
      ],
    });
    await test.indexer.rebuild();
    // A flat $4 a day from September to the end of December.
    await test.ingest(
      'openai-prod',
      'openai',
      eachDay('2026-09-01', '2026-12-31').map(date => ({
        date,
        projectId: 'proj_svc',
        model: 'gpt-4o',
        cost: 4_000_000,
        currency: 'USD',
        costKind: 'billed' as const,
      })),
      { from: '2026-09-01', to: '2026-12-31' },
    );
    return test;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reports spend, forecast, thresholds and the projected breach', async () => {
      const test = await setup(databaseId);
      const res = await request(test.app as any)
        .get(`/budgets/status?entityRef=${SVC}`)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: SVC,
        scope: null,
        currency: 'USD',
        budget: 100,
        source: 'annotation',
        period: {
          period: 'month',
          start: '2026-11-01',
          end: '2026-11-30',
          asOf: '2026-11-20',
          daysRemaining: 10,
        },
        spent: 80,
        forecast: {
          median: 120,
          low: expect.any(Number),
          high: expect.any(Number),
        },
        forecastAccuracy: { meanAbsPctError: 0, samples: 6 },
        thresholds: [
          {
            fraction: 0.5,
            amount: 50,
            crossed: true,
            projectedDate: '2026-11-13',
          },
          {
            fraction: 0.8,
            amount: 80,
            crossed: true,
            projectedDate: '2026-11-20',
          },
          {
            fraction: 1,
            amount: 100,
            crossed: false,
            projectedDate: '2026-11-25',
          },
        ],
        thresholdsCrossed: [0.5, 0.8],
        projectedBreachDate: '2026-11-25',
        state: 'at-risk',
        scoped: [],
      });
      expect(res.body.forecast.low).toBeLessThanOrEqual(120);
      expect(res.body.forecast.high).toBeGreaterThanOrEqual(120);
    });

    it('notifies the thresholds reached in one message, each threshold once per period', async () => {
      const test = await setup(databaseId);
      // Nov 20: 50% and 80% reached, 100% projected on Nov 25 (at risk).
      expect(await test.budgetMonitor.checkAlerts()).toBe(1);
      const payloads = () =>
        test.notifications.send.mock.calls.map(([c]: any) => c.payload);
      expect(test.notifications.send.mock.calls[0][0].recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/team',
      });
      expect(payloads()[0]).toMatchObject({
        title: `${SVC} reached 80% of its monthly AI budget`,
        link: '/catalog/default/component/svc/ai-cost',
        scope: `ai-cost:budget:${SVC}:2026-11-01:0.8:actual`,
        severity: 'normal',
      });
      expect(payloads()[0].description).toMatch(
        /^Spent \$80\.00 of \$100\.00 from Nov 1 to Nov 20; forecast for the period \$120\.00 \(80% band \$\d+\.\d\d–\$\d+\.\d\d\)\. The period ends on Nov 30\. Thresholds reached since the last alert: 50%, 80%\. Projected to reach 100% on Nov 25\.$/,
      );

      // The next day: nothing new.
      test.setNow(new Date('2026-11-22T12:00:00Z'));
      expect(await test.budgetMonitor.checkAlerts()).toBe(0);

      // Day 26: 100% is now reached on actual spend, which fires once.
      test.setNow(new Date('2026-11-27T12:00:00Z'));
      expect(await test.budgetMonitor.checkAlerts()).toBe(1);
      expect(payloads()[1]).toMatchObject({
        title: `${SVC} reached 100% of its monthly AI budget`,
        severity: 'high',
      });
      expect(await test.budgetMonitor.checkAlerts()).toBe(0);

      // December is a new period: its thresholds fire again, in one message.
      test.setNow(new Date('2026-12-21T12:00:00Z'));
      expect(await test.budgetMonitor.checkAlerts()).toBe(1);
      expect(test.notifications.send).toHaveBeenCalledTimes(3);
    });

    it('sends one notification when a check finds every threshold crossed at once', async () => {
      // A $50 budget: $80 spent by Nov 20 crosses 50%, 80% and 100% together.
      const test = await setup(databaseId, '50');
      expect(await test.budgetMonitor.checkAlerts()).toBe(1);
      expect(test.notifications.send).toHaveBeenCalledTimes(1);
      const payload = test.notifications.send.mock.calls[0][0].payload;
      expect(payload).toMatchObject({
        title: `${SVC} reached 100% of its monthly AI budget`,
        scope: `ai-cost:budget:${SVC}:2026-11-01:1:actual`,
        severity: 'high',
      });
      expect(payload.description).toMatch(
        /Thresholds reached since the last alert: 50%, 80%, 100%\.$/,
      );
      expect(await test.budgetMonitor.checkAlerts()).toBe(0);
    });

    it('tells an owner on track nothing about what the forecast says of lower thresholds', async () => {
      // $200 a month at $4 a day: $80 spent by Nov 20 (40%), 50% projected
      // on Nov 25, month-end forecast $120: on track.
      const test = await setup(databaseId, '200');
      expect(await test.budgetMonitor.checkAlerts()).toBe(0);
      // Nov 25 reached on actual spend: $100 by Nov 25 is 50%.
      test.setNow(new Date('2026-11-26T12:00:00Z'));
      expect(await test.budgetMonitor.checkAlerts()).toBe(1);
      expect(test.notifications.send.mock.calls[0][0].payload).toMatchObject({
        title: `${SVC} reached 50% of its monthly AI budget`,
        scope: `ai-cost:budget:${SVC}:2026-11-01:0.5:actual`,
      });
    });

    it('names the entity by its title and the day its budget is projected to be reached when it is at risk and nothing is reached yet', async () => {
      const test = await setup(databaseId, '100', 'Search Service');
      test.setNow(new Date('2026-11-10T12:00:00Z'));
      // Nov 9: $36 spent (36%), forecast $120 ≥ $100: at risk. 50%, 80%
      // and 100% are all projected (Nov 13, 20, 25): one message, the budget.
      expect(await test.budgetMonitor.checkAlerts()).toBe(1);
      expect(test.notifications.send.mock.calls[0][0].payload).toMatchObject({
        title:
          'Search Service is projected to reach 100% of its monthly AI budget on Nov 25',
        scope: `ai-cost:budget:${SVC}:2026-11-01:1:forecast`,
        severity: 'high',
      });
    });
  });
});

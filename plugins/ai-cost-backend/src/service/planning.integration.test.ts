import { mockCredentials } from '@backstage/backend-test-utils';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const PLANNER = 'user:default/planner';
const VIEWER = 'user:default/viewer';

jest.setTimeout(60_000);

/** A billed record of `cost` micro-units on every day from 2026-10-01 to 2026-11-20. */
function daily(apiKeyId: string, cost: number): UsageRecord[] {
  return eachDay('2026-10-01', '2026-11-20').map(date => ({
    date,
    apiKeyId,
    model: 'gpt-4o',
    currency: 'USD',
    costKind: 'billed',
    requests: 1,
    cost,
  }));
}

describe('planning: budget suggestions and the year plan', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      entities: [
        catalogEntity('group:default/team-a', {
          annotations: { 'ai-cost/monthly-budget': '150 USD' },
        }),
        catalogEntity('group:default/team-b'),
        catalogEntity('component:default/app-a', {
          owner: 'group:default/team-a',
          annotations: { 'ai-cost/openai-api-key-id': 'key_a' },
        }),
        catalogEntity('component:default/idle', {
          owner: 'group:default/team-b',
        }),
        catalogEntity('component:default/app-b', {
          owner: 'group:default/team-b',
          annotations: { 'ai-cost/openai-api-key-id': 'key_b' },
        }),
      ],
      hiddenFrom: { [VIEWER]: ['component:default/app-b'] },
      policy: (permission, user) =>
        user === VIEWER && permission === 'ai-cost.org.read'
          ? 'DENY'
          : undefined,
      now: new Date('2026-11-21T08:00:00Z'),
    });
    // app-a $4 a day, app-b half a cent a day, $1 a day nobody claims.
    await test.ingest('openai-prod', 'openai', [
      ...daily('key_a', 4_000_000),
      ...daily('key_b', 5_000),
      ...daily('key_unknown', 1_000_000),
    ]);
    await test.indexer.rebuild();
    const get = (url: string, user = PLANNER) =>
      request(test.app as any)
        .get(url)
        .set('Authorization', mockCredentials.user.header(user));
    return { ...test, get };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('suggests the month-end forecast plus 15%, from the run rate', async () => {
      const test = await setup(databaseId);
      // Data up to 2026-11-20: $4 a day; November forecast 30 × $4 = $120;
      // × 1.15 = $138 → $140. A quarter: 3 × $120 × 1.15 = $414 → $420.
      const month = await test.get(
        '/budgets/suggestion?entityRef=component:default/app-a',
      );
      expect(month.status).toBe(200);
      expect(month.body).toEqual({
        entityRef: 'component:default/app-a',
        currency: 'USD',
        period: 'month',
        suggested: 140,
        runRate: 4,
        expected: 120,
        monthForecast: 120,
        headroom: 1.15,
        basis:
          'Last 30 days, $4.00/day, forecast $120.00 for November 2026; × 1.15 headroom, rounded up to two significant digits: $140.00 per month.',
        reason: null,
      });
      const quarter = await test.get(
        '/budgets/suggestion?entityRef=component:default/app-a&period=quarter',
      );
      expect(quarter.body).toMatchObject({ suggested: 420, expected: 360 });
      // The team's spend is its components'.
      const team = await test.get(
        '/budgets/suggestion?entityRef=group:default/team-a',
      );
      expect(team.body).toMatchObject({ suggested: 140, runRate: 4 });
    });

    it('suggests nothing without spend, and refuses bad input', async () => {
      const test = await setup(databaseId);
      const small = await test.get(
        '/budgets/suggestion?entityRef=group:default/team-b&period=month',
      );
      // Half a cent a day: November forecast $0.15, × 1.15 = $0.1725 → $0.18.
      expect(small.body).toMatchObject({ suggested: 0.18, runRate: 0.005 });
      const none = await test.get(
        '/budgets/suggestion?entityRef=component:default/idle',
      );
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({
        suggested: null,
        runRate: 0,
        expected: null,
        monthForecast: null,
        reason:
          'No spend to suggest a budget from: no AI spend recorded in the last 30 days up to 2026-11-20, and the month-end forecast is missing.',
      });

      const badRef = await test.get('/budgets/suggestion?entityRef=nope');
      expect(badRef.status).toBe(400);
      expect(badRef.body.error.message).toMatch(/entityRef/);
      const badPeriod = await test.get(
        '/budgets/suggestion?entityRef=component:default/app-a&period=year',
      );
      expect(badPeriod.status).toBe(400);
      expect(badPeriod.body.error.message).toMatch(
        /period.*must be one of month, quarter/,
      );
      // Hidden from the caller: as GET /budgets, 404.
      const hidden = await test.get(
        '/budgets/suggestion?entityRef=component:default/app-b',
        VIEWER,
      );
      expect(hidden.status).toBe(404);
    });

    it('plans the year per team: actual, forecast with a band, lines that add up', async () => {
      const test = await setup(databaseId);
      const res = await test.get('/plan?year=2026');
      expect(res.status).toBe(200);
      const plan = res.body;
      expect(plan).toMatchObject({
        year: 2026,
        currency: 'USD',
        asOf: '2026-11-20',
        historyFrom: '2026-10-01',
      });
      const [a, b] = plan.teams;
      expect(a.entityRef).toBe('group:default/team-a');
      expect(a.budget).toEqual({ amount: 150, period: 'month' });
      expect(b.entityRef).toBe('group:default/team-b');
      expect(b.budget).toBeNull();
      // January to September ended before the history began on 2026-10-01:
      // no data, not $0.
      expect(a.months[0]).toEqual({
        month: '2026-01',
        kind: 'no-data',
        amount: null,
        low: null,
        high: null,
      });
      expect(plan.totals.months.slice(0, 9).map((m: any) => m.kind)).toEqual(
        new Array(9).fill('no-data'),
      );
      // October is actual: 31 × $4; November and December are forecast.
      expect(a.months[9]).toEqual({
        month: '2026-10',
        kind: 'actual',
        amount: 124,
        low: null,
        high: null,
      });
      expect(a.months[10]).toMatchObject({ kind: 'forecast', amount: 120 });
      expect(a.months[10].low).toBeLessThan(120);
      expect(a.months[10].high).toBeGreaterThan(120);
      // December, a month after the current one: $4 a day is forecast
      // perfectly, so the one-month error is the 5% floor and the band
      // ±5% × √2 = ±7.07% of 31 × $4 = $124.
      expect(a.months[11]).toEqual({
        month: '2026-12',
        kind: 'forecast',
        amount: 124,
        low: 115.23,
        high: 132.77,
      });
      // The year covers October to December: $124 + $120 + $124.
      expect(a.total).toBe(368);
      // October: 31 × half a cent = 15.5 cents; with $124 and $31 the month
      // is $155.155 → $155.16, so team-b gets the cent: $0.16.
      expect(b.months.slice(9).map((m: any) => m.amount)).toEqual([
        0.16, 0.15, 0.16,
      ]);
      expect(plan.unallocated.total).toBe(92);
      expect(plan.totals.months[9].amount).toBe(155.16);
      expect(plan.totals.total).toBe(460.47);
      plan.totals.months.forEach((month: any, m: number) => {
        const cents = [...plan.teams, plan.unallocated].reduce(
          (sum: number, line: any) =>
            sum + Math.round(line.months[m].amount * 100),
          0,
        );
        expect(cents).toBe(Math.round(month.amount * 100));
      });
    });

    it('widens the band of months far ahead with the horizon', async () => {
      const test = await setup(databaseId);
      const plan = (await test.get('/plan?year=2027')).body;
      const [a] = plan.teams;
      expect(a.months.every((m: any) => m.kind === 'forecast')).toBe(true);
      // January 2027, two months after November: ±5% × √3 = ±8.66% of $124;
      // December 2027, thirteen months after: ±5% × √14 = ±18.71%.
      expect(a.months[0]).toMatchObject({
        amount: 124,
        low: 113.26,
        high: 134.74,
      });
      expect(a.months[11]).toMatchObject({
        amount: 124,
        low: 100.8,
        high: 147.2,
      });
      expect(plan.totals.total).toBe(
        plan.totals.months.reduce(
          (sum: number, m: any) => sum + Math.round(m.amount * 100),
          0,
        ) / 100,
      );
    });

    it('exports the same plan as CSV, its amounts summing to the totals', async () => {
      const test = await setup(databaseId);
      const json = (await test.get('/plan?year=2026')).body;
      const csv = await test.get('/plan.csv?year=2026');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toContain(
        'ai-cost-plan-2026.csv',
      );
      const [header, ...rows] = csv.text
        .trim()
        .split('\r\n')
        .map(l => l.split(','));
      expect(header).toEqual([
        'year',
        'month',
        'kind',
        'entity_ref',
        'amount',
        'low',
        'high',
        'budget',
        'budget_period',
        'currency',
      ]);
      expect(rows).toContainEqual([
        '2026',
        '2026-10',
        'actual',
        'group:default/team-a',
        '124.000000',
        '',
        '',
        '150.000000',
        'month',
        'USD',
      ]);
      // Before the history: no amount rather than 0.
      expect(rows).toContainEqual([
        '2026',
        '2026-01',
        'no-data',
        'group:default/team-a',
        '',
        '',
        '',
        '150.000000',
        'month',
        'USD',
      ]);
      expect(rows).toHaveLength(3 * 12);
      json.totals.months.forEach((month: any) => {
        const cents = rows
          .filter(row => row[1] === month.month)
          .reduce((sum, row) => sum + Math.round(Number(row[4]) * 100), 0);
        expect(cents).toBe(Math.round((month.amount ?? 0) * 100));
      });
      const year = rows.reduce(
        (sum, row) => sum + Math.round(Number(row[4]) * 100),
        0,
      );
      expect(year).toBe(Math.round(json.totals.total * 100));
    });

    it('needs ai-cost.org.read and a year', async () => {
      const test = await setup(databaseId);
      expect((await test.get('/plan?year=2026', VIEWER)).status).toBe(403);
      // A year before any history has no data at all.
      const before = await test.get('/plan?year=2025');
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        teams: [],
        totals: { total: null },
        unallocated: { total: null },
      });
      expect((await test.get('/plan.csv?year=2026', VIEWER)).status).toBe(403);
      for (const year of ['26', 'next', '1969']) {
        const res = await test.get(`/plan?year=${year}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^year/);
      }
      expect((await test.get('/plan.csv?year=2028')).status).toBe(400);
      const far = await test.get('/plan?year=2028');
      expect(far.status).toBe(400);
      expect(far.body.error.message).toBe(
        'year must be 2027 or earlier: there is nothing to forecast 2028 from',
      );
      expect((await test.get('/plan')).status).toBe(400);
    });
  });
});

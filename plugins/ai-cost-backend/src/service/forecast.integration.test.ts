import { mockCredentials } from '@backstage/backend-test-utils';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const ADMIN = 'user:default/admin';
const ALICE = 'user:default/alice';
const SVC = 'component:default/svc';
const NEW = 'component:default/new';
const IDLE = 'component:default/idle';

/** z of the 90th percentile: an 80% range is ±Z80 σ. */
const Z80 = 1.2815515655446004;

describe('GET /forecast', () => {
  const databases = createTestDatabases();

  /**
   * As of 2026-11-20 (now Nov 21): svc spends a flat $4 a day and an
   * unclaimed project $1 a day from September to December; `new` started on
   * Nov 18 with $10, $20, $30; `idle` never spent anything.
   */
  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      now: new Date('2026-11-21T12:00:00Z'),
      entities: [
        catalogEntity('group:default/team'),
        catalogEntity(SVC, {
          owner: 'group:default/team',
          annotations: { 'ai-cost/openai-project-id': 'proj_svc' },
        }),
        catalogEntity(NEW, {
          owner: 'group:default/team',
          annotations: { 'ai-cost/openai-project-id': 'proj_new' },
        }),
        catalogEntity(IDLE, {
          owner: 'group:default/team',
          annotations: { 'ai-cost/openai-project-id': 'proj_idle' },
        }),
      ],
      policy: (permission, user) =>
        permission === 'ai-cost.org.read' && user !== ADMIN
          ? 'DENY'
          : undefined,
    });
    await test.indexer.rebuild();
    const record = (date: string, projectId: string, cost: number) => ({
      date,
      projectId,
      model: 'gpt-4o',
      cost,
      currency: 'USD',
      costKind: 'billed' as const,
    });
    await test.ingest(
      'openai-prod',
      'openai',
      [
        ...eachDay('2026-09-01', '2026-12-31').flatMap(date => [
          record(date, 'proj_svc', 4_000_000),
          record(date, 'proj_unclaimed', 1_000_000),
        ]),
        record('2026-11-18', 'proj_new', 10_000_000),
        record('2026-11-19', 'proj_new', 20_000_000),
        record('2026-11-20', 'proj_new', 30_000_000),
      ],
      { from: '2026-09-01', to: '2026-12-31' },
    );
    const get = (url: string, user = ADMIN) =>
      request(test.app as any)
        .get(url)
        .set('Authorization', mockCredentials.user.header(user));
    return { ...test, get };
  }

  const PERIOD = {
    start: '2026-11-01',
    end: '2026-11-30',
    asOf: '2026-11-20',
    daysRemaining: 10,
  };

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('forecasts an entity with a flat history, day by day', async () => {
      const test = await setup(databaseId);
      const res = await test.get(`/forecast?entityRef=${SVC}`, ALICE);
      expect(res.status).toBe(200);
      // $80 by Nov 20, then $4 on each of the 10 remaining days: $120.
      expect(res.body).toMatchObject({
        entityRef: SVC,
        currency: 'USD',
        period: PERIOD,
        spent: 80,
        unallocatedSpent: null,
        forecast: { median: 120 },
        // September and October replayed on days 7, 14 and 21: exact.
        accuracy: { meanAbsPctError: 0, samples: 6 },
        basis: {
          method: 'weekday-median',
          historyDays: 56,
          description:
            'Each remaining day is projected from the median spend of the same weekday over the last 56 days; the range holds 80% of likely outcomes.',
        },
      });
      // Band: day noise at its 5% floor on each $4 day (10 × $0.2²) plus
      // each weekday median's uncertainty √(π/2)·5%/√8 on that weekday's
      // remaining sum (Sat, Sun, Mon $8 each; Tue–Fri $4 each):
      // σ² = 0.4 + (π/2 · 0.0025 / 8) · (3 · 64 + 4 · 16) = 0.525664.
      const half = Z80 * Math.sqrt(0.4 + ((Math.PI / 2) * 0.0025 * 256) / 8);
      expect(res.body.forecast.low).toBeCloseTo(120 - half, 5);
      expect(res.body.forecast.high).toBeCloseTo(120 + half, 5);
      expect(res.body.daily.map((d: { date: string }) => d.date)).toEqual(
        eachDay('2026-11-21', '2026-11-30'),
      );
      // A day's own range: √(5%² + (√(π/2)·5%/√8)²) of $4.
      const dayHalf =
        Z80 * 4 * Math.sqrt(0.0025 + ((Math.PI / 2) * 0.0025) / 8);
      for (const day of res.body.daily) {
        expect(day.median).toBe(4);
        expect(day.low).toBeCloseTo(4 - dayHalf, 5);
        expect(day.high).toBeCloseTo(4 + dayHalf, 5);
      }
    });

    it('forecasts the whole organisation, unallocated spend included', async () => {
      const test = await setup(databaseId);
      const res = await test.get('/forecast');
      expect(res.status).toBe(200);
      // $5 a day (svc $4 + unclaimed $1) for 20 days, plus new's $60.
      // Each weekday's median over 8 weeks stays $5 (new's days are one of
      // eight Wednesdays, Thursdays, Fridays): $160 + 10 × $5 = $210.
      expect(res.body).toMatchObject({
        entityRef: null,
        currency: 'USD',
        period: PERIOD,
        spent: 160,
        unallocatedSpent: 20,
        forecast: { median: 210 },
        accuracy: { meanAbsPctError: 0, samples: 6 },
        basis: { method: 'weekday-median', historyDays: 56 },
      });
      expect(res.body.daily).toHaveLength(10);
      expect(res.body.daily[0]).toMatchObject({
        date: '2026-11-21',
        median: 5,
      });
      expect(
        res.body.daily.reduce(
          (sum: number, d: { median: number }) => sum + d.median,
          0,
        ),
      ).toBe(50);
      expect(res.body.forecast.low).toBeGreaterThanOrEqual(160);
      expect(res.body.forecast.low).toBeLessThan(210);
      expect(res.body.forecast.high).toBeGreaterThan(210);
    });

    it('says how little history an entity has, and gives none a forecast of nothing', async () => {
      const test = await setup(databaseId);
      const sparse = await test.get(`/forecast?entityRef=${NEW}`, ALICE);
      expect(sparse.status).toBe(200);
      // Three days, mean $20: $60 + 10 × $20 = $260. Spread max(50%, cv
      // 40.8%) = 50% a day, level uncertainty 50%/√3 on the $200:
      // σ² = 10 × $10² + (0.5/√3 × $200)² = 1,000 + 3,333.33.
      const half = Z80 * Math.sqrt(1000 + 10000 / 3);
      expect(sparse.body).toMatchObject({
        entityRef: NEW,
        spent: 60,
        forecast: { median: 260 },
        accuracy: null,
        basis: {
          method: 'sparse-mean',
          historyDays: 3,
          description:
            'Insufficient history for a weekday forecast: only 3 days of spend so far, so the average day is assumed to continue and the range is wide.',
        },
      });
      expect(sparse.body.forecast.low).toBeCloseTo(260 - half, 5);
      expect(sparse.body.forecast.high).toBeCloseTo(260 + half, 5);
      expect(sparse.body.daily[0]).toMatchObject({
        date: '2026-11-21',
        median: 20,
      });

      const none = await test.get(`/forecast?entityRef=${IDLE}`, ALICE);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({
        entityRef: IDLE,
        currency: 'USD',
        period: PERIOD,
        spent: 0,
        unallocatedSpent: null,
        forecast: null,
        daily: [],
        accuracy: null,
        basis: {
          method: 'insufficient-history',
          historyDays: 0,
          description:
            'Insufficient history: no AI spend was recorded from 2026-05-15 up to 2026-11-20, so there is nothing to forecast from.',
        },
      });
    });

    it('forecasts the new month on its first day, nothing spent yet', async () => {
      const test = await setup(databaseId);
      test.setNow(new Date('2026-12-01T08:00:00Z'));
      const res = await test.get(`/forecast?entityRef=${SVC}`);
      expect(res.body).toMatchObject({
        period: {
          start: '2026-12-01',
          end: '2026-12-31',
          asOf: '2026-11-30',
          daysRemaining: 31,
        },
        spent: 0,
        forecast: { median: 124 },
      });
      expect(res.body.daily).toHaveLength(31);
    });

    it('needs ai-cost.org.read for the organisation and names bad input', async () => {
      const test = await setup(databaseId);
      const denied = await test.get('/forecast', ALICE);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'Missing permission ai-cost.org.read',
      );
      const bad = await test.get('/forecast?entityRef=svc&from=2026-11-01');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        "entityRef: must be an entity reference such as component:default/my-service; Unrecognized key(s) in object: 'from'",
      );
      const unknown = await test.get(
        '/forecast?entityRef=component:default/nope',
      );
      expect(unknown.status).toBe(404);
    });
  });
});

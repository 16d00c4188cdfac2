import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  CHAT,
  createDigestOrg,
  DOCS,
  LEADERSHIP,
  PLATFORM,
  SEARCH,
  TEAM,
} from '../__testUtils__/digestOrg';
import type { TestPolicy } from '../__testUtils__/createCostTestApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const ADMIN = 'user:default/admin';
const MONDAY = new Date('2026-11-30T06:00:00Z');
const FIRST = new Date('2026-12-01T06:00:00Z');

/** Admin and org read for ADMIN only; everything else allowed. */
const policy: TestPolicy = (permission, user) =>
  ['ai-cost.admin', 'ai-cost.org.read'].includes(permission) && user !== ADMIN
    ? 'DENY'
    : undefined;

/** Two violations of the Search Team's subtree, none elsewhere. */
const policyViolations = async (entityRef: string) =>
  entityRef === TEAM ? { count: 2, cost: 3.25 } : { count: 0, cost: 0 };

describe('digests', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    now: Date,
    knex?: Awaited<ReturnType<typeof databases.init>>,
  ) {
    const db = knex ?? (await databases.init(databaseId));
    const test = await createDigestOrg(db, {
      now,
      policy,
      policyViolations,
      config: {
        currency: 'USD',
        digests: { weekly: true, monthly: true, leadership: [LEADERSHIP] },
      },
    });
    const sent = () =>
      test.notifications.send.mock.calls.map(([options]: any) => ({
        recipient: options.recipients.entityRef,
        ...options.payload,
      }));
    const as = (user: string) => ({
      get: (url: string) =>
        request(test.app as any)
          .get(url)
          .set('Authorization', mockCredentials.user.header(user)),
      post: (url: string) =>
        request(test.app as any)
          .post(url)
          .set('Authorization', mockCredentials.user.header(user)),
    });
    return { ...test, db, sent, as };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('sends every owner with spend a weekly digest on Monday whose amounts are those of /costs', async () => {
      const test = await setup(databaseId, MONDAY);
      expect(await test.services.digests.sendDue()).toEqual([
        {
          kind: 'weekly',
          period: { from: '2026-11-23', to: '2026-11-29' },
          status: 'sent',
          recipients: 2,
        },
      ]);
      const [platform, team] = test.sent();
      expect(team).toEqual({
        recipient: TEAM,
        topic: 'ai-cost-digest-weekly',
        scope: `ai-cost:digest:weekly:2026-11-23:${TEAM}`,
        severity: 'low',
        link: '/catalog/default/group/search-team/ai-cost',
        title:
          'Search Team spent $84.00 on AI in the week of Nov 23 – Nov 29, 2026',
        description: [
          '$84.00 from Nov 23 to Nov 29, up 20.0% from $70.00 the week before.',
          'Where it went: Search API $70.00, Chat Bot $14.00.',
          'Budget: $304.00 of $300.00 (101.3%) spent this month as of Nov 29; over budget.',
          'Open anomalies: 1.',
          'Top recommendations: Try gpt-4o-mini for Chat Bot (saves about $12.50 a month).',
          'Model policy violations: 2 ($3.25 of spend).',
        ].join('\n'),
      });
      expect(platform).toMatchObject({
        recipient: PLATFORM,
        title:
          'Platform spent $91.00 on AI in the week of Nov 23 – Nov 29, 2026',
        description: [
          '$91.00 from Nov 23 to Nov 29, up 18.2% from $77.00 the week before.',
          `Where it went: Search Team $84.00, ${DOCS} $7.00.`,
          'No budget set.',
          'Open anomalies: 1.',
          'Top recommendations: Try gpt-4o-mini for Chat Bot (saves about $12.50 a month).',
          'No model policy violations.',
        ].join('\n'),
      });

      // The digest's figures are the entity's /costs for the same weeks.
      for (const [entityRef, spend, before] of [
        [TEAM, 84, 70],
        [PLATFORM, 91, 77],
        [SEARCH, 70, 56],
        [CHAT, 14, 14],
      ] as const) {
        const week = await test
          .as(ADMIN)
          .get(`/costs?entityRef=${entityRef}&from=2026-11-23&to=2026-11-29`);
        expect(week.body.total.cost).toBe(spend);
        const previous = await test
          .as(ADMIN)
          .get(`/costs?entityRef=${entityRef}&from=2026-11-16&to=2026-11-22`);
        expect(previous.body.total.cost).toBe(before);
      }

      // Later runs of the day, and of the week, send nothing more.
      expect(await test.services.digests.sendDue()).toEqual([
        expect.objectContaining({ kind: 'weekly', status: 'already-sent' }),
      ]);
      test.setNow(new Date('2026-12-06T23:00:00Z'));
      expect(await test.services.digests.send('weekly')).toMatchObject({
        status: 'already-sent',
      });
      expect(test.notifications.send).toHaveBeenCalledTimes(2);
    });

    it('sends a period once when two replicas send at the same time', async () => {
      const first = await setup(databaseId, MONDAY);
      const second = await setup(databaseId, MONDAY, first.db);
      const results = await Promise.all([
        first.services.digests.send('weekly'),
        second.services.digests.send('weekly'),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([
        'already-sent',
        'sent',
      ]);
      expect(
        first.notifications.send.mock.calls.length +
          second.notifications.send.mock.calls.length,
      ).toBe(2);
    });

    it('sends the monthly digests and the leadership report on the 1st, which add up to /rollup', async () => {
      const test = await setup(databaseId, FIRST);
      expect(await test.services.digests.sendDue()).toEqual([
        {
          kind: 'monthly',
          period: { from: '2026-11-01', to: '2026-11-30' },
          status: 'sent',
          recipients: 2,
        },
        {
          kind: 'leadership',
          period: { from: '2026-11-01', to: '2026-11-30' },
          status: 'sent',
          recipients: 1,
        },
      ]);
      const [, team, leadership] = test.sent();
      expect(team).toMatchObject({
        recipient: TEAM,
        topic: 'ai-cost-digest-monthly',
        title: 'Search Team spent $304.00 on AI in November 2026',
      });
      expect(team.description.split('\n')[0]).toBe(
        '$304.00 from Nov 1 to Nov 30, up 40.1% from $217.00 in October 2026.',
      );
      expect(leadership).toEqual({
        recipient: LEADERSHIP,
        topic: 'ai-cost-leadership',
        scope: 'ai-cost:digest:leadership:2026-11-01',
        severity: 'low',
        link: '/ai-cost',
        title: 'AI spend in November 2026: $420.00',
        description: [
          '$420.00 across the organisation, up 23.2% from $341.00 in October 2026.',
          'Top teams: Search Team $304.00 (72.4%), Platform $29.00 (6.9%).',
          'Budgets: 1 over, 0 at risk, 1 on track.',
          'Open anomalies: 1.',
          'Unallocated: $87.00 (20.7% of the total).',
        ].join('\n'),
      });
      const rollup = await test
        .as(ADMIN)
        .get('/rollup?from=2026-11-01&to=2026-11-30&groupBy=owner');
      expect(rollup.body.total).toBe(420);
      expect(rollup.body.unallocated.cost).toBe(87);
    });

    it('lets an admin send a digest now, audited, and refuses others', async () => {
      const test = await setup(databaseId, new Date('2026-12-03T10:00:00Z'));
      const denied = await test
        .as('user:default/bob')
        .post('/digests/send?kind=weekly');
      expect(denied.status).toBe(403);
      expect(test.notifications.send).not.toHaveBeenCalled();

      const bad = await test.as(ADMIN).post('/digests/send?kind=daily');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/kind/);

      const res = await test.as(ADMIN).post('/digests/send?kind=weekly');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        kind: 'weekly',
        period: { from: '2026-11-23', to: '2026-11-29' },
        status: 'sent',
        recipients: 2,
      });
      const again = await test.as(ADMIN).post('/digests/send?kind=weekly');
      expect(again.body).toMatchObject({
        status: 'already-sent',
        recipients: 0,
      });
      expect(test.notifications.send).toHaveBeenCalledTimes(2);
      expect(test.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'digest-send',
          meta: { kind: 'weekly' },
        }),
      );
    });
  });
});

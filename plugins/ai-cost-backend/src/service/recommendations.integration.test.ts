import { mockCredentials } from '@backstage/backend-test-utils';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const TEAM = 'group:default/team';
const SVC = 'component:default/svc';
const SECRET = 'component:default/secret';
const OWNER = 'user:default/owner';
const ALICE = 'user:default/alice';
const ADMIN = 'user:default/admin';
const OUTSIDER = 'user:default/outsider';

/**
 * 2026-10-15 to 2026-11-20: every day 1,000 short gpt-4o calls of svc (600
 * input and 100 output tokens each), billed at list price, and $5 of
 * gpt-4o-mini in a project nobody claims.
 */
function usage(): UsageRecord[] {
  return eachDay('2026-10-15', '2026-11-20').flatMap(date => [
    {
      date,
      projectId: 'proj_svc',
      apiKeyId: 'key_main',
      model: 'gpt-4o',
      requests: 1_000,
      inputTokens: 600_000,
      outputTokens: 100_000,
      // genai-prices gpt-4o: 600,000 × $2.50/M + 100,000 × $10/M = $2.50
      cost: 2_500_000,
      currency: 'USD',
      costKind: 'billed' as const,
    },
    {
      date,
      projectId: 'proj_orphan',
      apiKeyId: 'key_orphan',
      model: 'gpt-4o-mini',
      requests: 10,
      cost: 5_000_000,
      currency: 'USD',
      costKind: 'billed' as const,
    },
  ]);
}

describe('recommendations', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      now: new Date('2026-11-21T08:00:00Z'),
      entities: [
        catalogEntity(TEAM),
        catalogEntity(SVC, {
          owner: TEAM,
          annotations: {
            'ai-cost/openai-project-id': 'proj_svc',
            'ai-cost/openai-api-key-id': 'key_spare',
          },
        }),
        catalogEntity(SECRET, {
          owner: TEAM,
          annotations: {
            'ai-cost/openai-project-id': 'proj_secret',
            'ai-cost/openai-api-key-id': 'key_secret',
          },
        }),
      ],
      hiddenFrom: { [OUTSIDER]: [SECRET] },
      policy: (permission, user) => {
        if (permission === 'ai-cost.recommendations.update') {
          return user === OWNER ? 'ALLOW' : 'DENY';
        }
        if (
          permission === 'ai-cost.admin' ||
          permission === 'ai-cost.org.read'
        ) {
          return user === ADMIN ? 'ALLOW' : 'DENY';
        }
        return undefined;
      },
    });
    await test.indexer.rebuild();
    await test.ingest('openai-prod', 'openai', usage(), {
      from: '2026-10-15',
      to: '2026-11-20',
    });
    await test.recommendationMonitor.evaluate();
    const as = (user: string) => ({
      get: (url: string) =>
        request(test.app as any)
          .get(url)
          .set('Authorization', mockCredentials.user.header(user)),
      post: (url: string, body?: unknown) => {
        const req = request(test.app as any)
          .post(url)
          .set('Authorization', mockCredentials.user.header(user));
        return body === undefined ? req : req.send(body as object);
      },
    });
    const find = async (rule: string, entityRef: string) => {
      const res = await as(ADMIN).get('/recommendations?status=all');
      return res.body.items.find(
        (r: any) => r.rule === rule && r.entityRef === entityRef,
      );
    };
    return { ...test, as, find };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('finds what the attributed spend shows, priced with genai-prices, per entity and org-wide', async () => {
      const test = await setup(databaseId);

      const team = await test
        .as(OWNER)
        .get(`/recommendations?entityRef=${TEAM}`);
      expect(team.status).toBe(200);
      expect(
        team.body.items.map((r: any) => [
          r.entityRef,
          r.rule,
          r.estimatedMonthlySavings,
        ]),
      ).toEqual([
        // gpt-4o-mini: 600,000 × $0.15/M + 100,000 × $0.60/M = $0.15 a day;
        // ($2.50 − $0.15) × 30 days (2026-10-22 to 2026-11-20) = $70.50.
        [SVC, 'model-right-sizing', 70.5],
        // Flat every day, weekends like weekdays: $2.50 × 30 = $75 × 50%
        // batchable × 50% discount = $18.75.
        [SVC, 'batch-api', 18.75],
        // Equal savings: the first stored first.
        [SVC, 'idle-key', 0],
        [SECRET, 'idle-key', 0],
        [SECRET, 'idle-key', 0],
      ]);
      expect(team.body.currency).toBe('USD');
      expect(team.body.totalEstimatedMonthlySavings).toBe(89.25);
      const sizing = team.body.items[0];
      expect(sizing).toMatchObject({
        title: 'Try gpt-4o-mini instead of gpt-4o for short calls',
        // The rules' fixed 30 days up to yesterday, whatever period a page shows.
        window: { from: '2026-10-22', to: '2026-11-20' },
        currency: 'USD',
        confidence: 'medium',
        status: 'open',
        snoozedUntil: null,
        decidedBy: null,
        decisionReason: null,
        evidence: {
          requests: 30_000,
          avgInputTokens: 600,
          avgOutputTokens: 100,
          actualCost: 75,
          listPriceCost: 75,
          costOnCheaperModel: 4.5,
        },
      });
      expect(
        team.body.items
          .filter((r: any) => r.rule === 'idle-key')
          .map((r: any) => r.evidence.value)
          .sort(),
      ).toEqual(['key_secret', 'key_spare', 'proj_secret']);

      // Someone who cannot see the secret component does not see its items.
      const outsider = await test
        .as(OUTSIDER)
        .get(`/recommendations?entityRef=${TEAM}`);
      expect(outsider.body.items.map((r: any) => r.entityRef)).not.toContain(
        SECRET,
      );

      // Org-wide adds ownerless spend, which has no saving of its own.
      const org = await test.as(ADMIN).get('/recommendations');
      expect(org.status).toBe(200);
      expect(org.body.totalEstimatedMonthlySavings).toBe(89.25);
      const ownerless = org.body.items.find(
        (r: any) => r.rule === 'ownerless-spend',
      );
      expect(ownerless).toMatchObject({
        entityRef: '',
        estimatedMonthlySavings: 0,
        window: { from: '2026-10-22', to: '2026-11-20' },
        confidence: 'high',
        evidence: {
          provider: 'openai',
          dimension: 'projectId',
          value: 'proj_orphan',
          claimingAnnotation: 'ai-cost/openai-project-id',
          claimableMonthlySpend: 150,
        },
      });

      const denied = await test.as(ALICE).get('/recommendations');
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'Missing permission ai-cost.org.read',
      );
    });

    it('persists dismiss, snooze and reopen with who and why, and reopens expired snoozes', async () => {
      const test = await setup(databaseId);
      const sizing = await test.find('model-right-sizing', SVC);
      const batch = await test.find('batch-api', SVC);

      const dismissed = await test
        .as(OWNER)
        .post(`/recommendations/${sizing.id}/dismiss`, {
          reason: 'quality of gpt-4o needed',
        });
      expect(dismissed.status).toBe(200);
      expect(dismissed.body).toMatchObject({
        id: sizing.id,
        status: 'dismissed',
        decidedBy: OWNER,
        decisionReason: 'quality of gpt-4o needed',
        estimatedMonthlySavings: 70.5,
      });
      expect(test.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'recommendation-decision',
          meta: expect.objectContaining({
            entityRef: SVC,
            action: 'dismiss',
            before: 'open',
          }),
        }),
      );

      // Recomputation keeps the decision.
      await test.recommendationMonitor.evaluate();
      const open = await test
        .as(OWNER)
        .get(`/recommendations?entityRef=${SVC}`);
      expect(open.body.items.map((r: any) => r.rule)).toEqual([
        'batch-api',
        'idle-key',
      ]);
      expect(open.body.totalEstimatedMonthlySavings).toBe(18.75);
      const gone = await test
        .as(OWNER)
        .get(`/recommendations?entityRef=${SVC}&status=dismissed`);
      expect(gone.body.items).toEqual([
        expect.objectContaining({
          id: sizing.id,
          status: 'dismissed',
          decidedBy: OWNER,
        }),
      ]);
      expect(gone.body.totalEstimatedMonthlySavings).toBe(0);

      const snoozed = await test
        .as(OWNER)
        .post(`/recommendations/${batch.id}/snooze`, {
          until: '2026-11-25',
          reason: 'after the launch',
        });
      expect(snoozed.status).toBe(200);
      expect(snoozed.body).toMatchObject({
        status: 'snoozed',
        snoozedUntil: '2026-11-25',
        decidedBy: OWNER,
        decisionReason: 'after the launch',
      });
      test.setNow(new Date('2026-11-25T23:00:00Z'));
      expect((await test.find('batch-api', SVC)).status).toBe('snoozed');
      test.setNow(new Date('2026-11-26T00:00:00Z'));
      const reopenedBySnooze = await test
        .as(OWNER)
        .get(`/recommendations?entityRef=${SVC}`);
      expect(reopenedBySnooze.body.items[0]).toMatchObject({
        id: batch.id,
        status: 'open',
        snoozedUntil: null,
      });

      const reopened = await test
        .as(OWNER)
        .post(`/recommendations/${sizing.id}/reopen`);
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({
        status: 'open',
        decidedBy: OWNER,
        decisionReason: null,
      });

      // Org-level items are decided by admins.
      const ownerless = await test.find('ownerless-spend', '');
      const byAdmin = await test
        .as(ADMIN)
        .post(`/recommendations/${ownerless.id}/dismiss`, {
          reason: 'shared sandbox, split later',
        });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body).toMatchObject({
        entityRef: '',
        status: 'dismissed',
        decidedBy: ADMIN,
      });
    });

    it('denies, hides and validates decisions with exact messages', async () => {
      const test = await setup(databaseId);
      const sizing = await test.find('model-right-sizing', SVC);
      const secret = await test.find('idle-key', SECRET);
      const ownerless = await test.find('ownerless-spend', '');
      const expectError = async (
        res: request.Response,
        status: number,
        message: string,
      ) => {
        expect([res.status, res.body.error?.message]).toEqual([
          status,
          message,
        ]);
      };

      await expectError(
        await test
          .as(ALICE)
          .post(`/recommendations/${sizing.id}/dismiss`, { reason: 'no' }),
        403,
        `Missing permission ai-cost.recommendations.update on ${SVC}`,
      );
      await expectError(
        await test
          .as(OWNER)
          .post(`/recommendations/${ownerless.id}/dismiss`, { reason: 'no' }),
        403,
        'Missing permission ai-cost.admin',
      );
      await expectError(
        await test.as(OUTSIDER).post(`/recommendations/${secret.id}/reopen`),
        404,
        `No recommendation with id ${secret.id}`,
      );
      await expectError(
        await test
          .as(OWNER)
          .post('/recommendations/999999/dismiss', { reason: 'no' }),
        404,
        'No recommendation with id 999999',
      );
      await expectError(
        await test.as(OWNER).post(`/recommendations/${sizing.id}/dismiss`, {}),
        400,
        'reason: Required',
      );
      await expectError(
        await test
          .as(OWNER)
          .post(`/recommendations/${sizing.id}/dismiss`, { reason: '   ' }),
        400,
        'reason: must say why',
      );
      await expectError(
        await test
          .as(OWNER)
          .post(`/recommendations/${sizing.id}/snooze`, { until: 'soon' }),
        400,
        'until: must be a calendar date written as YYYY-MM-DD',
      );
      await expectError(
        await test.as(OWNER).post(`/recommendations/${sizing.id}/snooze`, {
          until: '2026-11-01',
        }),
        400,
        'until: must be today (2026-11-21) or later, got 2026-11-01',
      );
      await expectError(
        await test.as(OWNER).get(`/recommendations?entityRef=${SVC}&status=x`),
        400,
        'status: must be one of open, dismissed, snoozed, all',
      );
      // Nothing was changed by the refused requests.
      expect((await test.find('model-right-sizing', SVC)).status).toBe('open');
      expect((await test.find('ownerless-spend', '')).status).toBe('open');
    });
  });
});

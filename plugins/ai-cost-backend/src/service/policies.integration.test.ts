import { mockCredentials } from '@backstage/backend-test-utils';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const TEAM = 'group:default/team';
const OWNER = 'user:default/owner';
const ADMIN = 'user:default/admin';
const ALICE = 'user:default/alice';
const EVE = 'user:default/eve';
/** Staging, efficient models only, opted in to blocking outside production. */
const SVC = 'component:default/svc';
/** Production, same opt-in: never denied. */
const PROD = 'component:default/prod-svc';
/** No opt-in: never denied. */
const OPEN = 'component:default/open-svc';
const BAD = 'component:default/bad';

function spend(
  projectId: string,
  model: string,
  dollarsPerDay: number,
  to = '2026-11-20',
): UsageRecord[] {
  return eachDay('2026-11-01', to).map(date => ({
    date,
    projectId,
    apiKeyId: `key_${projectId}`,
    model,
    requests: 100,
    cost: dollarsPerDay * 1_000_000,
    currency: 'USD',
    costKind: 'billed' as const,
  }));
}

describe('model policy and guardrail routes', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      now: new Date('2026-11-21T08:00:00Z'),
      config: {
        currency: 'USD',
        policies: { defaults: { production: 'standard' } },
      },
      entities: [
        catalogEntity(TEAM),
        catalogEntity(SVC, {
          owner: TEAM,
          annotations: {
            'ai-cost/openai-project-id': 'proj_svc',
            'ai-cost/openai-api-key-id': 'key_proj_svc',
            'ai-cost/max-model-tier': 'efficient',
            'ai-cost/budget-enforcement': 'block-non-production',
            'ai-cost/tags': 'environment=stg',
            'ai-cost/monthly-budget': '50 USD',
          },
        }),
        catalogEntity(PROD, {
          owner: TEAM,
          annotations: {
            'ai-cost/openai-project-id': 'proj_prod',
            'ai-cost/allowed-models': 'gpt-4o*',
            'ai-cost/budget-enforcement': 'block-non-production',
            'ai-cost/tags': 'environment=prod',
            'ai-cost/monthly-budget': '10 USD',
          },
        }),
        catalogEntity(OPEN, {
          owner: TEAM,
          annotations: {
            'ai-cost/openai-project-id': 'proj_open',
            'ai-cost/max-model-tier': 'efficient',
            'ai-cost/monthly-budget': '1 USD',
          },
        }),
        catalogEntity(BAD, {
          owner: TEAM,
          annotations: {
            'ai-cost/max-model-tier': 'huge',
            'ai-cost/budget-enforcement': 'always',
          },
        }),
      ],
      // A team member who may not see one of the team's components.
      hiddenFrom: { [EVE]: [PROD] },
      policy: (permission, user) => {
        if (permission === 'ai-cost.budget.update') {
          return user === OWNER ? undefined : 'DENY';
        }
        if (permission === 'ai-cost.org.read') {
          return user === ADMIN ? undefined : 'DENY';
        }
        return undefined;
      },
    });
    await test.indexer.rebuild();
    await test.ingest('openai', 'openai', [
      // 20 days × $3 of a standard model and × $1 of an efficient one.
      ...spend('proj_svc', 'gpt-4o-2024-08-06', 3),
      ...spend('proj_svc', 'gpt-4o-mini', 1),
      // 10 days × $2 of a frontier model; gpt-4o (allowed) 20 × $0.5.
      ...spend('proj_prod', 'o3', 2, '2026-11-10'),
      ...spend('proj_prod', 'gpt-4o', 0.5),
      ...spend('proj_open', 'claude-opus-4-1', 4, '2026-11-02'),
    ]);
    const as = (user: string) => ({
      get: (url: string) =>
        request(test.app as any)
          .get(url)
          .set('Authorization', mockCredentials.user.header(user)),
      post: (url: string, body: unknown) =>
        request(test.app as any)
          .post(url)
          .send(body as object)
          .set('Authorization', mockCredentials.user.header(user)),
      delete: (url: string) =>
        request(test.app as any)
          .delete(url)
          .set('Authorization', mockCredentials.user.header(user)),
    });
    const service = (url: string) =>
      request(test.app as any)
        .get(url)
        .set('Authorization', mockCredentials.service.header());
    return { ...test, as, service };
  }

  const WINDOW = 'from=2026-11-01&to=2026-11-20';
  const SVC_VIOLATION = {
    entityRef: SVC,
    model: 'gpt-4o-2024-08-06',
    tier: 'standard',
    allowedTier: 'efficient',
    cost: 60,
    days: 20,
  };
  const PROD_VIOLATION = {
    entityRef: PROD,
    model: 'o3',
    tier: 'frontier',
    allowedTier: 'standard',
    cost: 20,
    days: 10,
  };
  const OPEN_VIOLATION = {
    entityRef: OPEN,
    model: 'claude-opus-4-1',
    tier: 'frontier',
    allowedTier: 'efficient',
    cost: 8,
    days: 2,
  };

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('lists violations of a subtree, and of the org for org readers only', async () => {
      const test = await setup(databaseId);
      const team = await test
        .as(ALICE)
        .get(`/policies/violations?entityRef=${TEAM}&${WINDOW}`);
      expect(team.status).toBe(200);
      expect(team.body).toEqual([
        SVC_VIOLATION,
        PROD_VIOLATION,
        OPEN_VIOLATION,
      ]);
      expect(
        (
          await test
            .as(ALICE)
            .get(`/policies/violations?entityRef=${SVC}&${WINDOW}`)
        ).body,
      ).toEqual([SVC_VIOLATION]);

      // A descendant hidden from the caller is left out, never named.
      const eve = await test
        .as(EVE)
        .get(`/policies/violations?entityRef=${TEAM}&${WINDOW}`);
      expect(eve.status).toBe(200);
      expect(eve.body).toEqual([SVC_VIOLATION, OPEN_VIOLATION]);
      expect(
        (
          await test
            .as(EVE)
            .get(`/policies/violations?entityRef=${PROD}&${WINDOW}`)
        ).status,
      ).toBe(404);

      const refused = await test
        .as(ALICE)
        .get(`/policies/violations?${WINDOW}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('ai-cost.org.read');
      expect(
        (await test.as(ADMIN).get(`/policies/violations?${WINDOW}`)).body,
      ).toEqual(team.body);
      const bad = await test
        .as(ADMIN)
        .get('/policies/violations?from=2026-11-01&to=2026-13-01');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('to');
    });

    it('reads the policy in force and lists unreadable annotations as problems', async () => {
      const test = await setup(databaseId);
      expect(
        (await test.as(ALICE).get(`/policies?entityRef=${SVC}`)).body,
      ).toEqual({
        entityRef: SVC,
        maxTier: 'efficient',
        maxTierSource: 'annotation',
        allowedModels: [],
        environment: 'staging',
        enforcement: 'block-non-production',
        exceptions: [],
      });
      expect(
        (await test.as(ALICE).get(`/policies?entityRef=${PROD}`)).body,
      ).toMatchObject({
        maxTier: 'standard',
        maxTierSource: 'org-default',
        allowedModels: ['gpt-4o*'],
        environment: 'production',
      });
      expect(
        (await test.as(ALICE).get(`/policies?entityRef=${BAD}`)).body,
      ).toMatchObject({
        maxTier: null,
        maxTierSource: 'none',
        enforcement: null,
      });
      const attribution = JSON.stringify(
        (await test.as(ADMIN).get('/attribution')).body.problems,
      );
      expect(attribution).toContain(
        'Invalid ai-cost/max-model-tier \\"huge\\"',
      );
      expect(attribution).toContain(
        'Invalid ai-cost/budget-enforcement \\"always\\"',
      );
    });

    it('lets owners grant and remove exceptions, audited, and refuses others and bad input', async () => {
      const test = await setup(databaseId);
      const body = {
        entityRef: SVC,
        model: 'gpt-4o*',
        justification: 'Evaluation of gpt-4o against mini for search ranking',
        expiresAt: '2026-12-31',
      };
      const refused = await test.as(ALICE).post('/policies/exceptions', body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('ai-cost.budget.update');

      const short = await test
        .as(OWNER)
        .post('/policies/exceptions', { ...body, justification: 'because' });
      expect(short.status).toBe(400);
      expect(short.body.error.message).toContain('justification');
      const past = await test
        .as(OWNER)
        .post('/policies/exceptions', { ...body, expiresAt: '2026-11-20' });
      expect(past.status).toBe(400);
      expect(past.body.error.message).toContain(
        'expiresAt must be today (2026-11-21)',
      );
      const far = await test
        .as(OWNER)
        .post('/policies/exceptions', { ...body, expiresAt: '2027-12-01' });
      expect(far.status).toBe(400);
      expect(far.body.error.message).toContain(
        'expiresAt must be at most 366 days',
      );
      const missing = await test
        .as(OWNER)
        .post('/policies/exceptions', { ...body, expiresAt: undefined });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('expiresAt');

      const created = await test.as(OWNER).post('/policies/exceptions', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        ...body,
        createdBy: OWNER,
        createdAt: '2026-11-21T08:00:00.000Z',
      });
      expect(test.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'policy-exception-create',
          severityLevel: 'medium',
        }),
      );
      const violations = await test
        .as(ALICE)
        .get(`/policies/violations?entityRef=${SVC}&${WINDOW}`);
      expect(violations.body).toEqual([
        { ...SVC_VIOLATION, exception: created.body },
      ]);
      expect(
        (await test.as(ALICE).get(`/policies/exceptions?entityRef=${SVC}`))
          .body,
      ).toEqual([created.body]);

      const url = `/policies/exceptions/${created.body.id}`;
      expect((await test.as(ALICE).delete(url)).status).toBe(403);
      expect((await test.as(OWNER).delete(url)).status).toBe(204);
      expect((await test.as(OWNER).delete(url)).status).toBe(404);
      expect(
        (await test.as(ALICE).get(`/policies/exceptions?entityRef=${SVC}`))
          .body,
      ).toEqual([]);
      expect(test.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'policy-exception-delete' }),
      );
    });

    it('denies only opted-in entities outside production, and answers by key or tags', async () => {
      const test = await setup(databaseId);
      // svc: staging, block-non-production, $80 spent of $50.
      const svc = await test.service(
        `/guardrails/decision?entityRef=${SVC}&model=gpt-4o`,
      );
      expect(svc.status).toBe(200);
      expect(svc.body).toEqual({
        decision: 'deny',
        reasons: [
          'Budget exhausted: 80.00 USD spent of 50.00 USD this month',
          'gpt-4o (standard) is not allowed for component:default/svc: its max tier is efficient',
        ],
        entityRef: SVC,
        enforcement: 'block-non-production',
        budget: { state: 'over', budget: 50, spent: 80, currency: 'USD' },
        environment: 'staging',
      });
      const byKey = await test.service(
        '/guardrails/decision?provider=openai&apiKeyId=key_proj_svc',
      );
      expect(byKey.body).toMatchObject({ decision: 'deny', entityRef: SVC });

      // prod-svc: production is never denied without `block`.
      const prod = await test.service(
        `/guardrails/decision?entityRef=${PROD}&model=o3`,
      );
      expect(prod.body).toMatchObject({
        decision: 'warn',
        entityRef: PROD,
        environment: 'production',
        budget: { state: 'over', budget: 10, spent: 30 },
      });
      expect(prod.body.reasons).toHaveLength(2);
      // open-svc: no opt-in, never denied.
      expect(
        (await test.service(`/guardrails/decision?entityRef=${OPEN}&model=o3`))
          .body.decision,
      ).toBe('warn');
      // Nobody claims this key: nothing to enforce.
      expect(
        (await test.service('/guardrails/decision?tags=team=nobody')).body,
      ).toMatchObject({ decision: 'allow', entityRef: null });

      // Users need ai-cost.org.read; bad queries name the field.
      expect(
        (await test.as(ALICE).get(`/guardrails/decision?entityRef=${SVC}`))
          .status,
      ).toBe(403);
      expect(
        (await test.as(ADMIN).get(`/guardrails/decision?entityRef=${SVC}`)).body
          .decision,
      ).toBe('deny');
      const both = await test.service(
        `/guardrails/decision?entityRef=${SVC}&tags=team=x`,
      );
      expect(both.status).toBe(400);
      expect(both.body.error.message).toContain('entityRef');
      const keyOnly = await test.service(
        '/guardrails/decision?provider=openai',
      );
      expect(keyOnly.status).toBe(400);
      expect(keyOnly.body.error.message).toContain('apiKeyId');
      const badTags = await test.service('/guardrails/decision?tags=team');
      expect(badTags.status).toBe(400);
      expect(badTags.body.error.message).toContain('tags');
    });

    it('allows a model under an exception at once, the cache notwithstanding', async () => {
      const test = await setup(databaseId);
      const url = `/guardrails/decision?entityRef=${SVC}&model=gpt-4o`;
      expect((await test.service(url)).body.reasons).toHaveLength(2);
      await test.as(OWNER).post('/policies/exceptions', {
        entityRef: SVC,
        model: 'gpt-4o',
        justification: 'Ranking experiment approved by the platform team',
        expiresAt: '2026-11-30',
      });
      expect((await test.service(url)).body.reasons).toEqual([
        'Budget exhausted: 80.00 USD spent of 50.00 USD this month',
      ]);
    });

    it('notifies the owners of a new violation once', async () => {
      const test = await setup(databaseId);
      test.notifications.send.mockClear();
      // The last 7 days (11-15 to 11-21): svc on gpt-4o only.
      expect(await test.services.policies.notifyNewViolations()).toBe(1);
      expect(test.notifications.send).toHaveBeenCalledTimes(1);
      expect(test.notifications.send.mock.calls[0][0]).toMatchObject({
        recipients: { type: 'entity', entityRef: TEAM },
        payload: {
          title: `${SVC} uses gpt-4o-2024-08-06, outside its model policy`,
          topic: 'ai-cost-policy',
          link: '/catalog/default/component/svc/ai-cost',
        },
      });
      expect(
        test.notifications.send.mock.calls[0][0].payload.description,
      ).toContain('18.00 on 6 day(s)');
      expect(await test.services.policies.notifyNewViolations()).toBe(0);
      expect(test.notifications.send).toHaveBeenCalledTimes(1);
    });
  });
});

import { mockCredentials } from '@backstage/backend-test-utils';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { exampleCatalog } from '../__testUtils__/exampleOrg';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const SEARCH_API = 'component:default/search-api';
const ENGINEERING = 'group:default/engineering';
const FINANCE = 'group:default/finance';
/** Member of search-team, which owns search-api. */
const ALICE = 'user:default/alice';
/** Member of engineering, the parent group of search-team. */
const ERIN = 'user:default/erin';
/** Member of the configured approver group. */
const FRANK = 'user:default/frank';
const BOB = 'user:default/bob';
const ADMIN = 'user:default/admin';

function user(ref: string, groups: string[]) {
  const entity = catalogEntity(ref);
  entity.relations = groups.map(targetRef => ({
    type: RELATION_MEMBER_OF,
    targetRef,
  }));
  return entity;
}

describe('budget request routes', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    extraConfig: object = {},
  ) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      entities: [
        ...exampleCatalog(),
        catalogEntity(FINANCE),
        user(ALICE, ['group:default/search-team']),
        user(ERIN, [ENGINEERING]),
        user(FRANK, [FINANCE]),
        user(BOB, []),
      ],
      hiddenFrom: { [BOB]: ['component:default/support-bot'] },
      policy: (permission, userRef) =>
        permission === 'ai-cost.org.read' && userRef !== ADMIN
          ? 'DENY'
          : undefined,
      config: {
        currency: 'USD',
        budgets: {
          approval: {
            approvers: [FINANCE],
            autoApproveBelow: 100,
            businessCaseAbove: 5000,
            businessCaseMinLength: 20,
          },
        },
        ...extraConfig,
      },
    });
    await test.indexer.rebuild();
    const as = (who: string) => ({
      get: (url: string) =>
        request(test.app as any)
          .get(url)
          .set('Authorization', mockCredentials.user.header(who)),
      post: (url: string, body?: object) =>
        request(test.app as any)
          .post(url)
          .send(body)
          .set('Authorization', mockCredentials.user.header(who)),
    });
    return { ...test, as };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('takes a request, shows it to its approvers, and applies it on approval', async () => {
      const test = await setup(databaseId);
      const created = await test.as(ALICE).post('/budgets/requests', {
        entityRef: 'Component:default/Search-API',
        amount: 1800,
        businessCase: 'Rollout of semantic search to all tenants',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        entityRef: SEARCH_API,
        amount: 1800,
        currency: 'USD',
        period: 'month',
        scope: null,
        businessCase: 'Rollout of semantic search to all tenants',
        status: 'pending',
        requestedBy: ALICE,
        requestedAt: '2026-11-03T12:00:00.000Z',
        decidedBy: null,
        decidedAt: null,
        comment: null,
        autoApproved: false,
        canDecide: false,
      });
      const { id } = created.body;
      expect(test.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'budget-request-create',
          meta: expect.objectContaining({ requestId: id, amount: 1800 }),
        }),
      );
      const [toApprovers] = test.notifications.send.mock.calls[0];
      expect(toApprovers.recipients).toEqual({
        type: 'entity',
        entityRef: [ENGINEERING, FINANCE],
      });
      expect(toApprovers.payload).toMatchObject({
        topic: 'ai-cost-budget-request',
        link: '/catalog/default/component/search-api/ai-cost',
        scope: `budget-request:${id}:created`,
      });

      // Requesters see theirs, approvers what they may decide, others nothing.
      const own = await test.as(ALICE).get('/budgets/requests');
      expect(own.body.items.map((r: any) => [r.id, r.canDecide])).toEqual([
        [id, false],
      ]);
      const toDecide = await test
        .as(ERIN)
        .get(`/budgets/requests?status=pending&entityRef=${SEARCH_API}`);
      expect(toDecide.body.items.map((r: any) => [r.id, r.canDecide])).toEqual([
        [id, true],
      ]);
      expect((await test.as(BOB).get('/budgets/requests')).body).toEqual({
        items: [],
      });
      expect(
        (await test.as(ADMIN).get('/budgets/requests')).body.items,
      ).toHaveLength(1);

      const ownApproval = await test
        .as(ALICE)
        .post(`/budgets/requests/${id}/approve`);
      expect(ownApproval.status).toBe(403);
      expect(ownApproval.body.error.message).toBe(
        `You cannot approve your own budget request ${id}`,
      );
      const stranger = await test
        .as(BOB)
        .post(`/budgets/requests/${id}/approve`);
      expect(stranger.status).toBe(403);
      expect(stranger.body.error.message).toBe(
        `You may not approve budget request ${id}: only members of ${ENGINEERING}, ${FINANCE} may`,
      );

      test.setNow(new Date('2026-11-04T08:00:00Z'));
      const approved = await test
        .as(ERIN)
        .post(`/budgets/requests/${id}/approve`, { comment: 'Go ahead' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedBy: ERIN,
        decidedAt: '2026-11-04T08:00:00.000Z',
        comment: 'Go ahead',
        autoApproved: false,
        canDecide: false,
      });
      // The budget is set as the approver, keeping the annotation's thresholds.
      expect(await test.budgets.get(SEARCH_API)).toMatchObject({
        entityRef: SEARCH_API,
        amount: 1800,
        currency: 'USD',
        period: 'month',
        thresholds: [0.5, 0.8, 1],
        source: 'portal',
        updatedBy: ERIN,
        updatedAt: '2026-11-04T08:00:00.000Z',
      });
      const eventIds = test.auditor.createEvent.mock.calls.map(
        ([event]) => event.eventId,
      );
      expect(eventIds).toEqual(
        expect.arrayContaining(['budget-request-approve', 'budget-update']),
      );
      const [toRequester] = test.notifications.send.mock.calls[1];
      expect(toRequester.recipients).toEqual({
        type: 'entity',
        entityRef: ALICE,
      });
      expect(toRequester.payload.description).toBe(
        `Your request for 1800 USD a month was approved by ${ERIN}: Go ahead`,
      );

      const again = await test
        .as(FRANK)
        .post(`/budgets/requests/${id}/reject`, { comment: 'late' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        `Budget request ${id} is already approved`,
      );
      // The approver still sees what they decided.
      expect(
        (await test.as(ERIN).get('/budgets/requests?status=approved')).body
          .items,
      ).toHaveLength(1);
    });

    it('rejects only with a reason and leaves the budget alone', async () => {
      const test = await setup(databaseId);
      const { body } = await test
        .as(ALICE)
        .post('/budgets/requests', { entityRef: SEARCH_API, amount: 900 });
      const noReason = await test
        .as(FRANK)
        .post(`/budgets/requests/${body.id}/reject`, { comment: '  ' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toBe(
        'comment: is required: say why the request is rejected',
      );
      const rejected = await test
        .as(FRANK)
        .post(`/budgets/requests/${body.id}/reject`, {
          comment: 'Use the shared gateway budget',
        });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        decidedBy: FRANK,
        comment: 'Use the shared gateway budget',
      });
      expect((await test.budgets.get(SEARCH_API)).source).toBe('annotation');
      expect(test.auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({ eventId: 'budget-request-reject' }),
      );
    });

    it('auto-approves small requests as the system', async () => {
      const test = await setup(databaseId);
      const created = await test.as(ALICE).post('/budgets/requests', {
        entityRef: SEARCH_API,
        amount: 240,
        period: 'quarter',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'approved',
        decidedBy: 'system',
        autoApproved: true,
        comment: 'Approved automatically: below 100 USD a month',
      });
      expect(await test.budgets.get(SEARCH_API)).toMatchObject({
        amount: 240,
        period: 'quarter',
        updatedBy: 'system',
      });
      // Only the requester is told; approvers have nothing to do.
      expect(test.notifications.send).toHaveBeenCalledTimes(1);
      expect(test.notifications.send.mock.calls[0][0].recipients).toEqual({
        type: 'entity',
        entityRef: ALICE,
      });
    });

    it('applies a scoped request to the budget of its allocation tag value', async () => {
      const test = await setup(databaseId);
      const unknownTag = await test.as(ALICE).post('/budgets/requests', {
        entityRef: SEARCH_API,
        amount: 300,
        scope: 'team:search',
      });
      expect(unknownTag.status).toBe(400);
      expect(unknownTag.body.error.message).toMatch(
        /^scope: "team" is not an allocation tag/,
      );
      const { body } = await test.as(ALICE).post('/budgets/requests', {
        entityRef: SEARCH_API,
        amount: 300,
        scope: 'environment:staging',
      });
      expect(body.scope).toBe('environment:staging');
      await test.as(ERIN).post(`/budgets/requests/${body.id}/approve`);
      expect(
        await test.budgets.get(SEARCH_API, 'environment:staging'),
      ).toMatchObject({ amount: 300, updatedBy: ERIN });
      // The overall budget is untouched.
      expect((await test.budgets.get(SEARCH_API)).source).toBe('annotation');
    });

    it('seeds one pending request in the demo, which an approver can approve', async () => {
      const test = await setup(databaseId, { demo: { enabled: true } });
      const pending = await test
        .as(FRANK)
        .get('/budgets/requests?status=pending');
      expect(pending.body.items).toEqual([
        expect.objectContaining({
          id: 'demo-support-bot-budget',
          entityRef: 'component:default/support-bot',
          amount: 3200,
          requestedBy: 'user:default/carol',
          canDecide: true,
        }),
      ]);
      const approved = await test
        .as(FRANK)
        .post('/budgets/requests/demo-support-bot-budget/approve');
      expect(approved.status).toBe(200);
      expect(
        await test.budgets.get('component:default/support-bot'),
      ).toMatchObject({ amount: 3200, source: 'portal', updatedBy: FRANK });
    });

    it('names bad input and hides entities the requester cannot see', async () => {
      const test = await setup(databaseId);
      const noCase = await test.as(ALICE).post('/budgets/requests', {
        entityRef: SEARCH_API,
        amount: 6000,
        businessCase: 'more',
      });
      expect(noCase.status).toBe(400);
      expect(noCase.body.error.message).toBe(
        'businessCase: at least 20 characters are required for a budget above 5000 USD a month (got 4)',
      );
      const bad = await test.as(ALICE).post('/budgets/requests', {
        entityRef: 'search-api',
        amount: -5,
        period: 'week',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'entityRef: must be an entity reference such as component:default/my-service; amount: must be greater than 0; period: must be one of month, quarter',
      );
      const hidden = await test.as(BOB).post('/budgets/requests', {
        entityRef: 'component:default/support-bot',
        amount: 500,
      });
      expect(hidden.status).toBe(404);
      const missing = await test
        .as(ERIN)
        .post('/budgets/requests/no-such-request/approve');
      expect(missing.status).toBe(404);
      const badStatus = await test
        .as(ERIN)
        .get('/budgets/requests?status=open');
      expect(badStatus.status).toBe(400);
      expect(badStatus.body.error.message).toBe(
        'status: must be one of pending, approved, rejected',
      );
    });
  });
});

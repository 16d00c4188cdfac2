import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { StoredBudgetRequest } from './BudgetRequestStore';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const SVC = 'component:default/svc';

function pending(
  id: string,
  overrides: Partial<StoredBudgetRequest> = {},
): StoredBudgetRequest {
  return {
    id,
    entityRef: SVC,
    amountMicros: 2_500_000_000,
    currency: 'USD',
    period: 'month',
    scope: null,
    businessCase: 'Launch of the EU assistant',
    status: 'pending',
    requestedBy: 'user:default/alice',
    requestedAt: '2026-12-01T10:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    comment: null,
    autoApproved: false,
    ...overrides,
  };
}

describe('DatabaseBudgetRequestStore', () => {
  const databases = createTestDatabases();

  async function create(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return (await createStores({ database })).budgetRequests;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('creates, lists newest first and filters requests', async () => {
      const store = await create(databaseId);
      const first = pending('r1', { scope: 'environment:staging' });
      const second = pending('r2', {
        entityRef: 'component:default/other',
        amountMicros: 9_007_199_254,
        period: 'quarter',
        businessCase: null,
        requestedAt: '2026-12-02T10:00:00.000Z',
      });
      expect(await store.createRequest(first)).toBe(true);
      expect(await store.createRequest(second)).toBe(true);
      // The same id again changes nothing.
      expect(await store.createRequest({ ...first, amountMicros: 1 })).toBe(
        false,
      );

      expect(await store.getRequest('r1')).toEqual(first);
      expect(await store.getRequest('missing')).toBeUndefined();
      expect(await store.listRequests({})).toEqual([second, first]);
      expect(await store.listRequests({ entityRef: SVC })).toEqual([first]);
      expect(await store.listRequests({ status: 'approved' })).toEqual([]);
    });

    it('decides a pending request once, and reopens it', async () => {
      const store = await create(databaseId);
      await store.createRequest(pending('r1'));
      const decision = {
        status: 'approved' as const,
        decidedBy: 'user:default/erin',
        decidedAt: '2026-12-03T09:30:00.000Z',
        comment: 'Go ahead',
        autoApproved: false,
      };
      const approved = await store.decideRequest('r1', decision);
      expect(approved).toEqual({ ...pending('r1'), ...decision });
      expect(
        await store.decideRequest('r1', {
          ...decision,
          status: 'rejected',
          decidedBy: 'user:default/frank',
        }),
      ).toBeUndefined();
      expect((await store.getRequest('r1'))?.decidedBy).toBe(
        'user:default/erin',
      );
      expect(await store.listRequests({ status: 'approved' })).toEqual([
        approved,
      ]);

      await store.reopenRequest('r1');
      expect(await store.getRequest('r1')).toEqual(pending('r1'));
      expect(await store.decideRequest('missing', decision)).toBeUndefined();
    });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const SVC = 'component:default/svc';
const STAGING = 'environment:staging';

describe('DatabaseBudgetStore', () => {
  const databases = createTestDatabases();

  async function create(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return createStores({ database });
  }

  const overall = {
    entityRef: SVC,
    amount: 2_500_000_000,
    currency: 'USD',
    period: 'month' as const,
    thresholds: [0.5, 0.8, 1],
    updatedBy: 'user:default/alice',
    updatedAt: '2026-12-01T10:00:00.000Z',
  };
  const staging = {
    ...overall,
    scope: STAGING,
    amount: 300_000_000,
    thresholds: [1],
  };

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps a scoped budget beside the overall one of the same entity', async () => {
      const { budgets: store } = await create(databaseId);
      expect(await store.putBudget(overall)).toBeUndefined();
      expect(await store.putBudget(staging)).toBeUndefined();
      expect(await store.getBudget(SVC)).toEqual(overall);
      expect(await store.getBudget(SVC, STAGING)).toEqual(staging);
      expect(await store.getBudget(SVC, 'environment:production')).toBe(
        undefined,
      );
      expect(await store.listBudgets()).toEqual([overall, staging]);
      expect(await store.listBudgets(SVC)).toEqual([overall, staging]);
      expect(await store.listBudgets('component:default/other')).toEqual([]);

      const raised = { ...staging, amount: 450_000_000 };
      expect(await store.putBudget(raised)).toEqual(staging);
      expect(await store.getBudget(SVC)).toEqual(overall);

      expect(await store.deleteBudget(SVC, STAGING)).toEqual(raised);
      expect(await store.deleteBudget(SVC, STAGING)).toBeUndefined();
      expect(await store.listBudgets()).toEqual([overall]);
      expect(await store.deleteBudget(SVC)).toEqual(overall);
      expect(await store.listBudgets()).toEqual([]);
    });

    it('records each threshold once per period, basis and scope', async () => {
      const { budgets: store } = await create(databaseId);
      const alert = {
        entityRef: SVC,
        periodStart: '2026-12-01',
        threshold: 0.8,
        basis: 'actual' as const,
        spent: 2_000_000_000,
        budget: 2_500_000_000,
        projectedDate: null,
      };
      const scoped = {
        ...alert,
        scope: STAGING,
        spent: 240_000_000,
        budget: 300_000_000,
      };
      expect(await store.recordAlert(alert)).toBe(true);
      expect(await store.recordAlert(scoped)).toBe(true);
      expect(await store.recordAlert(alert)).toBe(false);
      expect(await store.recordAlert({ ...scoped, spent: 1 })).toBe(false);
      expect(await store.listAlerts(SVC, '2026-12-01')).toEqual([
        alert,
        scoped,
      ]);
    });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const SVC = 'component:default/svc';

describe('DatabaseAnomalySettingsStore', () => {
  const databases = createTestDatabases();

  async function create(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return createStores({ database });
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('puts, replaces, lists and deletes portal thresholds', async () => {
      const { anomalySettings: store } = await create(databaseId);
      expect(await store.getSettings(SVC)).toBeUndefined();
      const first = {
        entityRef: SVC,
        minImpactMicros: 50_000_000,
        minImpactPercent: 30.5,
        updatedBy: 'user:default/alice',
        updatedAt: '2026-12-01T10:00:00.000Z',
      };
      expect(await store.putSettings(first)).toBeUndefined();
      expect(await store.getSettings(SVC)).toEqual(first);
      const second = {
        ...first,
        minImpactMicros: null,
        updatedAt: '2026-12-02T10:00:00.000Z',
      };
      expect(await store.putSettings(second)).toEqual(first);
      expect(await store.listSettings()).toEqual([second]);
      expect(await store.deleteSettings(SVC)).toEqual(second);
      expect(await store.deleteSettings(SVC)).toBeUndefined();
      expect(await store.listSettings()).toEqual([]);
    });

    it('keeps the raw ai-cost/anomaly-threshold annotation in the catalog snapshot', async () => {
      const { attribution } = await create(databaseId);
      await attribution.replaceCatalogSnapshot(
        {
          entities: [
            {
              entityRef: SVC,
              kind: 'Component',
              partOf: [],
              childOf: [],
              anomalyThreshold: '50 USD, 30%',
            },
            {
              entityRef: 'component:default/plain',
              kind: 'Component',
              partOf: [],
              childOf: [],
            },
          ],
          claims: [],
          problems: [],
        },
        'fingerprint',
      );
      const loaded = await attribution.loadCatalogSnapshot();
      const byRef = new Map(
        loaded!.snapshot.entities.map(e => [e.entityRef, e]),
      );
      expect(byRef.get(SVC)?.anomalyThreshold).toBe('50 USD, 30%');
      expect(byRef.get('component:default/plain')).not.toHaveProperty(
        'anomalyThreshold',
      );
    });
  });
});

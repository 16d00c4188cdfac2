import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const SVC = 'component:default/svc';
const OTHER = 'component:default/other';

describe('DatabasePolicyStore', () => {
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
    it('adds, lists newest first, gets and deletes exceptions', async () => {
      const { policies: store } = await create(databaseId);
      const first = {
        id: 'a',
        entityRef: SVC,
        model: 'claude-opus*',
        justification: 'Legal review pilot with long contexts',
        expiresAt: '2026-12-31',
        createdBy: 'user:default/owner',
        createdAt: '2026-11-01T10:00:00.000Z',
      };
      const second = {
        ...first,
        id: 'b',
        model: 'o3',
        createdAt: '2026-11-02T10:00:00.000Z',
      };
      const other = { ...first, id: 'c', entityRef: OTHER };
      for (const e of [first, second, other]) await store.addException(e);
      expect(await store.listExceptions([SVC])).toEqual([second, first]);
      expect(await store.listExceptions()).toEqual([second, first, other]);
      expect(await store.listExceptions([])).toEqual([]);
      expect(await store.getException('c')).toEqual(other);
      expect(await store.deleteException('a')).toEqual(first);
      expect(await store.deleteException('a')).toBeUndefined();
      expect(await store.getException('a')).toBeUndefined();
    });

    it('records each notice once', async () => {
      const { policies: store } = await create(databaseId);
      const at = new Date('2026-11-21T08:00:00Z');
      const a = { entityRef: SVC, model: 'o3' };
      const b = { entityRef: SVC, model: 'gpt-4o' };
      expect(await store.recordNotices([a], at)).toEqual([a]);
      expect(await store.recordNotices([a, b], at)).toEqual([b]);
      expect(await store.recordNotices([a, b], at)).toEqual([]);
    });

    it('keeps the raw model policy annotations in the catalog snapshot', async () => {
      const { attribution } = await create(databaseId);
      const modelPolicy = {
        maxModelTier: 'efficient',
        allowedModels: 'gpt-4o-mini, claude-haiku*',
        budgetEnforcement: 'block',
      };
      await attribution.replaceCatalogSnapshot(
        {
          entities: [
            {
              entityRef: SVC,
              kind: 'Component',
              partOf: [],
              childOf: [],
              modelPolicy,
            },
            { entityRef: OTHER, kind: 'Component', partOf: [], childOf: [] },
          ],
          claims: [],
          problems: [],
        },
        'fp',
      );
      const loaded = await attribution.loadCatalogSnapshot();
      const bySvc = loaded!.snapshot.entities.find(e => e.entityRef === SVC);
      const byOther = loaded!.snapshot.entities.find(
        e => e.entityRef === OTHER,
      );
      expect(bySvc!.modelPolicy).toEqual(modelPolicy);
      expect(byOther!.modelPolicy).toBeUndefined();
    });
  });
});

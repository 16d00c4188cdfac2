import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from './createStores';

jest.setTimeout(60_000);

describe('DatabaseDigestStore', () => {
  const databases = createTestDatabases();

  async function create(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return (await createStores({ database })).digests;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('claims each period of a digest once, and never an earlier one', async () => {
      const store = await create(databaseId);
      const at = new Date('2026-11-30T00:10:00Z');
      expect(await store.lastPeriod('weekly')).toBeUndefined();
      expect(await store.claimPeriod('weekly', '2026-11-23', at)).toBe(true);
      expect(await store.claimPeriod('weekly', '2026-11-23', at)).toBe(false);
      expect(await store.claimPeriod('weekly', '2026-11-16', at)).toBe(false);
      expect(await store.lastPeriod('weekly')).toBe('2026-11-23');
      // Digests are independent of each other.
      expect(await store.claimPeriod('monthly', '2026-11-01', at)).toBe(true);
      expect(await store.claimPeriod('weekly', '2026-11-30', at)).toBe(true);
      expect(await store.lastPeriod('weekly')).toBe('2026-11-30');
      expect(await store.lastPeriod('monthly')).toBe('2026-11-01');
    });

    it('gives a period to exactly one of many simultaneous claims', async () => {
      const store = await create(databaseId);
      const at = new Date('2026-12-01T00:10:00Z');
      const first = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.claimPeriod('leadership', '2026-11-01', at),
        ),
      );
      expect(first.filter(Boolean)).toHaveLength(1);
      const next = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.claimPeriod('leadership', '2026-12-01', at),
        ),
      );
      expect(next.filter(Boolean)).toHaveLength(1);
    });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { applyMigrations } from './migrations';
import { DatabaseTaskRequestStore } from './DatabaseTaskRequestStore';

jest.setTimeout(60_000);

describe('DatabaseTaskRequestStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyMigrations(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
      return new DatabaseTaskRequestStore(knex);
    }

    it('raises the generation with every request and completes only what was claimed', async () => {
      const store = await setup();
      expect(await store.pending('t')).toBeUndefined();
      const first = await store.request('t');
      expect(first.generation).toBe(1);
      const claimed = (await store.pending('t'))!;
      const second = await store.request('t');
      expect(second.generation).toBe(2);

      await store.complete(claimed);
      expect((await store.pending('t'))?.generation).toBe(2);
      await store.complete(second);
      expect(await store.pending('t')).toBeUndefined();
    });

    it('merges payloads with what is pending', async () => {
      const store = await setup();
      const merge = (add: string) => (pending?: { payload: string | null }) =>
        JSON.stringify([
          ...(pending ? (JSON.parse(pending.payload!) as string[]) : []),
          add,
        ]);
      await store.request('t', merge('openai'));
      await store.request('t', merge('aws'));
      expect((await store.pending('t'))?.payload).toBe('["openai","aws"]');
      await store.request('other');
      expect((await store.pending('other'))?.payload).toBeNull();
    });

    it('counts concurrent requests without losing one', async () => {
      const store = await setup();
      await Promise.all(Array.from({ length: 8 }, () => store.request('busy')));
      expect((await store.pending('busy'))?.generation).toBe(8);
    });
  });
});

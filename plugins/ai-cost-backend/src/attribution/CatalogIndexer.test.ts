import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const DAY = '2026-11-02';

describe('CatalogIndexer', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const entities: Entity[] = [
        catalogEntity('group:default/team'),
        catalogEntity('component:default/a', {
          owner: 'group:default/team',
          annotations: { 'ai-cost/openai-project-id': 'proj_a' },
        }),
        catalogEntity('component:default/b', { owner: 'group:default/team' }),
      ];
      const test = await createCostTestApp({
        knex: await databases.init(databaseId),
        entities,
      });
      await test.indexer.rebuild();
      await test.ingest('openai-prod', 'openai', [
        {
          date: DAY,
          projectId: 'proj_b',
          cost: 7_000_000,
          currency: 'USD',
          costKind: 'billed',
        },
      ]);
      const ownCost = async (entityRef: string): Promise<number> => {
        const res = await request(test.app)
          .get('/costs')
          .query({ entityRef, from: DAY, to: DAY });
        expect(res.status).toBe(200);
        return res.body.own.cost;
      };
      return { test, entities, ownCost };
    }

    it('retries a re-attribution that failed although the catalog is unchanged by then', async () => {
      const { test, entities, ownCost } = await setup();
      expect(await ownCost('component:default/b')).toBe(0);

      entities[2] = catalogEntity('component:default/b', {
        owner: 'group:default/team',
        annotations: { 'ai-cost/openai-project-id': 'proj_b' },
      });
      const reattribute = jest
        .spyOn(test.attributor, 'reattribute')
        .mockRejectedValueOnce(new Error('connection reset'));
      await expect(test.indexer.rebuild()).rejects.toThrow('connection reset');
      expect(await ownCost('component:default/b')).toBe(0);

      const retried = await test.indexer.rebuild();
      expect(retried).toMatchObject({
        changed: false,
        reattributedProviders: ['openai'],
      });
      expect(reattribute).toHaveBeenLastCalledWith(['openai'], undefined);
      expect(await ownCost('component:default/b')).toBe(7);

      // Done once: the next run has nothing pending.
      expect(await test.indexer.rebuild()).toMatchObject({
        changed: false,
        reattributedProviders: [],
      });
    });

    it('stops when the task is aborted and resumes on the next run', async () => {
      const { test, entities, ownCost } = await setup();
      entities[2] = catalogEntity('component:default/b', {
        owner: 'group:default/team',
        annotations: { 'ai-cost/openai-project-id': 'proj_b' },
      });
      const controller = new AbortController();
      controller.abort();
      await expect(test.indexer.rebuild(controller.signal)).rejects.toThrow();
      expect(await ownCost('component:default/b')).toBe(0);

      await test.indexer.rebuild();
      expect(await ownCost('component:default/b')).toBe(7);
    });

    it('asks for post-attribution work after re-attributing', async () => {
      const { test, entities } = await setup();
      await test.postAttribution.runPending();
      entities[2] = catalogEntity('component:default/b', {
        owner: 'group:default/team',
        annotations: { 'ai-cost/openai-project-id': 'proj_b' },
      });
      await test.indexer.rebuild();
      expect(await test.postAttribution.runPending()).toBe(true);
    });
  });
});

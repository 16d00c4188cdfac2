import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { ClaimedValue } from './catalogSnapshot';

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
        .spyOn(test.attributor, 'reattributeClaimedValues')
        .mockRejectedValueOnce(new Error('connection reset'));
      await expect(test.indexer.rebuild()).rejects.toThrow('connection reset');
      expect(await ownCost('component:default/b')).toBe(0);

      const retried = await test.indexer.rebuild();
      expect(retried).toMatchObject({
        changed: false,
        reattributedProviders: ['openai'],
      });
      expect(reattribute).toHaveBeenLastCalledWith(
        [{ provider: 'openai', dimension: 'projectId', value: 'proj_b' }],
        undefined,
      );
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

    it('re-attributes only the days whose usage carries a value whose claims changed', async () => {
      const { test, entities, ownCost } = await setup();
      const OTHER_DAY = '2026-10-05';
      await test.ingest('openai-dev', 'openai', [
        {
          date: OTHER_DAY,
          projectId: 'proj_a',
          cost: 2_000_000,
          currency: 'USD',
          costKind: 'billed',
        },
      ]);
      expect(await ownCost('component:default/a')).toBe(0);
      const attributeSource = jest.spyOn(test.attributor, 'attributeSource');

      entities[2] = catalogEntity('component:default/b', {
        owner: 'group:default/team',
        annotations: { 'ai-cost/openai-project-id': 'proj_b' },
      });
      expect(await test.indexer.rebuild()).toMatchObject({
        changed: true,
        reattributedProviders: ['openai'],
      });
      expect(attributeSource.mock.calls).toEqual([
        ['openai-prod', { from: DAY, to: DAY }, [DAY]],
      ]);
      expect(await ownCost('component:default/b')).toBe(7);

      // The result is what re-attributing everything gives.
      const stored = () =>
        test.attributionStore.sumAttributed({
          window: { from: OTHER_DAY, to: DAY },
          groupBy: ['entityRef', 'date', 'sourceId'],
        });
      const narrow = await stored();
      await test.attributor.reattribute();
      expect(await stored()).toEqual(expect.arrayContaining(narrow));
      expect((await stored()).length).toBe(narrow.length);
    });

    it('re-attributes the whole history of the providers when many claim values changed', async () => {
      const { test, entities } = await setup();
      const some = jest.spyOn(test.attributor, 'reattributeClaimedValues');
      const all = jest.spyOn(test.attributor, 'reattribute');
      entities[2] = catalogEntity('component:default/b', {
        owner: 'group:default/team',
        annotations: {
          'ai-cost/openai-project-id': Array.from(
            { length: 51 },
            (_, i) => `proj_${i}`,
          ).join(','),
        },
      });
      await test.indexer.rebuild();
      expect(some).not.toHaveBeenCalled();
      expect(all).toHaveBeenCalledWith(['openai'], undefined);
    });

    it('finds the days of claimed values by id, resource prefix and tag selector', async () => {
      const { test } = await setup();
      await test.ingest('bedrock', 'aws', [
        {
          date: '2026-10-07',
          accountId: '111122223333',
          resourceId: 'arn:aws:bedrock:us-east-1:111122223333:app/Chat-1',
          cost: 1,
          currency: 'USD',
          costKind: 'billed',
        },
      ]);
      await test.ingest('litellm', 'gateway', [
        {
          date: '2026-10-08',
          tags: { team: 'search', app: 'ask' },
          cost: 1,
          currency: 'USD',
          costKind: 'estimated',
        },
        {
          date: '2026-10-09',
          tags: { team: 'search' },
          cost: 1,
          currency: 'USD',
          costKind: 'estimated',
        },
      ]);
      const days = (values: ClaimedValue[]) =>
        test.attributionStore.daysWithClaimedValues(values);

      expect(
        await days([
          { provider: 'openai', dimension: 'projectId', value: 'proj_b' },
          { provider: 'aws', dimension: 'accountId', value: '111122223333' },
        ]),
      ).toEqual([
        { sourceId: 'bedrock', days: ['2026-10-07'] },
        { sourceId: 'openai-prod', days: [DAY] },
      ]);
      expect(
        await days([
          {
            provider: 'aws',
            dimension: 'resourceId',
            // Resource ids claim by prefix, case-insensitively.
            value: 'arn:aws:bedrock:us-east-1:111122223333:app/chat',
          },
        ]),
      ).toEqual([{ sourceId: 'bedrock', days: ['2026-10-07'] }]);
      expect(
        await days([
          {
            provider: 'gateway',
            dimension: 'tag',
            value: 'app=ask,team=search',
          },
        ]),
      ).toEqual([{ sourceId: 'litellm', days: ['2026-10-08'] }]);
      // The same id under another provider is not its usage.
      expect(
        await days([
          { provider: 'anthropic', dimension: 'projectId', value: 'proj_b' },
        ]),
      ).toEqual([]);
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

import { mockServices } from '@backstage/backend-test-utils';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const window = { from: '2026-11-01', to: '2026-11-03' };

function record(overrides: Partial<UsageRecord>): UsageRecord {
  return {
    date: '2026-11-01',
    projectId: 'proj_search',
    apiKeyId: 'key_a',
    model: 'gpt-4o',
    inputTokens: 1000,
    cachedInputTokens: 200,
    outputTokens: 300,
    requests: 4,
    cost: 1_250_000,
    estimatedCost: 1_200_000,
    currency: 'USD',
    costKind: 'billed',
    ...overrides,
  };
}

describe('DatabaseAiCostStore', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const { usage: store } = await createStores({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await store.registerSources([{ id: 'openai-prod', provider: 'openai' }]);
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('records runs and sources, and replaces a restated window without double counting', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.listSources()).toEqual([
        expect.objectContaining({
          id: 'openai-prod',
          status: 'never-run',
          lastRunAt: null,
          freshThrough: null,
          rowsUpserted: 0,
        }),
      ]);

      const first = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      expect((await store.listSources())[0].status).toBe('running');
      await store.completeRun({
        run: first,
        provider: 'openai',
        backfill: true,
        records: [
          record({ date: '2026-11-01', cost: 1_250_000 }),
          record({ date: '2026-11-02', cost: 2_000_001 }),
          record({
            date: '2026-11-02',
            model: 'gpt-4o-mini',
            cost: 10_142_563,
          }),
          // larger than 2^31 micro-units: bigint must round-trip on PostgreSQL
          record({
            date: '2026-11-03',
            model: 'o3',
            cost: 12_345_678_123_456,
            inputTokens: 3_000_000_000,
          }),
        ],
      });
      expect(await store.sumUsage({ ...window })).toEqual(
        expect.objectContaining({
          cost: 12_345_691_516_020,
          rows: 4,
          inputTokens: 3_000_003_000,
        }),
      );

      // The provider restates 2026-11-02 and no longer reports gpt-4o-mini.
      const second = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'manual',
        window: { from: '2026-11-02', to: '2026-11-03' },
      });
      const result = await store.completeRun({
        run: second,
        provider: 'openai',
        backfill: false,
        records: [
          record({ date: '2026-11-02', cost: 2_500_000 }),
          record({
            date: '2026-11-03',
            model: 'o3',
            cost: 12_345_678_123_456,
            inputTokens: 3_000_000_000,
          }),
        ],
      });
      expect(result).toEqual({ upserted: 2, deleted: 1 });
      const totals = await store.sumUsage({ ...window });
      expect(totals.cost).toBe(1_250_000 + 2_500_000 + 12_345_678_123_456);
      expect(totals.rows).toBe(3);
      // Outside the second window nothing changed.
      expect(
        (await store.sumUsage({ from: '2026-11-01', to: '2026-11-01' })).cost,
      ).toBe(1_250_000);

      const [source] = await store.listSources();
      expect(source).toEqual(
        expect.objectContaining({
          status: 'succeeded',
          lastError: null,
          rowsUpserted: 2,
          freshThrough: '2026-11-03',
          backfilledFrom: '2026-11-01',
        }),
      );
      const runs = await store.listRuns('openai-prod');
      expect(
        runs.map(r => [r.trigger, r.status, r.rowsUpserted, r.rowsDeleted]),
      ).toEqual([
        ['manual', 'succeeded', 2, 1],
        ['schedule', 'succeeded', 4, 0],
      ]);

      const [stored] = await store.listUsage({
        from: '2026-11-01',
        to: '2026-11-01',
      });
      expect(stored).toEqual(
        expect.objectContaining({
          sourceId: 'openai-prod',
          provider: 'openai',
          model: 'gpt-4o',
          projectId: 'proj_search',
          cost: 1_250_000,
          estimatedCost: 1_200_000,
          costKind: 'billed',
          unpriced: false,
          tags: null,
        }),
      );
    });

    it('keeps the previous data when a run fails, and records the error', async () => {
      const { store } = await createStore(databaseId);
      const first = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      await store.completeRun({
        run: first,
        provider: 'openai',
        backfill: true,
        records: [record({ cost: 777 })],
      });

      const failing = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      await store.failRun(
        failing,
        'OpenAI /organization/costs answered 500 after 6 attempts: boom',
      );
      expect((await store.sumUsage(window)).cost).toBe(777);
      const [source] = await store.listSources();
      expect(source.status).toBe('failed');
      expect(source.lastError).toBe(
        'OpenAI /organization/costs answered 500 after 6 attempts: boom',
      );
      expect(source.lastSuccessAt).not.toBeNull();
      expect((await store.listRuns('openai-prod'))[0]).toEqual(
        expect.objectContaining({
          status: 'failed',
          error:
            'OpenAI /organization/costs answered 500 after 6 attempts: boom',
        }),
      );
    });

    it('rejects bad records before writing anything', async () => {
      const { store } = await createStore(databaseId);
      const run = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      await expect(
        store.completeRun({
          run,
          provider: 'openai',
          backfill: true,
          records: [record({}), record({ date: '2026-12-01' })],
        }),
      ).rejects.toThrow(
        'Usage record 1 is dated 2026-12-01, outside the run window 2026-11-01..2026-11-03',
      );
      await expect(
        store.completeRun({
          run,
          provider: 'openai',
          backfill: true,
          records: [record({ cost: 1.5, requests: -1 })],
        }),
      ).rejects.toThrow(
        'Usage record 0 is invalid: cost 1.5 is not integer micro-units; requests -1 is not a non-negative integer',
      );
      await expect(
        store.completeRun({
          run,
          provider: 'anthropic',
          backfill: true,
          records: [record({ cacheWriteTokens: 10, cacheWrite1hTokens: 11 })],
        }),
      ).rejects.toThrow(
        'Usage record 0 is invalid: cacheWrite1hTokens 11 exceeds cacheWriteTokens 10, which counts every cache write',
      );
      await expect(
        store.completeRun({
          run,
          provider: 'openai',
          backfill: true,
          records: [record({}), record({})],
        }),
      ).rejects.toThrow(
        'Source "openai-prod" returned two usage records with the same natural key for 2026-11-01 (model gpt-4o, line item none)',
      );
      expect((await store.sumUsage(window)).rows).toBe(0);
    });

    it('ends a streamed run by deleting what it did not write, unless a newer run superseded it', async () => {
      const { store } = await createStore(databaseId);
      const start = () =>
        store.startRun({
          sourceId: 'openai-prod',
          trigger: 'schedule',
          window,
        });
      const first = await start();
      await store.completeRun({
        run: first,
        provider: 'openai',
        backfill: true,
        records: [record({}), record({ date: '2026-11-02', cost: 2 })],
      });

      const streamed = await start();
      await store.writeRunChunk({
        run: streamed,
        provider: 'openai',
        records: [record({ cost: 10, requests: 1 })],
      });
      await store.writeRunChunk({
        run: streamed,
        provider: 'openai',
        records: [record({ cost: 5, requests: 2, estimatedCost: null })],
      });
      const newer = await start();
      await expect(
        store.finishRun({ run: streamed, backfill: false }),
      ).rejects.toThrow(
        `Run ${streamed.id} of source "openai-prod" is no longer running`,
      );
      expect(
        (await store.listUsage(window)).map(r => [r.date, r.cost, r.requests]),
      ).toEqual([
        ['2026-11-01', 15, 3],
        ['2026-11-02', 2, 4],
      ]);

      await store.writeRunChunk({
        run: newer,
        provider: 'openai',
        records: [record({ cost: 7 })],
      });
      await expect(
        store.finishRun({ run: newer, backfill: false }),
      ).resolves.toEqual({ upserted: 1, deleted: 1 });
      expect(await store.listUsage(window)).toEqual([
        expect.objectContaining({ date: '2026-11-01', cost: 7, requests: 4 }),
      ]);
      expect((await store.listRuns('openai-prod'))[0]).toEqual(
        expect.objectContaining({
          status: 'succeeded',
          rowsUpserted: 1,
          rowsDeleted: 1,
        }),
      );
    });

    it('keeps 1-hour cache writes apart from all cache writes', async () => {
      const { store } = await createStore(databaseId);
      const run = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      await store.completeRun({
        run,
        provider: 'anthropic',
        backfill: true,
        records: [
          record({ cacheWriteTokens: 1_500, cacheWrite1hTokens: 1_000 }),
          record({ model: 'gpt-4o-mini', cacheWriteTokens: 7 }),
        ],
      });
      const stored = await store.listUsage(window);
      expect(
        stored.map(r => [r.model, r.cacheWriteTokens, r.cacheWrite1hTokens]),
      ).toEqual([
        ['gpt-4o', 1_500, 1_000],
        ['gpt-4o-mini', 7, 0],
      ]);
    });

    it('treats records that differ only in a null dimension or tags as distinct', async () => {
      const { store } = await createStore(databaseId);
      const run = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      await store.completeRun({
        run,
        provider: 'openai',
        backfill: true,
        records: [
          record({ apiKeyId: null, cost: 1 }),
          record({ apiKeyId: 'key_a', cost: 2 }),
          record({ apiKeyId: null, tags: { team: 'search' }, cost: 4 }),
          record({ apiKeyId: null, tags: { team: 'ads' }, cost: 8 }),
        ],
      });
      const again = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      await store.completeRun({
        run: again,
        provider: 'openai',
        backfill: false,
        records: [
          record({ apiKeyId: null, cost: 1 }),
          record({ apiKeyId: 'key_a', cost: 2 }),
          record({ apiKeyId: null, tags: { team: 'search' }, cost: 4 }),
          record({ apiKeyId: null, tags: { team: 'ads' }, cost: 8 }),
        ],
      });
      expect(await store.sumUsage(window)).toEqual(
        expect.objectContaining({ cost: 15, rows: 4 }),
      );
      const tagged = (await store.listUsage(window)).filter(r => r.tags);
      expect(tagged.map(r => r.tags)).toEqual([
        { team: 'search' },
        { team: 'ads' },
      ]);
    });

    it('refuses to complete a run twice', async () => {
      const { store } = await createStore(databaseId);
      const run = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      await store.completeRun({
        run,
        provider: 'openai',
        backfill: true,
        records: [record({})],
      });
      await expect(
        store.completeRun({
          run,
          provider: 'openai',
          backfill: true,
          records: [record({ cost: 5 })],
        }),
      ).rejects.toThrow('Run 1 of source "openai-prod" is no longer running');
      expect((await store.sumUsage(window)).cost).toBe(1_250_000);
    });

    it('reconciles billed against estimated per source and day', async () => {
      const { store } = await createStore(databaseId);
      const run = await store.startRun({
        sourceId: 'openai-prod',
        trigger: 'schedule',
        window,
      });
      await store.completeRun({
        run,
        provider: 'openai',
        backfill: true,
        records: [
          record({
            model: 'gpt-4o',
            cost: 1_250_000,
            estimatedCost: 1_200_000,
          }),
          record({
            model: 'mystery',
            cost: 50_000,
            estimatedCost: null,
            unpriced: true,
          }),
          record({
            model: 'gpt-4o-mini',
            apiKeyId: 'key_b',
            cost: 30_000,
            estimatedCost: 30_000,
            costKind: 'estimated',
          }),
          record({ date: '2026-11-02', cost: 7, estimatedCost: 9 }),
        ],
      });
      expect(await store.dailyReconciliation(window)).toEqual([
        {
          date: '2026-11-01',
          sourceId: 'openai-prod',
          provider: 'openai',
          billed: 1_300_000,
          estimatedOfBilled: 1_200_000,
          estimatedOnly: 30_000,
          unpricedRecords: 1,
        },
        {
          date: '2026-11-02',
          sourceId: 'openai-prod',
          provider: 'openai',
          billed: 7,
          estimatedOfBilled: 9,
          estimatedOnly: 0,
          unpricedRecords: 0,
        },
      ]);
    });
  });
});

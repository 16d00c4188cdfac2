import { mockServices } from '@backstage/backend-test-utils';
import {
  mergeUsageRecords,
  type AiCostProvider,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from '../database';
import { DemoUsageProvider } from '../demo/DemoUsageProvider';
import { GenaiPricesPricingService } from '../pricing/GenaiPricesPricingService';
import { IngestionEngine } from './IngestionEngine';

jest.setTimeout(60_000);

/** A provider whose answers the test scripts day by day. */
class ScriptedProvider implements AiCostProvider {
  readonly id = 'openai-prod';
  readonly provider = 'openai';
  windows: UsageWindow[] = [];
  costs = new Map<string, number>();
  failWith?: Error;

  async fetchUsage(window: UsageWindow): Promise<UsageRecord[]> {
    this.windows.push(window);
    if (this.failWith) throw this.failWith;
    return [...this.costs.entries()]
      .filter(([day]) => day >= window.from && day <= window.to)
      .map(([date, cost]) => ({
        date,
        projectId: 'proj_a',
        model: 'gpt-4o',
        cost,
        currency: 'USD',
        costKind: 'billed' as const,
      }));
  }
}

/** A provider that streams scripted pages; `between` runs before each page after the first. */
class StreamingProvider implements AiCostProvider {
  readonly provider = 'openai';
  between?: (page: number) => Promise<void>;

  constructor(readonly id: string, public pages: UsageRecord[][]) {}

  async fetchUsage(): Promise<UsageRecord[]> {
    throw new Error('a streaming provider is read through streamUsage');
  }

  async *streamUsage(): AsyncGenerator<UsageRecord[]> {
    for (const [index, page] of this.pages.entries()) {
      if (index > 0) await this.between?.(index);
      yield page;
    }
  }
}

/** A provider that returns the same pages at once. */
class WholeProvider implements AiCostProvider {
  readonly provider = 'openai';

  constructor(readonly id: string, public pages: UsageRecord[][]) {}

  async fetchUsage(): Promise<UsageRecord[]> {
    return mergeUsageRecords(this.pages.flat());
  }
}

function usage(date: string, model: string, cost: number): UsageRecord {
  return {
    date,
    projectId: 'proj_a',
    model,
    inputTokens: cost * 10,
    requests: 1,
    cost,
    estimatedCost: cost - 1,
    currency: 'USD',
    costKind: 'billed',
  };
}

describe('IngestionEngine', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(
      providers: AiCostProvider[],
      now: () => Date,
      chunkRecords?: number,
    ) {
      const knex = await databases.init(databaseId);
      const { usage: store, requests } = await createStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const scheduler = mockServices.scheduler.mock();
      const ingested: string[] = [];
      const engine = new IngestionEngine({
        store,
        requests,
        scheduler,
        logger: mockServices.logger.mock(),
        pricing: new GenaiPricesPricingService(),
        settings: {
          schedule: { frequency: { minutes: 60 }, timeout: { minutes: 15 } },
          lookbackDays: 3,
          backfillDays: 10,
        },
        providers,
        chunkRecords,
        onIngested: async result => {
          ingested.push(
            `${result.sourceId} ${result.window.from}..${result.window.to}`,
          );
        },
        now,
      });
      await engine.start();
      return { store, scheduler, engine, ingested, knex };
    }

    it('schedules one global task per source, backfills once, then re-reads the lookback window', async () => {
      const provider = new ScriptedProvider();
      let today = new Date('2026-11-10T08:00:00Z');
      const { store, scheduler, engine, ingested } = await setup(
        [provider],
        () => today,
      );
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'ai-cost-ingest:openai-prod',
          scope: 'global',
          frequency: { minutes: 60 },
        }),
      );

      provider.costs.set('2026-11-01', 100);
      provider.costs.set('2026-11-09', 2_000_000);
      provider.costs.set('2026-11-10', 300_000);
      await engine.runSource('openai-prod', 'schedule');
      expect(provider.windows).toEqual([
        { from: '2026-11-01', to: '2026-11-10' },
      ]);
      expect(
        (await store.sumUsage({ from: '2026-11-01', to: '2026-11-10' })).cost,
      ).toBe(2_300_100);

      // Next day: the provider restates 2026-11-10 and adds 2026-11-11.
      today = new Date('2026-11-11T08:00:00Z');
      provider.costs.set('2026-11-10', 450_000);
      provider.costs.set('2026-11-11', 10);
      await engine.runSource('openai-prod', 'manual');
      expect(provider.windows[1]).toEqual({
        from: '2026-11-09',
        to: '2026-11-11',
      });
      expect(
        (await store.sumUsage({ from: '2026-11-01', to: '2026-11-11' })).cost,
      ).toBe(100 + 2_000_000 + 450_000 + 10);
      expect(ingested).toEqual([
        'openai-prod 2026-11-01..2026-11-10',
        'openai-prod 2026-11-09..2026-11-11',
      ]);
      const [source] = await store.listSources();
      expect(source).toEqual(
        expect.objectContaining({
          status: 'succeeded',
          freshThrough: '2026-11-11',
          rowsUpserted: 3,
        }),
      );
    });

    it('re-reads the whole backfill window of a source computed from settings', async () => {
      const provider = Object.assign(new ScriptedProvider(), {
        rereadsHistory: true,
      });
      let today = new Date('2026-11-10T08:00:00Z');
      const { store, engine } = await setup([provider], () => today);
      provider.costs.set('2026-11-02', 500);
      await engine.runSource('openai-prod', 'schedule');
      // An earlier day changes (a subscription's start moved back): the
      // next run reads it again, not only the three lookback days.
      today = new Date('2026-11-11T08:00:00Z');
      provider.costs.set('2026-11-02', 700);
      await engine.runSource('openai-prod', 'manual');
      expect(provider.windows).toEqual([
        { from: '2026-11-01', to: '2026-11-10' },
        { from: '2026-11-02', to: '2026-11-11' },
      ]);
      expect(
        (await store.sumUsage({ from: '2026-11-01', to: '2026-11-11' })).cost,
      ).toBe(700);
    });

    it('never reads further back than a source still knows', async () => {
      const provider = Object.assign(new ScriptedProvider(), {
        historyDays: 4,
      });
      let today = new Date('2026-11-10T08:00:00Z');
      const { store, engine } = await setup([provider], () => today);
      provider.costs.set('2026-11-07', 500);
      await engine.runSource('openai-prod', 'schedule');
      // Two days later the source has forgotten 2026-11-07; what was read
      // of it stays.
      today = new Date('2026-11-12T08:00:00Z');
      provider.costs.delete('2026-11-07');
      await engine.runSource('openai-prod', 'schedule');
      expect(provider.windows).toEqual([
        { from: '2026-11-07', to: '2026-11-10' },
        { from: '2026-11-10', to: '2026-11-12' },
      ]);
      expect(
        (await store.sumUsage({ from: '2026-11-01', to: '2026-11-12' })).cost,
      ).toBe(500);
    });

    it('records a failed run, keeps the stored window, and retries the backfill next time', async () => {
      const provider = new ScriptedProvider();
      const { store, engine } = await setup(
        [provider],
        () => new Date('2026-11-10T08:00:00Z'),
      );
      provider.failWith = new Error(
        'OpenAI /organization/costs answered 503 after 6 attempts: overloaded',
      );
      await engine.runSource('openai-prod', 'schedule');
      let [source] = await store.listSources();
      expect(source.status).toBe('failed');
      expect(source.lastError).toBe(
        'Error: OpenAI /organization/costs answered 503 after 6 attempts: overloaded',
      );
      expect((await store.listRuns('openai-prod'))[0]).toEqual(
        expect.objectContaining({
          status: 'failed',
          window: { from: '2026-11-01', to: '2026-11-10' },
        }),
      );

      // The backfill never succeeded, so the next run backfills again.
      provider.failWith = undefined;
      provider.costs.set('2026-11-02', 5);
      await engine.runSource('openai-prod', 'schedule');
      expect(provider.windows[1]).toEqual({
        from: '2026-11-01',
        to: '2026-11-10',
      });
      [source] = await store.listSources();
      expect(source).toEqual(
        expect.objectContaining({ status: 'succeeded', lastError: null }),
      );
      expect(
        (await store.sumUsage({ from: '2026-11-01', to: '2026-11-10' })).cost,
      ).toBe(5);

      // A failing lookback run leaves the data as it was.
      provider.failWith = new Error('boom');
      await engine.runSource('openai-prod', 'schedule');
      expect(
        (await store.sumUsage({ from: '2026-11-01', to: '2026-11-10' })).cost,
      ).toBe(5);
    });

    /** Stored rows of a source, without the source, in a stable order. */
    async function storedUsage(
      store: Awaited<ReturnType<typeof setup>>['store'],
      sourceId: string,
    ) {
      const rows = await store.listUsage({
        from: '2026-11-01',
        to: '2026-11-10',
        sourceId,
      });
      return rows
        .map(({ sourceId: _, ...row }) => row)
        .sort((a, b) =>
          `${a.date} ${a.model}`.localeCompare(`${b.date} ${b.model}`),
        );
    }

    it('stores a streamed run of several chunks exactly as the same records fetched whole', async () => {
      const firstPages = [
        [
          usage('2026-11-08', 'gpt-4o', 100),
          usage('2026-11-09', 'gpt-4o', 200),
        ],
        [usage('2026-11-10', 'o3', 300)],
        [usage('2026-11-01', 'o3', 5)],
      ];
      // Chunks of 2: the second restates gpt-4o of the 9th, the first chunk
      // stated it already.
      const secondPages = [
        [usage('2026-11-09', 'gpt-4o', 250), usage('2026-11-09', 'o3', 10)],
        [usage('2026-11-08', 'gpt-4o', 20)],
        [usage('2026-11-09', 'gpt-4o', 5)],
      ];
      const streamed = new StreamingProvider('stream', firstPages);
      const whole = new WholeProvider('whole', firstPages);
      const { store, engine } = await setup(
        [streamed, whole],
        () => new Date('2026-11-10T08:00:00Z'),
        2,
      );
      await engine.runSource('stream', 'schedule');
      await engine.runSource('whole', 'schedule');
      streamed.pages = secondPages;
      whole.pages = secondPages;
      const streamedResult = await engine.runSource('stream', 'schedule');
      const wholeResult = await engine.runSource('whole', 'schedule');

      // Lookback 2026-11-08..10: the 1st stays, the 10th is no longer
      // reported.
      expect(streamedResult).toEqual({ ...wholeResult, sourceId: 'stream' });
      expect(streamedResult).toEqual(
        expect.objectContaining({ upserted: 3, deleted: 1 }),
      );
      expect(await storedUsage(store, 'stream')).toEqual(
        await storedUsage(store, 'whole'),
      );
      expect(
        (await store.sumUsage({ from: '2026-11-01', to: '2026-11-10' })).cost,
      ).toBe(2 * (5 + 20 + 255 + 10));
      const [run] = await store.listRuns('stream');
      expect(run).toEqual(
        expect.objectContaining({
          status: 'succeeded',
          rowsUpserted: 3,
          rowsDeleted: 1,
        }),
      );
    });

    it('deletes the rows of the window a streamed run no longer reports', async () => {
      const provider = new StreamingProvider('stream', [
        [usage('2026-11-08', 'gpt-4o', 100), usage('2026-11-09', 'o3', 200)],
        [usage('2026-11-10', 'o3', 300)],
      ]);
      const { store, engine } = await setup(
        [provider],
        () => new Date('2026-11-10T08:00:00Z'),
        1,
      );
      await engine.runSource('stream', 'schedule');
      provider.pages = [[usage('2026-11-09', 'o3', 210)]];
      expect(await engine.runSource('stream', 'schedule')).toEqual(
        expect.objectContaining({ upserted: 1, deleted: 2 }),
      );
      expect(
        (await storedUsage(store, 'stream')).map(r => [r.date, r.cost]),
      ).toEqual([['2026-11-09', 210]]);
    });

    it('adds up a natural key repeated across pages and chunks as mergeUsageRecords does', async () => {
      const part = (cost: number, extra: Partial<UsageRecord>) => ({
        ...usage('2026-11-09', 'gpt-4o', cost),
        ...extra,
      });
      const pages = [
        [part(100, { outputTokens: 7 })],
        [usage('2026-11-10', 'o3', 5)],
        [part(50, { estimatedCost: null, unpriced: true })],
        [part(25, {})],
      ];
      const provider = new StreamingProvider('stream', pages);
      const { store, engine } = await setup(
        [provider],
        () => new Date('2026-11-10T08:00:00Z'),
        1,
      );
      await engine.runSource('stream', 'schedule');
      const [merged] = await storedUsage(store, 'stream');
      expect(merged).toEqual(
        expect.objectContaining({
          date: '2026-11-09',
          cost: 175,
          inputTokens: 1750,
          outputTokens: 7,
          requests: 3,
          estimatedCost: null,
          unpriced: true,
        }),
      );
      const [expected] = mergeUsageRecords(pages.flat());
      expect(merged.cost).toBe(expected.cost);
      expect(merged.estimatedCost).toBe(expected.estimatedCost);

      // Within one chunk, the engine merges before storing.
      const oneChunk = new StreamingProvider('one-chunk', pages);
      const second = await setup(
        [oneChunk],
        () => new Date('2026-11-10T08:00:00Z'),
      );
      await second.engine.runSource('one-chunk', 'schedule');
      expect(await storedUsage(second.store, 'one-chunk')).toEqual(
        await storedUsage(store, 'stream'),
      );
    });

    it('keeps what a streamed run stored before failing, deletes nothing and records the failure', async () => {
      const provider = new StreamingProvider('stream', [
        [usage('2026-11-08', 'gpt-4o', 100), usage('2026-11-09', 'o3', 200)],
      ]);
      const { store, engine } = await setup(
        [provider],
        () => new Date('2026-11-10T08:00:00Z'),
        1,
      );
      await engine.runSource('stream', 'schedule');
      provider.pages = [[usage('2026-11-08', 'gpt-4o', 150)], []];
      provider.between = async () => {
        throw new Error('OpenAI /organization/costs answered 503');
      };
      expect(await engine.runSource('stream', 'schedule')).toBeUndefined();
      expect(
        (await storedUsage(store, 'stream')).map(r => [r.date, r.cost]),
      ).toEqual([
        ['2026-11-08', 150],
        ['2026-11-09', 200],
      ]);
      const [failed] = await store.listRuns('stream');
      expect(failed).toEqual(
        expect.objectContaining({
          status: 'failed',
          rowsDeleted: 0,
          error: 'Error: OpenAI /organization/costs answered 503',
        }),
      );
      expect((await store.listSources())[0].status).toBe('failed');
    });

    it('lets a streamed run superseded mid-way delete nothing, not even rows of the newer run', async () => {
      const provider = new StreamingProvider('stream', [
        [usage('2026-11-08', 'gpt-4o', 100)],
      ]);
      const { store, engine } = await setup(
        [provider],
        () => new Date('2026-11-10T08:00:00Z'),
        1,
      );
      await engine.runSource('stream', 'schedule');
      provider.pages = [
        [usage('2026-11-09', 'o3', 200)],
        [usage('2026-11-10', 'o3', 300)],
      ];
      provider.between = async () => {
        // A newer run of the source starts (the older one outlived its
        // timeout) and stores a chunk.
        const newer = await store.startRun({
          sourceId: 'stream',
          trigger: 'manual',
          window: { from: '2026-11-08', to: '2026-11-10' },
        });
        await store.writeRunChunk({
          run: newer,
          provider: 'openai',
          records: [usage('2026-11-10', 'gpt-4o', 400)],
        });
      };
      expect(await engine.runSource('stream', 'schedule')).toBeUndefined();
      expect(
        (await storedUsage(store, 'stream')).map(r => [r.date, r.cost]),
      ).toEqual([
        ['2026-11-08', 100],
        ['2026-11-09', 200],
        ['2026-11-10', 400],
      ]);
      const [newer, superseded] = await store.listRuns('stream');
      expect(newer.status).toBe('running');
      expect(superseded).toEqual(
        expect.objectContaining({
          status: 'failed',
          error: expect.stringMatching(
            /^Storing the 2026-11-08\.\.2026-11-10 window failed: ConflictError: Run \d+ of source "stream" is no longer running$/,
          ),
        }),
      );
      expect((await store.listSources())[0].status).toBe('running');
    });

    it('rejects duplicate source ids across providers', async () => {
      await expect(
        setup(
          [new ScriptedProvider(), new ScriptedProvider()],
          () => new Date(),
        ),
      ).rejects.toThrow(
        'Duplicate AI Cost source id "openai-prod"; source ids must be unique across providers',
      );
    });

    it('ingests deterministic demo data, marked as demo, identical on every re-read', async () => {
      const { store, engine } = await setup(
        [new DemoUsageProvider('openai'), new DemoUsageProvider('anthropic')],
        () => new Date('2026-11-10T08:00:00Z'),
      );
      await engine.runSource('demo-openai', 'schedule');
      await engine.runSource('demo-anthropic', 'schedule');
      const window = { from: '2026-11-01', to: '2026-11-10' };
      const first = await store.sumUsage(window);
      // 13 streams a day; web search serves 3 customers, the support bot 4.
      expect(first.rows).toBe(10 * (13 - 2 + 3 + 4));
      expect(first.cost).toBeGreaterThan(1_000_000_000); // over $1,000 in ten days
      expect(first.cost).toBe(first.estimatedCost);

      await engine.runSource('demo-openai', 'schedule');
      await engine.runSource('demo-anthropic', 'schedule');
      expect(await store.sumUsage(window)).toEqual(first);

      const sources = await store.listSources();
      expect(sources.map(s => [s.id, s.provider, s.demo])).toEqual([
        ['demo-anthropic', 'anthropic', true],
        ['demo-openai', 'openai', true],
      ]);
      const defaultWorkspace = (
        await store.listUsage({ ...window, sourceId: 'demo-anthropic' })
      ).filter(r => r.projectId === 'default');
      expect(defaultWorkspace.length).toBe(10);
      // Weekends are quieter than weekdays for a weekday-pattern stream.
      const searchWeb = (await store.listUsage(window)).filter(
        r => r.apiKeyId === 'key_search_web',
      );
      const saturday = searchWeb.find(r => r.date === '2026-11-07')!;
      const friday = searchWeb.find(r => r.date === '2026-11-06')!;
      expect(saturday.cost).toBeLessThan(friday.cost * 0.6);
    });
  });
});

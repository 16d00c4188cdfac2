import { mockServices } from '@backstage/backend-test-utils';
import type {
  AiCostProvider,
  UsageRecord,
  UsageWindow,
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

describe('IngestionEngine', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(providers: AiCostProvider[], now: () => Date) {
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
        onIngested: async result => {
          ingested.push(
            `${result.sourceId} ${result.window.from}..${result.window.to}`,
          );
        },
        now,
      });
      await engine.start();
      return { store, scheduler, engine, ingested };
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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { AiCostProvider } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import request from 'supertest';
import { createStores } from '../database';
import { IngestionEngine } from '../ingestion/IngestionEngine';
import { GenaiPricesPricingService } from '../pricing/GenaiPricesPricingService';
import { captureLogger } from './captureLogger';
import { createCostTestApp } from './createCostTestApp';
import type { FakeCostLine } from './fakeBillingApi';
import { catalogEntity } from './fakeCatalog';
import { faultyKnex } from './faultyKnex';

export const ADMIN = 'user:default/admin';
/** "Now" of the engine: runs read 2026-11-01..2026-11-10. */
export const NOW = new Date('2026-11-10T08:00:00Z');
export const WINDOW = { from: '2026-11-01', to: '2026-11-10' };
export const WINDOW_DAYS = 10;

/**
 * Two versions of a source's window that differ on every day: `before` is
 * stored by a first run, `after` is what the provider answers now. Each has
 * a line the other lacks, so a mixture of both is always visible.
 */
export function twoVersions(): {
  before: Record<string, FakeCostLine[]>;
  after: Record<string, FakeCostLine[]>;
} {
  const before: Record<string, FakeCostLine[]> = {};
  const after: Record<string, FakeCostLine[]> = {};
  eachDay(WINDOW.from, WINDOW.to).forEach((day, i) => {
    before[day] = [
      { projectId: 'proj_a', lineItem: 'gpt-4o', cost: 1_000_000 + i * 1111 },
      { projectId: 'proj_b', lineItem: 'gpt-4o-mini', cost: 250_000 + i },
      { projectId: 'proj_gone', lineItem: 'o1', cost: 77_777 },
    ];
    after[day] = [
      { projectId: 'proj_a', lineItem: 'gpt-4o', cost: 2_000_000 + i * 3333 },
      { projectId: 'proj_b', lineItem: 'gpt-4o-mini', cost: 260_000 + i },
      { projectId: 'proj_new', lineItem: 'gpt-4.1', cost: 12_345 + i },
    ];
  });
  return { before, after };
}

/** The lines of a version as comparable strings, sorted. */
export function linesOf(data: Record<string, FakeCostLine[]>): string[] {
  return Object.entries(data)
    .flatMap(([date, lines]) =>
      lines.map(l => `${date}|${l.projectId}|${l.lineItem}|${l.cost}`),
    )
    .sort();
}

/**
 * The real ingestion engine and store on a test database, with the cost API
 * of {@link createCostTestApp} on the same database (for `GET /sources`),
 * a captured logger, and a knex that can break transactions on request.
 */
export async function createIngestionHarness(options: {
  knex: Knex;
  providers: AiCostProvider[];
}) {
  const { knex } = options;
  const test = await createCostTestApp({
    knex,
    entities: [
      catalogEntity('group:default/team'),
      catalogEntity('component:default/svc', {
        owner: 'group:default/team',
        annotations: { 'ai-cost/openai-project-id': 'proj_a' },
      }),
    ],
    policy: (permission, user) =>
      permission === 'ai-cost.admin' && user !== ADMIN ? 'DENY' : undefined,
  });
  await test.indexer.rebuild();
  const faulty = faultyKnex(knex);
  const { usage: store, requests } = await createStores({
    database: mockServices.database({
      knex: faulty,
      migrations: { skip: true },
    }),
  });
  const logger = captureLogger();
  /** An engine on the same store, as another process or replica would have. */
  const createEngine = (providers: AiCostProvider[] = options.providers) =>
    new IngestionEngine({
      store,
      requests,
      scheduler: mockServices.scheduler.mock(),
      logger,
      pricing: new GenaiPricesPricingService(),
      settings: {
        schedule: { frequency: { minutes: 60 }, timeout: { minutes: 15 } },
        lookbackDays: WINDOW_DAYS,
        backfillDays: WINDOW_DAYS,
      },
      providers,
      onIngested: async ({ sourceId, window }) => {
        await test.attributor.attributeSource(sourceId, window);
      },
      now: () => NOW,
    });
  const engine = createEngine();
  await engine.start();

  /** The stored window of a source as comparable strings, sorted. */
  async function storedLines(sourceId: string): Promise<string[]> {
    const rows = await store.listUsage({ ...WINDOW, sourceId });
    return rows
      .map(r => `${r.date}|${r.projectId}|${r.lineItem}|${r.cost}`)
      .sort();
  }

  /** Natural keys stored more than once (none, ever). */
  async function duplicateKeys(): Promise<unknown[]> {
    return knex('ai_cost_usage')
      .select('source_id', 'record_key')
      .count({ n: '*' })
      .groupBy('source_id', 'record_key')
      .havingRaw('count(*) > 1');
  }

  /** Attributed + unallocated = ingested, to the micro-unit, over the window. */
  async function attributionBalances(): Promise<{
    attributed: number;
    unallocated: number;
    ingested: number;
  }> {
    const attributed = await test.attributionStore.sumAttributed({
      window: WINDOW,
      groupBy: [],
    });
    const unallocated = await test.attributionStore.sumUnallocated(WINDOW);
    const ingested = await test.attributionStore.sumIngested(WINDOW);
    return {
      attributed: attributed[0]?.cost ?? 0,
      unallocated: unallocated.reduce((sum, u) => sum + u.cost, 0),
      ingested: ingested.cost,
    };
  }

  /** `GET /sources` as an admin. */
  async function sources(): Promise<
    Array<{ id: string; status: string; lastError: string | null }>
  > {
    const res = await request(test.app as any)
      .get('/sources')
      .set('Authorization', mockCredentials.user.header(ADMIN));
    if (res.status !== 200) {
      throw new Error(`GET /sources answered ${res.status}: ${res.text}`);
    }
    return res.body;
  }

  return {
    test,
    knex,
    faulty,
    store,
    logger,
    engine,
    createEngine,
    storedLines,
    duplicateKeys,
    attributionBalances,
    sources,
  };
}

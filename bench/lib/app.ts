/**
 * The plugin's pieces composed like `src/plugin.ts` (and the tests'
 * `createCostTestApp`) does, without jest: real stores on a real database,
 * the real router behind express on a loopback port, Backstage's mock
 * auth / httpAuth / permissions (allow-all) from backend-test-utils, which
 * work outside jest, and an in-memory catalog with O(1) lookups so the
 * catalog fake never dominates a latency.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import type { Knex } from 'knex';
import { Attributor } from '../../plugins/ai-cost-backend/src/attribution/Attributor';
import { CatalogIndexReader } from '../../plugins/ai-cost-backend/src/attribution/CatalogIndex';
import { CatalogIndexer } from '../../plugins/ai-cost-backend/src/attribution/CatalogIndexer';
import { BudgetMonitor } from '../../plugins/ai-cost-backend/src/budgets/BudgetMonitor';
import { BudgetService } from '../../plugins/ai-cost-backend/src/budgets/BudgetService';
import { CostQueryService } from '../../plugins/ai-cost-backend/src/costs/CostQueryService';
import {
  DatabaseAiCostStore,
  DatabaseAnomalyStore,
  DatabaseAttributionStore,
  DatabaseBudgetStore,
  DatabasePushStore,
} from '../../plugins/ai-cost-backend/src/database';
import { OwnerNotifier } from '../../plugins/ai-cost-backend/src/notifications/OwnerNotifier';
import { GenaiPricesPricingService } from '../../plugins/ai-cost-backend/src/pricing/GenaiPricesPricingService';
import { PushIngestService } from '../../plugins/ai-cost-backend/src/push/PushIngestService';
import { DEFAULT_PUSH_SETTINGS } from '../../plugins/ai-cost-backend/src/push/settings';
import { EntityAccess } from '../../plugins/ai-cost-backend/src/service/EntityAccess';
import { createRouter } from '../../plugins/ai-cost-backend/src/service/router';

/** Prints warnings and errors only; info lines would distort timings. */
export function quietLogger(): LoggerService {
  const logger: LoggerService = {
    error: (message: string) => console.error(`  [error] ${message}`),
    warn: (message: string) => console.error(`  [warn] ${message}`),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/** An in-memory catalog; `setEntities` swaps the whole catalog. */
export class BenchCatalog {
  #byRef = new Map<string, Entity>();

  setEntities(entities: Entity[]) {
    this.#byRef = new Map(
      entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
    );
  }

  get size() {
    return this.#byRef.size;
  }

  service(): CatalogService {
    const find = (ref: string) =>
      this.#byRef.get(ref.toLocaleLowerCase('en-US'));
    const byRef = () => this.#byRef;
    const partial: Partial<CatalogService> = {
      async getEntityByRef(ref) {
        return find(typeof ref === 'string' ? ref : stringifyEntityRef(ref));
      },
      async getEntitiesByRefs(request) {
        return { items: request.entityRefs.map(ref => find(ref)) };
      },
      async *streamEntities() {
        const all = [...byRef().values()];
        for (let i = 0; i < all.length; i += 500) yield all.slice(i, i + 500);
      },
    };
    return partial as CatalogService;
  }
}

export type BenchApp = Awaited<ReturnType<typeof createBenchApp>>;

export async function createBenchApp(knex: Knex) {
  const logger = quietLogger();
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const store = await DatabaseAiCostStore.create({ database });
  const attributionStore = await DatabaseAttributionStore.create({ database });
  const catalog = new BenchCatalog();
  const catalogService = catalog.service();
  const index = new CatalogIndexReader(attributionStore);
  const attributor = new Attributor({ store: attributionStore, index, logger });
  const indexer = new CatalogIndexer({
    catalog: catalogService,
    auth: mockServices.auth(),
    scheduler: {} as any, // only start() / refresh() use it; the bench calls rebuild()
    logger,
    store: attributionStore,
    attributor,
    schedule: { frequency: { minutes: 2 }, timeout: { minutes: 10 } },
  });
  const permissions = mockServices.permissions();
  const pricing = new GenaiPricesPricingService();
  const costs = new CostQueryService({
    store: attributionStore,
    index,
    pricing,
    currency: 'USD',
    // As plugin.ts does: one query of the sources per page view.
    demoSourceIds: async () =>
      new Set((await store.listSources()).filter(s => s.demo).map(s => s.id)),
  });
  const entities = new EntityAccess({ catalog: catalogService, permissions });
  const auditor = {
    createEvent: async () => ({
      success: async () => {},
      fail: async () => {},
    }),
  };
  const budgetStore = await DatabaseBudgetStore.create({ database });
  const anomalyStore = await DatabaseAnomalyStore.create({ database });
  const budgets = new BudgetService({
    store: budgetStore,
    index,
    auditor: auditor as any,
    currency: 'USD',
  });
  const budgetMonitor = new BudgetMonitor({
    budgets,
    budgetStore,
    attribution: attributionStore,
    anomalies: anomalyStore,
    index,
    notifier: new OwnerNotifier({
      notifications: { send: async () => {} } as any,
      index,
      logger,
    }),
    currency: 'USD',
  });
  const push = new PushIngestService({
    store: await DatabasePushStore.create({ database }),
    pricing,
    currency: 'USD',
    attributor,
    // As plugin.ts: budget alerts after every re-attribution (none fire here).
    afterAttribution: async () => {
      await budgetMonitor.checkAlerts();
    },
    logger,
    settings: DEFAULT_PUSH_SETTINGS,
  });
  const router = await createRouter({
    currency: 'USD',
    httpAuth: mockServices.httpAuth(),
    permissions,
    store,
    ingestion: { refresh: async () => {} },
    costs,
    index,
    indexer,
    entities,
    budgets,
    budgetMonitor,
    anomalies: anomalyStore,
    push,
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger,
  });
  const app = express().use(router).use(middleware.error());

  return {
    knex,
    store,
    attributionStore,
    attributor,
    indexer,
    index,
    catalog,
    push,
    app,
    logger,
    /** Serves the app on a loopback port until `close()`. */
    async listen(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
      const server: Server = await new Promise(resolve => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      const { port } = server.address() as AddressInfo;
      return {
        baseUrl: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>(resolve => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}

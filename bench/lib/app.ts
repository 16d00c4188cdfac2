/**
 * The plugin composed by `createAiCostServices`, as `src/plugin.ts` (and the
 * tests' `createCostTestApp`) do, without jest: real stores on a real database,
 * the real router behind express on a loopback port, Backstage's mock
 * auth / httpAuth / permissions (allow-all) from backend-test-utils, which
 * work outside jest, and an in-memory catalog with O(1) lookups so the
 * catalog fake never dominates a latency.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import type { Knex } from 'knex';
import { readAiCostSettings } from '../../plugins/ai-cost-backend/src/config/readAiCostSettings';
import { createAiCostServices } from '../../plugins/ai-cost-backend/src/createAiCostServices';
import { createRouter } from '../../plugins/ai-cost-backend/src/service/router';
import { BENCH_ALLOCATION } from './dataset';

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

/**
 * The bench starts no task (it calls `rebuild()` and the stores itself), and
 * backend-test-utils' scheduler mock needs jest.
 */
const noScheduler: SchedulerService = {
  async scheduleTask() {},
  async triggerTask() {},
  async cancelTask() {},
  createScheduledTaskRunner: () => ({ run: async () => {} }),
  async getScheduledTasks() {
    return [];
  },
};

export async function createBenchApp(knex: Knex) {
  const logger = quietLogger();
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const catalog = new BenchCatalog();
  const services = await createAiCostServices({
    settings: readAiCostSettings(
      mockServices.rootConfig({
        data: { aiCost: { currency: 'USD', allocation: BENCH_ALLOCATION } },
      }),
    ),
    database,
    scheduler: noScheduler,
    logger,
    auth: mockServices.auth(),
    auditor: {
      createEvent: async () => ({
        success: async () => {},
        fail: async () => {},
      }),
    },
    permissions: mockServices.permissions(),
    catalog: catalog.service(),
    notifications: { send: async () => {} },
    providers: [],
  });
  const router = await createRouter({
    ...services.routerOptions,
    httpAuth: mockServices.httpAuth(),
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger,
  });
  const app = express().use(router).use(middleware.error());

  return {
    knex,
    store: services.stores.usage,
    attributionStore: services.stores.attribution,
    attributor: services.attributor,
    indexer: services.indexer,
    index: services.index,
    catalog,
    push: services.push,
    postAttribution: services.postAttribution,
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

import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import express from 'express';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import type { AiCostProvider, UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { readAiCostSettings } from '../config/readAiCostSettings';
import {
  createAiCostServices,
  type AiCostServiceDeps,
} from '../createAiCostServices';
import type { PushSettings } from '../push/settings';
import { createRouter } from '../service/router';
import { fakeCatalog } from './fakeCatalog';
import { specCheckedResponses } from './expectMatchesSpec';

/** Decides a permission for a user; `undefined` allows. */
export type TestPolicy = (
  permission: string,
  userEntityRef: string,
  resourceRef?: string,
) => 'ALLOW' | 'DENY' | undefined;

/**
 * The plugin composed by `createAiCostServices`, as `plugin.ts` does, on a real database,
 * with an in-memory catalog and a programmable permission policy, behind an
 * express app with Backstage's error handler.
 */
export async function createCostTestApp(options: {
  knex: Knex;
  entities: Entity[];
  hiddenFrom?: Record<string, string[]>;
  policy?: TestPolicy;
  /** "Now" for budgets and anomalies; default 2026-11-03T12:00Z. */
  now?: Date;
  /** Sources, as provider modules register them; default none. */
  providers?: AiCostProvider[];
  /** The `aiCost` configuration; default `{ currency: 'USD' }`. */
  config?: JsonObject;
  /** Settings of `POST /ingest/events` and `/import/focus`; defaults as in config. */
  push?: Partial<PushSettings>;
  /** Model policy violations of digests and Tech Insights facts; none by default. */
  policyViolations?: AiCostServiceDeps['policyViolations'];
}) {
  const logger = mockServices.logger.mock();
  const database = mockServices.database({
    knex: options.knex,
    migrations: { skip: false },
  });
  const catalog = fakeCatalog(options.entities, options.hiddenFrom);
  const permissions = mockServices.permissions.mock({
    async authorize(requests, { credentials }) {
      const user =
        (credentials.principal as { userEntityRef?: string }).userEntityRef ??
        '';
      return requests.map(request => ({
        result:
          options.policy?.(
            request.permission.name,
            user,
            'resourceRef' in request ? request.resourceRef : undefined,
          ) === 'DENY'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
  });
  const auditor = mockServices.auditor.mock();
  let current = options.now ?? new Date('2026-11-03T12:00:00Z');
  const now = () => current;
  const notifications = {
    send: jest.fn(async (_options: NotificationSendOptions) => {}),
  };
  const settings = readAiCostSettings(
    mockServices.rootConfig({
      data: { aiCost: options.config ?? { currency: 'USD' } },
    }),
  );
  const services = await createAiCostServices({
    settings: { ...settings, push: { ...settings.push, ...options.push } },
    database,
    scheduler: mockServices.scheduler.mock(),
    logger,
    auth: mockServices.auth(),
    auditor,
    permissions,
    catalog,
    notifications,
    providers: options.providers ?? [],
    now,
    policyViolations: options.policyViolations,
  });
  const store = services.stores.usage;
  const attributor = services.attributor;
  const router = await createRouter({
    ...services.routerOptions,
    httpAuth: mockServices.httpAuth(),
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger,
  });
  // Every JSON response of every route test is checked against openapi.yaml.
  const app = express()
    .use(specCheckedResponses())
    .use(router)
    .use(middleware.error());

  /** Ingests records as one run of a source and attributes the run's window. */
  async function ingest(
    sourceId: string,
    provider: string,
    records: UsageRecord[],
    window = { from: '2026-10-01', to: '2026-11-30' },
  ) {
    await store.registerSources([{ id: sourceId, provider }]);
    const run = await store.startRun({ sourceId, trigger: 'manual', window });
    await store.completeRun({ run, provider, records, backfill: true });
    await attributor.attributeSource(sourceId, window);
  }

  return {
    app,
    services,
    store,
    attributionStore: services.stores.attribution,
    indexer: services.indexer,
    attributor,
    costs: services.costs,
    entities: services.entities,
    permissions,
    budgets: services.budgets,
    budgetMonitor: services.budgetMonitor,
    anomalyMonitor: services.anomalyMonitor,
    anomalyStore: services.stores.anomalies,
    notifications,
    auditor,
    catalog,
    ingest,
    push: services.push,
    postAttribution: services.postAttribution,
    recommendationMonitor: services.recommendationMonitor,
    recommendationStore: services.stores.recommendations,
    /** Moves "now" for budgets and anomalies. */
    setNow(date: Date) {
      current = date;
    },
  };
}

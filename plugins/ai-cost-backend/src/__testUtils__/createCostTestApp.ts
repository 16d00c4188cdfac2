import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import express from 'express';
import type { Knex } from 'knex';
import { Attributor } from '../attribution/Attributor';
import { CatalogIndexReader } from '../attribution/CatalogIndex';
import { CatalogIndexer } from '../attribution/CatalogIndexer';
import { CostQueryService } from '../costs/CostQueryService';
import { AnomalyMonitor } from '../anomalies/AnomalyMonitor';
import { BudgetMonitor } from '../budgets/BudgetMonitor';
import { BudgetService } from '../budgets/BudgetService';
import { OwnerNotifier } from '../notifications/OwnerNotifier';
import {
  DatabaseAiCostStore,
  DatabaseAnomalyStore,
  DatabaseAttributionStore,
  DatabaseBudgetStore,
  DatabasePushStore,
  DatabaseRecommendationStore,
} from '../database';
import { GenaiPricesPricingService } from '../pricing/GenaiPricesPricingService';
import { PushIngestService } from '../push/PushIngestService';
import { DEFAULT_PUSH_SETTINGS, type PushSettings } from '../push/settings';
import { RecommendationMonitor } from '../recommendations/RecommendationMonitor';
import { RecommendationService } from '../recommendations/RecommendationService';
import { EntityAccess } from '../service/EntityAccess';
import { createRouter } from '../service/router';
import { fakeCatalog } from './fakeCatalog';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';

/** Decides a permission for a user; `undefined` allows. */
export type TestPolicy = (
  permission: string,
  userEntityRef: string,
  resourceRef?: string,
) => 'ALLOW' | 'DENY' | undefined;

/**
 * The plugin's pieces composed like `plugin.ts` does, on a real database,
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
  /** Settings of `POST /ingest/events` and `/import/focus`; defaults as in config. */
  push?: Partial<PushSettings>;
}) {
  const logger = mockServices.logger.mock();
  const database = mockServices.database({
    knex: options.knex,
    migrations: { skip: false },
  });
  const store = await DatabaseAiCostStore.create({ database });
  const attributionStore = await DatabaseAttributionStore.create({ database });
  const catalog = fakeCatalog(options.entities, options.hiddenFrom);
  const index = new CatalogIndexReader(attributionStore);
  const attributor = new Attributor({ store: attributionStore, index, logger });
  const indexer = new CatalogIndexer({
    catalog,
    auth: mockServices.auth(),
    scheduler: mockServices.scheduler.mock(),
    logger,
    store: attributionStore,
    attributor,
    schedule: { frequency: { minutes: 2 }, timeout: { minutes: 1 } },
  });
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
  const pricing = new GenaiPricesPricingService();
  const costs = new CostQueryService({
    store: attributionStore,
    index,
    pricing,
    currency: 'USD',
    demoSourceIds: async () => new Set(),
  });
  const entities = new EntityAccess({ catalog, permissions });
  const auditor = mockServices.auditor.mock();
  let current = options.now ?? new Date('2026-11-03T12:00:00Z');
  const now = () => current;
  const budgetStore = await DatabaseBudgetStore.create({ database });
  const anomalyStore = await DatabaseAnomalyStore.create({ database });
  const budgets = new BudgetService({
    store: budgetStore,
    index,
    auditor,
    currency: 'USD',
    now,
  });
  const notifications = {
    send: jest.fn(async (_options: NotificationSendOptions) => {}),
  };
  const notifier = new OwnerNotifier({ notifications, index, logger });
  const anomalyMonitor = new AnomalyMonitor({
    attribution: attributionStore,
    anomalies: anomalyStore,
    index,
    notifier,
    currency: 'USD',
    now,
  });
  const budgetMonitor = new BudgetMonitor({
    budgets,
    budgetStore,
    attribution: attributionStore,
    anomalies: anomalyStore,
    index,
    notifier,
    currency: 'USD',
    now,
  });
  const push = new PushIngestService({
    store: await DatabasePushStore.create({ database }),
    pricing,
    currency: 'USD',
    attributor,
    logger,
    settings: { ...DEFAULT_PUSH_SETTINGS, ...options.push },
    now,
  });
  const recommendationStore = await DatabaseRecommendationStore.create({
    database,
  });
  const recommendationMonitor = new RecommendationMonitor({
    attribution: attributionStore,
    recommendations: recommendationStore,
    index,
    pricing,
    currency: 'USD',
    now,
  });
  const recommendations = new RecommendationService({
    store: recommendationStore,
    currency: 'USD',
    auditor,
    now,
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
    recommendations,
    push,
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger,
  });
  const app = express().use(router).use(middleware.error());

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
    store,
    attributionStore,
    indexer,
    attributor,
    costs,
    entities,
    permissions,
    budgets,
    budgetMonitor,
    anomalyMonitor,
    anomalyStore,
    notifications,
    auditor,
    catalog,
    ingest,
    push,
    recommendationMonitor,
    recommendationStore,
    /** Moves "now" for budgets and anomalies. */
    setNow(date: Date) {
      current = date;
    },
  };
}

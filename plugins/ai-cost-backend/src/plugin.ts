import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import type { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  aiCostPermissions,
  anomalySeverities,
  type AnomalySeverity,
} from '@ai-cost/plugin-ai-cost-common';
import {
  aiCostProvidersExtensionPoint,
  type AiCostProvider,
} from '@ai-cost/plugin-ai-cost-node';
import { registerCostActions } from './actions/registerCostActions';
import { Attributor } from './attribution/Attributor';
import { CatalogIndexReader } from './attribution/CatalogIndex';
import { CatalogIndexer } from './attribution/CatalogIndexer';
import { CostQueryService } from './costs/CostQueryService';
import { AnomalyMonitor } from './anomalies/AnomalyMonitor';
import { BudgetMonitor } from './budgets/BudgetMonitor';
import { BudgetService } from './budgets/BudgetService';
import {
  DatabaseAiCostStore,
  DatabaseAnomalyStore,
  DatabaseAttributionStore,
  DatabaseBudgetStore,
  DatabasePushStore,
  DatabaseRecommendationStore,
} from './database';
import { OwnerNotifier } from './notifications/OwnerNotifier';
import { DemoUsageProvider } from './demo/DemoUsageProvider';
import {
  IngestionEngine,
  type IngestionSettings,
} from './ingestion/IngestionEngine';
import { GenaiPricesPricingService } from './pricing/GenaiPricesPricingService';
import { PushIngestService } from './push/PushIngestService';
import { readPushSettings } from './push/settings';
import { RecommendationMonitor } from './recommendations/RecommendationMonitor';
import { RecommendationService } from './recommendations/RecommendationService';
import { createRouter } from './service/router';
import { EntityAccess } from './service/EntityAccess';

function readNotifySeverity(config: Config): AnomalySeverity {
  const key = 'aiCost.anomalies.notifySeverity';
  const value = config.getOptionalString(key) ?? 'high';
  if (!(anomalySeverities as readonly string[]).includes(value)) {
    throw new Error(
      `${key} must be one of ${anomalySeverities.join(
        ', ',
      )}, got ${JSON.stringify(value)}`,
    );
  }
  return value as AnomalySeverity;
}

function readIndexSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const key = 'aiCost.attribution.schedule';
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : {
        frequency: { minutes: 2 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 5 },
      };
}

function readIngestionSettings(config: Config): IngestionSettings {
  const ingestion = config.getOptionalConfig('aiCost.ingestion');
  const schedule = ingestion?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        ingestion.getConfig('schedule'),
      )
    : {
        frequency: { minutes: 60 },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 15 },
      };
  const readDays = (key: string, fallback: number) => {
    const value = ingestion?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < 1 || value > 3660) {
      throw new Error(
        `aiCost.ingestion.${key} must be a whole number of days between 1 and 3660, got ${value}`,
      );
    }
    return value;
  };
  return {
    schedule,
    lookbackDays: readDays('lookbackDays', 35),
    backfillDays: readDays('backfillDays', 90),
  };
}

/**
 * The AI Cost backend plugin: ingests AI provider billing on a schedule,
 * attributes it to catalog entities and serves it under `/api/ai-cost`.
 * @public
 */
export const aiCostPlugin = createBackendPlugin({
  pluginId: 'ai-cost',
  register(env) {
    const providers: AiCostProvider[] = [];
    env.registerExtensionPoint(aiCostProvidersExtensionPoint, {
      addProvider(...added) {
        providers.push(...added.flat());
      },
    });

    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { config, database, httpAuth, httpRouter, logger } = deps;
        deps.permissionsRegistry.addPermissions(aiCostPermissions);

        const store = await DatabaseAiCostStore.create({ database });
        const attributionStore = await DatabaseAttributionStore.create({
          database,
        });
        const index = new CatalogIndexReader(attributionStore);
        const attributor = new Attributor({
          store: attributionStore,
          index,
          logger,
        });
        const currency = config.getOptionalString('aiCost.currency') ?? 'USD';
        const budgetStore = await DatabaseBudgetStore.create({ database });
        const anomalyStore = await DatabaseAnomalyStore.create({ database });
        const budgets = new BudgetService({
          store: budgetStore,
          index,
          auditor: deps.auditor,
          currency,
        });
        const notifier = new OwnerNotifier({
          notifications: deps.notifications,
          index,
          logger,
        });
        const budgetMonitor = new BudgetMonitor({
          budgets,
          budgetStore,
          attribution: attributionStore,
          anomalies: anomalyStore,
          index,
          notifier,
          currency,
        });
        const anomalyMonitor = new AnomalyMonitor({
          attribution: attributionStore,
          anomalies: anomalyStore,
          index,
          notifier,
          currency,
          notifySeverity: readNotifySeverity(config),
        });
        const pricing = GenaiPricesPricingService.fromConfig(config);
        const recommendationStore = await DatabaseRecommendationStore.create({
          database,
        });
        const recommendationMonitor = new RecommendationMonitor({
          attribution: attributionStore,
          recommendations: recommendationStore,
          index,
          pricing,
          currency,
        });
        const afterAttribution = async () => {
          const found = await anomalyMonitor.detect();
          const sent = await budgetMonitor.checkAlerts();
          const recommended = await recommendationMonitor.evaluate();
          logger.info(
            `After attribution: ${found.anomalies} anomalies (${found.notified} notified), ${sent} budget notification(s), ${recommended.open} open recommendation(s)`,
          );
        };

        const indexer = new CatalogIndexer({
          catalog: deps.catalog,
          auth: deps.auth,
          scheduler: deps.scheduler,
          logger,
          store: attributionStore,
          attributor,
          schedule: readIndexSchedule(config),
          afterAttribution,
        });
        await indexer.start();

        const ingestion = new IngestionEngine({
          store,
          scheduler: deps.scheduler,
          logger,
          pricing,
          settings: readIngestionSettings(config),
          providers: config.getOptionalBoolean('aiCost.demo.enabled')
            ? [
                ...providers,
                new DemoUsageProvider('openai'),
                new DemoUsageProvider('anthropic'),
              ]
            : providers,
          onIngested: async ({ sourceId, window }) => {
            await attributor.attributeSource(sourceId, window);
            await afterAttribution();
          },
        });
        await ingestion.start();
        const push = new PushIngestService({
          store: await DatabasePushStore.create({ database }),
          pricing,
          currency,
          attributor,
          afterAttribution,
          logger,
          settings: readPushSettings(config),
        });

        const costs = new CostQueryService({
          store: attributionStore,
          index,
          pricing,
          currency,
          demoSourceIds: async () =>
            new Set(
              (await store.listSources()).filter(s => s.demo).map(s => s.id),
            ),
        });
        const entities = new EntityAccess({
          catalog: deps.catalog,
          permissions: deps.permissions,
        });
        registerCostActions({
          actionsRegistry: deps.actionsRegistry,
          costs,
          entities,
          permissions: deps.permissions,
        });

        httpRouter.use(
          await createRouter({
            currency,
            httpAuth,
            permissions: deps.permissions,
            store,
            ingestion,
            costs,
            index,
            indexer,
            entities,
            budgets,
            budgetMonitor,
            anomalies: anomalyStore,
            recommendations: new RecommendationService({
              store: recommendationStore,
              currency,
              auditor: deps.auditor,
            }),
            push,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});

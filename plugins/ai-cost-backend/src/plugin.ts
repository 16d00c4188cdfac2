import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { aiCostPermissions } from '@ai-cost/plugin-ai-cost-common';
import {
  aiCostProvidersExtensionPoint,
  type AiCostProvider,
} from '@ai-cost/plugin-ai-cost-node';
import { DatabaseAiCostStore } from './database';
import { DemoUsageProvider } from './demo/DemoUsageProvider';
import {
  IngestionEngine,
  type IngestionSettings,
} from './ingestion/IngestionEngine';
import { GenaiPricesPricingService } from './pricing/GenaiPricesPricingService';
import { createRouter } from './service/router';

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
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { config, database, httpAuth, httpRouter, logger } = deps;
        deps.permissionsRegistry.addPermissions(aiCostPermissions);

        const store = await DatabaseAiCostStore.create({ database });
        const pricing = GenaiPricesPricingService.fromConfig(config);
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
        });
        await ingestion.start();

        httpRouter.use(
          await createRouter({
            currency: config.getOptionalString('aiCost.currency') ?? 'USD',
            httpAuth,
            permissions: deps.permissions,
            store,
            ingestion,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});

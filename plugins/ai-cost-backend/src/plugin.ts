import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { aiCostPermissions } from '@ai-cost/plugin-ai-cost-common';
import {
  aiCostProvidersExtensionPoint,
  type AiCostProvider,
} from '@ai-cost/plugin-ai-cost-node';
import { registerAllocationActions } from './actions/registerAllocationActions';
import { registerCostActions } from './actions/registerCostActions';
import { registerUnitEconomicsActions } from './actions/registerUnitEconomicsActions';
import { readAiCostSettings } from './config/readAiCostSettings';
import { createAiCostServices } from './createAiCostServices';
import { GenaiPricesPricingService } from './pricing/GenaiPricesPricingService';
import { createRouter } from './service/router';

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
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { config, httpRouter, logger } = deps;
        deps.permissionsRegistry.addPermissions(aiCostPermissions);

        const services = await createAiCostServices({
          settings: readAiCostSettings(config, logger),
          database: deps.database,
          scheduler: deps.scheduler,
          logger,
          auth: deps.auth,
          auditor: deps.auditor,
          permissions: deps.permissions,
          catalog: deps.catalog,
          notifications: deps.notifications,
          providers,
          pricing: GenaiPricesPricingService.fromConfig(config),
        });
        // Tasks read the catalog through its API: schedule them once every
        // plugin of this backend has started, so a first run never meets a
        // catalog that is still starting up.
        deps.lifecycle.addStartupHook(() => services.startTasks());

        registerCostActions({
          actionsRegistry: deps.actionsRegistry,
          costs: services.costs,
          entities: services.entities,
          permissions: deps.permissions,
        });
        registerAllocationActions({
          actionsRegistry: deps.actionsRegistry,
          costs: services.costs,
          chargeback: services.chargeback,
          permissions: deps.permissions,
        });
        registerUnitEconomicsActions({
          actionsRegistry: deps.actionsRegistry,
          unitEconomics: services.unitEconomics,
          costs: services.costs,
          entities: services.entities,
          permissions: deps.permissions,
        });
        httpRouter.use(
          await createRouter({
            ...services.routerOptions,
            httpAuth: deps.httpAuth,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});

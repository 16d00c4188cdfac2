import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { aiCostProvidersExtensionPoint } from '@ai-cost/plugin-ai-cost-node';
import { readCurrency, readOpenCostSourceConfigs } from './config';
import { OpenCostProvider } from './OpenCostProvider';

/**
 * Adds one OpenCost (or Kubecost) source per entry of
 * `aiCost.providers.opencost`.
 * @public
 */
export const aiCostModuleOpenCost = createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'opencost',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: aiCostProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const sources = readOpenCostSourceConfigs(config);
        if (sources.length === 0) return;
        const currency = readCurrency(config);
        for (const source of sources) {
          providers.addProvider(new OpenCostProvider({ ...source, currency }));
        }
        logger.info(
          `Added OpenCost source(s): ${sources
            .map(s => `${s.id} (${s.include ?? 'gpu'})`)
            .join(', ')}`,
        );
      },
    });
  },
});

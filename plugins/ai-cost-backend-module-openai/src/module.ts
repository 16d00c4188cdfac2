import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { aiCostProvidersExtensionPoint } from '@ai-cost/plugin-ai-cost-node';
import { readCurrency, readOpenAiSourceConfigs } from './config';
import { OpenAiCostProvider } from './OpenAiCostProvider';

/**
 * Adds one OpenAI billing source per entry of `aiCost.providers.openai`.
 * @public
 */
export const aiCostModuleOpenAi = createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'openai',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: aiCostProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const sources = readOpenAiSourceConfigs(config);
        if (sources.length === 0) return;
        const currency = readCurrency(config);
        for (const source of sources) {
          if (!source.adminKey.startsWith('sk-admin-')) {
            logger.warn(
              `OpenAI source "${source.id}": adminKey does not look like an organization admin key (sk-admin-...); the Usage and Costs APIs reject project keys`,
            );
          }
          providers.addProvider(
            new OpenAiCostProvider({ ...source, currency }),
          );
        }
        logger.info(
          `Added OpenAI billing source(s): ${sources
            .map(s => s.id)
            .join(', ')}`,
        );
      },
    });
  },
});

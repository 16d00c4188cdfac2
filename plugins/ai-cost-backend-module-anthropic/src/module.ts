import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { aiCostProvidersExtensionPoint } from '@ai-cost/plugin-ai-cost-node';
import { AnthropicCostProvider } from './AnthropicCostProvider';
import { readAnthropicProviderOptions } from './config';

/**
 * Adds one Anthropic billing source to the AI Cost plugin per entry of
 * `aiCost.providers.anthropic`.
 * @public
 */
export const aiCostModuleAnthropic = createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'anthropic',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: aiCostProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const sources = readAnthropicProviderOptions(config, logger).map(
          options => new AnthropicCostProvider(options),
        );
        if (sources.length > 0) {
          providers.addProvider(sources);
          logger.info(
            `Added Anthropic billing sources: ${sources
              .map(s => s.id)
              .join(', ')}`,
          );
        }
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  aiCostProvidersExtensionPoint,
  readClassificationRules,
  readCurrency,
} from '@ai-cost/plugin-ai-cost-node';
import { readGcpSourceConfigs } from './config';
import { GcpCostProvider } from './GcpCostProvider';

/**
 * Adds one GCP (Vertex AI / Gemini from the billing export) billing source
 * per entry of `aiCost.providers.gcp`; GPU and TPU SKUs (`gpuCompute`) are
 * told apart by the `acceleratorPatterns` of `aiCost.classification`.
 * @public
 */
export const aiCostModuleGcp = createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'gcp',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: aiCostProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const sources = readGcpSourceConfigs(config);
        if (sources.length === 0) return;
        const currency = readCurrency(config);
        const classificationRules = readClassificationRules(config);
        providers.addProvider(
          sources.map(
            source =>
              new GcpCostProvider({ ...source, currency, classificationRules }),
          ),
        );
        logger.info(
          `Added GCP billing source(s): ${sources.map(s => s.id).join(', ')}`,
        );
      },
    });
  },
});

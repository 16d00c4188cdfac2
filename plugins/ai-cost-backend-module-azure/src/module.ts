import {
  ClientSecretCredential,
  DefaultAzureCredential,
} from '@azure/identity';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  aiCostProvidersExtensionPoint,
  readClassificationRules,
  readCurrency,
} from '@ai-cost/plugin-ai-cost-node';
import { AzureCostProvider } from './AzureCostProvider';
import { readAzureSourceConfigs } from './config';

/**
 * Adds one Azure (Cost Management, Azure OpenAI) billing source per entry
 * of `aiCost.providers.azure`; GPU virtual machine meters (`gpuCompute`) are
 * told apart by the `acceleratorPatterns` of `aiCost.classification`.
 * @public
 */
export const aiCostModuleAzure = createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'azure',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: aiCostProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const sources = readAzureSourceConfigs(config);
        if (sources.length === 0) return;
        const currency = readCurrency(config);
        const classificationRules = readClassificationRules(config);
        let defaultCredential: DefaultAzureCredential | undefined;
        providers.addProvider(
          sources.map(({ clientCredentials, ...source }) => {
            const credential = clientCredentials
              ? new ClientSecretCredential(
                  clientCredentials.tenantId,
                  clientCredentials.clientId,
                  clientCredentials.clientSecret,
                )
              : (defaultCredential ??= new DefaultAzureCredential());
            return new AzureCostProvider({
              ...source,
              currency,
              classificationRules,
              credential,
              secrets: clientCredentials
                ? [clientCredentials.clientSecret]
                : [],
            });
          }),
        );
        logger.info(
          `Added Azure billing source(s): ${sources.map(s => s.id).join(', ')}`,
        );
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  aiCostProvidersExtensionPoint,
  readClassificationRules,
  readCurrency,
} from '@ai-cost/plugin-ai-cost-node';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { AwsCostProvider, type AwsCostMetric } from './AwsCostProvider';
import { readAwsSourceConfigs } from './config';

/**
 * Adds one AWS (Amazon Bedrock via Cost Explorer) billing source per entry
 * of `aiCost.providers.aws`; GPU instances (`gpuCompute`) are told apart by
 * the `acceleratorPatterns` of `aiCost.classification`.
 * @public
 */
export const aiCostModuleAws = createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'aws',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: aiCostProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const sources = readAwsSourceConfigs(config);
        if (sources.length === 0) return;
        const currency = readCurrency(config);
        const classificationRules = readClassificationRules(config);
        const credentialsManager =
          DefaultAwsCredentialsManager.fromConfig(config);
        providers.addProvider(
          sources.map(
            ({ baseUrl, metric, ...source }) =>
              new AwsCostProvider({
                ...source,
                // Validated against AWS_COST_METRICS by the config reader.
                metric: metric as AwsCostMetric | undefined,
                endpoint: baseUrl,
                currency,
                credentialsManager,
                classificationRules,
              }),
          ),
        );
        logger.info(
          `Added AWS billing source(s): ${sources.map(s => s.id).join(', ')}`,
        );
      },
    });
  },
});

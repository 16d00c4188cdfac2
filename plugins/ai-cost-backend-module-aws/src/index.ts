/**
 * AI Cost provider module for AWS: ingests Amazon Bedrock spend, including
 * third-party models sold through AWS Marketplace, from Cost Explorer for
 * each source configured under `aiCost.providers.aws`.
 *
 * @packageDocumentation
 */

export { aiCostModuleAws as default } from './module';
export {
  AwsCostProvider,
  AWS_COST_METRICS,
  type AwsCostMetric,
  type AwsCostProviderOptions,
  type AwsRetryOptions,
} from './AwsCostProvider';
export { readAwsSourceConfigs, type AwsSourceConfig } from './config';

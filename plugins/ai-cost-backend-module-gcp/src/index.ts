/**
 * AI Cost provider module for Google Cloud: ingests Vertex AI and Gemini
 * spend from the Cloud Billing export in BigQuery for each source configured
 * under `aiCost.providers.gcp`.
 *
 * @packageDocumentation
 */

export { aiCostModuleGcp as default } from './module';
export {
  GcpCostProvider,
  type GcpCostProviderOptions,
} from './GcpCostProvider';
export { readGcpSourceConfigs, type GcpSourceConfig } from './config';
export {
  bigQueryRunner,
  type BigQueryJobLike,
  type BigQueryLike,
  type BillingQueryRequest,
  type BillingQueryRunner,
} from './query';

/**
 * AI Cost provider module for Azure: ingests Azure OpenAI (Cognitive
 * Services) spend from the Cost Management Query API for each source
 * configured under `aiCost.providers.azure`.
 *
 * @packageDocumentation
 */

export { aiCostModuleAzure as default } from './module';
export {
  AzureCostProvider,
  AZURE_DEFAULT_API_VERSION,
  AZURE_DEFAULT_BASE_URL,
  AZURE_MANAGEMENT_SCOPE,
  AZURE_RETRY_AFTER_HEADERS,
  type AzureCostProviderOptions,
} from './AzureCostProvider';
export {
  readAzureSourceConfigs,
  AZURE_SCOPE_PATTERN,
  type AzureSourceConfig,
} from './config';
export { parseMeter, type AzureTokenType, type MeterInfo } from './normalize';

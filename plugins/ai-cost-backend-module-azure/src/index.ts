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
  type AzureCostProviderOptions,
} from './AzureCostProvider';
export { readAzureSourceConfigs, type AzureSourceConfig } from './config';

/**
 * AI Cost provider module for OpenAI: ingests the organization Costs API
 * (billed truth) and Usage API (tokens per model) for each source configured
 * under `aiCost.providers.openai`.
 *
 * @packageDocumentation
 */

export { aiCostModuleOpenAi as default } from './module';
export {
  OpenAiCostProvider,
  type OpenAiCostProviderOptions,
} from './OpenAiCostProvider';
export { readOpenAiSourceConfigs, type OpenAiSourceConfig } from './config';

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
  OPENAI_DEFAULT_BASE_URL,
  type OpenAiCostProviderOptions,
} from './OpenAiCostProvider';
export {
  readOpenAiSourceConfigs,
  readCurrency,
  type OpenAiSourceConfig,
} from './config';

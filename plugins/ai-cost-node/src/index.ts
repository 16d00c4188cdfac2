/**
 * Node library of the AI Cost plugin: the extension point provider modules
 * register through, the normalized usage record, shared helpers for
 * talking to billing APIs, and the rules that say which cloud line items are
 * AI spend.
 *
 * @packageDocumentation
 */

export type { UsageRecord, UsageWindow } from './UsageRecord';
export { mergeUsageRecords, usageRecordDimensions } from './mergeUsageRecords';
export { assertUsageWindow } from './assertUsageWindow';
export { windowSlices } from './windowSlices';
export type { PriceQuery, PriceResult, PricingService } from './PricingService';
export {
  collectUsagePages,
  type AiCostProvider,
  type ProviderFetchContext,
} from './AiCostProvider';
export {
  aiCostProvidersExtensionPoint,
  type AiCostProvidersExtensionPoint,
} from './extensions';
export {
  classifyLineItem,
  DEFAULT_CLASSIFICATION_RULES,
  isAcceleratorCompute,
  readClassificationRules,
  rulesFingerprint,
  type AiSpendReason,
  type ClassificationRules,
  type LineItemClass,
  type LineItemFacts,
} from './classification';
export {
  fetchAllPages,
  parseProviderBody,
  parseRetryAfter,
  ProviderApiError,
  ProviderHttpClient,
  type CursorPage,
  type ProviderAuthentication,
  type ProviderHttpClientOptions,
  type QueryParams,
} from './ProviderHttpClient';
export {
  describeProviderConfigIssue,
  providerConfigKey,
  ProviderConfigError,
  readCurrency,
  readProviderSourceConfigs,
  SOURCE_ID_PATTERN,
  type ProviderConfigIssue,
  type ProviderSourceConfig,
  type ProviderSourceFieldSpec,
  type ProviderSourceFieldSpecs,
  type ProviderSourceFieldValue,
  type ProviderSourceRequiredKeys,
  type ReadProviderSourceOptions,
} from './config';

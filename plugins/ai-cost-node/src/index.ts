/**
 * Node library of the AI Cost plugin: the extension point provider modules
 * register through, the normalized usage record, and shared helpers for
 * talking to billing APIs.
 *
 * @packageDocumentation
 */

export * from './UsageRecord';
export * from './mergeUsageRecords';
export * from './assertUsageWindow';
export * from './PricingService';
export * from './AiCostProvider';
export * from './extensions';
export * from './ProviderHttpClient';
export * from './config';

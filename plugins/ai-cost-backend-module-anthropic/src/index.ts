/**
 * AI Cost provider module for Anthropic: ingests the Admin API cost report
 * and messages usage report and attributes billed spend to workspaces and
 * api keys.
 *
 * @packageDocumentation
 */

export { aiCostModuleAnthropic as default } from './module';
export {
  AnthropicCostProvider,
  type AnthropicCostProviderOptions,
} from './AnthropicCostProvider';
export { readAnthropicProviderOptions } from './config';

import type { Config } from '@backstage/config';
import {
  readCurrency,
  readProviderSourceConfigs,
} from '@ai-cost/plugin-ai-cost-node';

/** One entry of `aiCost.providers.openai`. @public */
export interface OpenAiSourceConfig {
  id: string;
  adminKey: string;
  baseUrl?: string;
}

/**
 * Reads and validates `aiCost.providers.openai`. Every error names the exact
 * key, e.g. `aiCost.providers.openai[1].id`; the admin key itself is never
 * part of a message.
 * @public
 */
export function readOpenAiSourceConfigs(config: Config): OpenAiSourceConfig[] {
  return readProviderSourceConfigs(
    config,
    'openai',
    {
      adminKey: { type: 'secret', required: true },
      baseUrl: { type: 'url' },
    },
    // Entries written before the shared reader may carry other keys.
    { unknownKeys: 'ignore' },
  );
}

/**
 * Reads `aiCost.currency` (default `USD`) as an upper-case ISO 4217 code.
 * @public
 */
export { readCurrency };

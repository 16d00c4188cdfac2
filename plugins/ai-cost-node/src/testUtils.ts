/**
 * Test helpers for AI Cost provider modules: fake pricing services and a
 * stand-in for the AI Cost backend plugin. Import from
 * `@ai-cost/plugin-ai-cost-node/testUtils`, in tests only.
 *
 * @packageDocumentation
 */

import {
  createBackendPlugin,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import type { AiCostProvider } from './AiCostProvider';
import { aiCostProvidersExtensionPoint } from './extensions';
import type { PriceQuery, PriceResult, PricingService } from './PricingService';

/**
 * List prices of one model in micro-units per token ($ per million tokens),
 * so that every estimate in a test can be computed by hand.
 * @public
 */
export interface PerTokenPrices {
  input: number;
  cached: number;
  cacheWrite: number;
  output: number;
}

/**
 * A {@link PricingService} that prices the models in `prices` of one
 * `provider` per token, in USD from an override:
 * `input × inputTokens + cached × cachedInputTokens + cacheWrite ×
 * cacheWriteTokens + output × outputTokens`. Any other model, or a query for
 * another provider, is unpriced with the reason `unknown model <model>`.
 * Every query is recorded in `queries`.
 * @public
 */
export function createPerTokenPricingService(
  provider: string,
  prices: Record<string, PerTokenPrices>,
): PricingService & { queries: PriceQuery[] } {
  const queries: PriceQuery[] = [];
  return {
    queries,
    price(query: PriceQuery): PriceResult {
      queries.push(query);
      const p = prices[query.model];
      if (query.provider !== provider || !p) {
        return { priced: false, reason: `unknown model ${query.model}` };
      }
      return {
        priced: true,
        currency: 'USD',
        source: 'override',
        cost:
          (query.inputTokens ?? 0) * p.input +
          (query.cachedInputTokens ?? 0) * p.cached +
          (query.cacheWriteTokens ?? 0) * p.cacheWrite +
          (query.outputTokens ?? 0) * p.output,
      };
    },
  };
}

/**
 * A {@link PricingService} that throws on every call, for sources whose
 * records are all billed: any pricing call is a bug.
 * @public
 */
export function createRefusingPricingService(): PricingService {
  return {
    price(query: PriceQuery): PriceResult {
      throw new Error(`unexpected pricing call for ${query.model}`);
    },
  };
}

/**
 * A stand-in for the AI Cost backend plugin (`ai-cost`) that owns
 * {@link aiCostProvidersExtensionPoint} and only pushes every provider a
 * module adds onto `collected`. Start it with the module under test, e.g. in
 * `startTestBackend({ features: [createProviderCollectorPlugin(collected), module, …] })`.
 * @public
 */
export function createProviderCollectorPlugin(
  collected: AiCostProvider[],
): BackendFeature {
  return createBackendPlugin({
    pluginId: 'ai-cost',
    register(env) {
      env.registerExtensionPoint(aiCostProvidersExtensionPoint, {
        addProvider(...providers) {
          collected.push(...providers.flat());
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

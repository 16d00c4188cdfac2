/**
 * Test helpers for AI Cost provider modules: fake pricing services and a
 * stand-in for the AI Cost backend plugin. Import from
 * `@ai-cost/plugin-ai-cost-node/testUtils`, in tests only.
 *
 * @packageDocumentation
 */

import fs from 'node:fs';
import path from 'node:path';
import {
  resolvePackagePath,
  createBackendPlugin,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
// The main entry point by package name, so that this entry point's API report
// refers to those types instead of copying them.
import {
  aiCostProvidersExtensionPoint,
  type AiCostProvider,
  type PriceQuery,
  type PriceResult,
  type PricingService,
} from '@ai-cost/plugin-ai-cost-node';

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
 * A `PricingService` that prices the models in `prices` of one `provider`
 * per token, in USD from an override:
 * `input × inputTokens + cached × cachedInputTokens` plus
 * `cacheWrite × cacheWriteTokens + output × outputTokens`. Any other model,
 * or a query for another provider, is unpriced with the reason
 * `unknown model <model>`. Every query is recorded in `queries`.
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
 * A `PricingService` that throws on every call, for sources whose
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
 * `aiCostProvidersExtensionPoint` and only pushes every provider a module
 * adds onto `collected`. Start it with the module under test in
 * `startTestBackend`, as in
 * `features: [createProviderCollectorPlugin(collected), module]`.
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

/**
 * The providers' own published examples, kept verbatim beside this
 * repository (`../shared/reference/provider-examples` of the checkout): the
 * source of the conformance tests of the modules in this repository.
 * @internal
 */
export const PROVIDER_EXAMPLES_DIR = path.resolve(
  resolvePackagePath('@ai-cost/plugin-ai-cost-node'),
  '../../../shared/reference/provider-examples',
);

/** A file of the provider examples, as it is. @internal */
export function readProviderExample(relativePath: string): string {
  return fs.readFileSync(
    path.join(PROVIDER_EXAMPLES_DIR, relativePath),
    'utf8',
  );
}

/** A JSON file of the provider examples, parsed as it is. @internal */
export function readProviderExampleJson(relativePath: string): any {
  return JSON.parse(readProviderExample(relativePath));
}

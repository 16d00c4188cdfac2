import { calcPrice } from '@pydantic/genai-prices';
import { microsFromNumber } from '@ai-cost/plugin-ai-cost-common';
import type {
  PriceQuery,
  PriceResult,
  PricingService,
} from '@ai-cost/plugin-ai-cost-node';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** A negotiated per-model rate from `aiCost.pricing.overrides`, per million tokens. */
export interface PriceOverride {
  provider: string;
  model: string;
  inputPerMillion?: number;
  cachedInputPerMillion?: number;
  cacheWritePerMillion?: number;
  /** 1-hour cache writes; default `cacheWritePerMillion`. */
  cacheWrite1hPerMillion?: number;
  outputPerMillion?: number;
}

/** Our provider kinds as genai-prices names them. */
const GENAI_PROVIDER_IDS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  aws: 'aws',
  gcp: 'google',
  azure: 'azure',
  cohere: 'cohere',
  deepseek: 'deepseek',
  groq: 'groq',
  mistral: 'mistral',
  perplexity: 'perplexity',
  xai: 'x-ai',
  moonshot: 'moonshotai',
};

/** Input tokens priced at once when the request count is unknown. */
const MAX_TOKENS_PER_PRICED_CHUNK = 100_000;

function overrideKey(provider: string, model: string) {
  return `${provider}\u0000${model}`;
}

/**
 * Prices usage with the price data bundled in `@pydantic/genai-prices`
 * (historic prices by usage date, cache read/write prices), or with a
 * configured override for negotiated rates. Unknown models are reported as
 * unpriced, never as free.
 */
export class GenaiPricesPricingService implements PricingService {
  private readonly overrides: Map<string, PriceOverride>;

  static fromConfig(config: Config): GenaiPricesPricingService {
    const overrides =
      config
        .getOptionalConfigArray('aiCost.pricing.overrides')
        ?.map((c, index) => {
          const read = (key: string) => {
            const value = c.getOptionalNumber(key);
            if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
              throw new InputError(
                `aiCost.pricing.overrides[${index}].${key} must be a non-negative number`,
              );
            }
            return value;
          };
          return {
            provider: c.getString('provider'),
            model: c.getString('model'),
            inputPerMillion: read('inputPerMillion'),
            cachedInputPerMillion: read('cachedInputPerMillion'),
            cacheWritePerMillion: read('cacheWritePerMillion'),
            cacheWrite1hPerMillion: read('cacheWrite1hPerMillion'),
            outputPerMillion: read('outputPerMillion'),
          };
        }) ?? [];
    return new GenaiPricesPricingService(overrides);
  }

  constructor(overrides: PriceOverride[] = []) {
    this.overrides = new Map(
      overrides.map(o => [overrideKey(o.provider, o.model), o]),
    );
  }

  price(query: PriceQuery): PriceResult {
    const input = query.inputTokens ?? 0;
    const cached = query.cachedInputTokens ?? 0;
    const cacheWrite = query.cacheWriteTokens ?? 0;
    const cacheWrite1h = query.cacheWrite1hTokens ?? 0;
    const output = query.outputTokens ?? 0;
    if (cacheWrite1h > cacheWrite) {
      return {
        priced: false,
        reason: `cacheWrite1hTokens ${cacheWrite1h} exceeds cacheWriteTokens ${cacheWrite}, which counts every cache write`,
      };
    }
    if (input + cached + cacheWrite + output === 0) {
      return { priced: true, cost: 0, currency: 'USD', source: 'genai-prices' };
    }
    const override = this.overrides.get(
      overrideKey(query.provider, query.model),
    );
    if (override) {
      // Price per million tokens in currency units equals micro-units per token.
      const inputRate = override.inputPerMillion ?? 0;
      const cacheWriteRate = override.cacheWritePerMillion ?? inputRate;
      const cost =
        input * inputRate +
        cached * (override.cachedInputPerMillion ?? inputRate) +
        (cacheWrite - cacheWrite1h) * cacheWriteRate +
        cacheWrite1h * (override.cacheWrite1hPerMillion ?? cacheWriteRate) +
        output * (override.outputPerMillion ?? 0);
      return {
        priced: true,
        cost: Math.round(cost),
        currency: 'USD',
        source: 'override',
      };
    }
    const providerId = GENAI_PROVIDER_IDS[query.provider];
    if (!providerId) {
      return {
        priced: false,
        reason: `no price data for provider "${query.provider}"`,
      };
    }
    // genai-prices applies context-length tiers (e.g. Anthropic's price above
    // 200k input tokens) to the usage it is given. Usage here is a daily
    // aggregate, so price one request's worth (or a chunk of at most 100k
    // input tokens when requests are unknown) and scale: within a tier the
    // price is linear.
    const totalInput = input + cached + cacheWrite;
    const parts = Math.max(
      1,
      query.requests && query.requests > 0
        ? query.requests
        : Math.ceil(totalInput / MAX_TOKENS_PER_PRICED_CHUNK),
    );
    let result: ReturnType<typeof calcPrice>;
    try {
      result = calcPrice(
        {
          // genai-prices counts input inclusive of cache reads and writes.
          input_tokens: totalInput / parts,
          cache_read_tokens: cached / parts,
          cache_write_tokens: cacheWrite / parts,
          // The part of cache_write_tokens written with a 1-hour lifetime,
          // priced at the model's 1-hour write rate.
          ...(cacheWrite1h > 0
            ? { cache_write_1h_tokens: cacheWrite1h / parts }
            : {}),
          output_tokens: output / parts,
        },
        query.model,
        { providerId, timestamp: new Date(`${query.date}T12:00:00Z`) },
      );
    } catch (error) {
      return {
        priced: false,
        reason: `pricing "${query.model}" failed: ${(error as Error).message}`,
      };
    }
    if (!result) {
      return {
        priced: false,
        reason: `no price known for ${query.provider} model "${query.model}"`,
      };
    }
    return {
      priced: true,
      cost: microsFromNumber(result.total_price * parts),
      currency: 'USD',
      source: 'genai-prices',
    };
  }
}

import { allocateMicros, type TokenType } from '@ai-cost/plugin-ai-cost-common';
import type { PricingService } from '@ai-cost/plugin-ai-cost-node';

/** Token counts and cost of one model over a window, cost in micro-units. */
export interface ModelTokens {
  provider: string;
  model: string;
  cost: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
}

const FIELDS: Array<[TokenType, keyof ModelTokens]> = [
  ['input', 'inputTokens'],
  ['cachedInput', 'cachedInputTokens'],
  ['cacheWrite', 'cacheWriteTokens'],
  ['output', 'outputTokens'],
];

/** The price database's name for our provider kinds. */
const PRICE_PROVIDER: Record<string, string> = { gcp: 'google' };

/**
 * Splits each model's cost across token types by their list-price weight on
 * `date`: what the input, cached input, cache writes and output of that model
 * would cost at list prices decides their share of the real cost. Cost of a
 * model that cannot be priced (or has no tokens) stays unexplained rather
 * than being attributed to a token type at random. Exact to the micro-unit:
 * the items plus `unexplainedCost` sum to the models' cost.
 */
export function splitByTokenType(
  models: ModelTokens[],
  pricing: PricingService,
  date: string,
): {
  items: Array<{ tokenType: TokenType; tokens: number; cost: number }>;
  unexplainedCost: number;
} {
  const items = FIELDS.map(([tokenType]) => ({
    tokenType,
    tokens: 0,
    cost: 0,
  }));
  let unexplainedCost = 0;
  for (const model of models) {
    const weights = FIELDS.map(([, field]) => {
      const tokens = model[field] as number;
      if (tokens <= 0 || !model.model) return 0;
      const price = pricing.price({
        provider: PRICE_PROVIDER[model.provider] ?? model.provider,
        model: model.model,
        date,
        [field]: tokens,
      });
      return price.priced ? Math.max(price.cost, 0) : 0;
    });
    FIELDS.forEach(([, field], i) => {
      items[i].tokens += model[field] as number;
    });
    if (weights.every(w => w === 0)) {
      unexplainedCost += model.cost;
      continue;
    }
    allocateMicros(model.cost, weights).forEach((part, i) => {
      items[i].cost += part;
    });
  }
  return { items, unexplainedCost };
}

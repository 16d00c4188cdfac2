import {
  createPerTokenPricingService,
  type PerTokenPrices,
} from '@ai-cost/plugin-ai-cost-node/testUtils';

/**
 * Fixed list prices in micro-dollars per token ($ per million tokens), so
 * every expected number in the tests can be computed by hand.
 */
export const FAKE_PRICES: Record<string, PerTokenPrices> = {
  // $3 / $1 / $4 / $15 per million tokens
  'claude-sonnet-4-5': { input: 3, cached: 1, cacheWrite: 4, output: 15 },
  // $15 / $2 / $19 / $75 per million tokens
  'claude-opus-4-1': { input: 15, cached: 2, cacheWrite: 19, output: 75 },
};

/** A PricingService with {@link FAKE_PRICES}; other models are unpriced. */
export const fakePricing = () =>
  createPerTokenPricingService('anthropic', FAKE_PRICES);

/** A usage row as the messages usage report sends it. */
export function usageRow(fields: {
  api_key_id: string | null;
  workspace_id: string | null;
  model: string | null;
  uncached_input_tokens?: number;
  cache_read_input_tokens?: number;
  ephemeral_5m_input_tokens?: number;
  ephemeral_1h_input_tokens?: number;
  output_tokens?: number;
}) {
  return {
    account_id: null,
    api_key_id: fields.api_key_id,
    workspace_id: fields.workspace_id,
    model: fields.model,
    service_tier: null,
    context_window: null,
    inference_geo: null,
    service_account_id: null,
    uncached_input_tokens: fields.uncached_input_tokens ?? 0,
    cache_read_input_tokens: fields.cache_read_input_tokens ?? 0,
    cache_creation: {
      ephemeral_5m_input_tokens: fields.ephemeral_5m_input_tokens ?? 0,
      ephemeral_1h_input_tokens: fields.ephemeral_1h_input_tokens ?? 0,
    },
    output_tokens: fields.output_tokens ?? 0,
    server_tool_use: { web_search_requests: 0 },
  };
}

/** A cost row as the cost report sends it when grouped by workspace and description. */
export function costRow(fields: {
  amount: string;
  workspace_id: string | null;
  description: string;
  cost_type?: string;
  model?: string | null;
  token_type?: string | null;
  currency?: string;
}) {
  return {
    amount: fields.amount,
    currency: fields.currency ?? 'USD',
    workspace_id: fields.workspace_id,
    description: fields.description,
    cost_type: fields.cost_type ?? 'tokens',
    model: fields.model ?? null,
    token_type: fields.token_type ?? null,
    context_window: fields.model ? '0-200k' : null,
    service_tier: fields.model ? 'standard' : null,
    inference_geo: fields.model ? 'global' : null,
  };
}

/** A daily bucket. */
export function bucket<T>(day: string, results: T[]) {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  return {
    starting_at: `${day}T00:00:00Z`,
    ending_at: next.toISOString().replace('.000Z', 'Z'),
    results,
  };
}

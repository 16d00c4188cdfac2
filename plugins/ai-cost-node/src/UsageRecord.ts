import type { AiSpendCategory } from '@ai-cost/plugin-ai-cost-common';

/**
 * The one schema every billing source maps onto (FOCUS-aligned). Money is in
 * integer micro-units (1e-6) of `currency`; token counts follow the semantics
 * below whatever the provider calls them.
 *
 * @public
 */
export interface UsageRecord {
  /** UTC day of the bucket, `YYYY-MM-DD`. Daily is the unit of truth. */
  date: string;
  /** Optional hour 0–23 of the bucket, for hourly sources. */
  hour?: number | null;
  /** Billing account, AWS linked account, Azure subscription. */
  accountId?: string | null;
  /**
   * Project-like scope: OpenAI project, Anthropic workspace (`default` for the
   * default workspace), GCP project.
   */
  projectId?: string | null;
  /** Resource id (Azure), matched by prefix. */
  resourceId?: string | null;
  apiKeyId?: string | null;
  userId?: string | null;
  region?: string | null;
  serviceTier?: string | null;
  /** Provider tags / labels / gateway attributes. */
  tags?: Record<string, string> | null;
  /** Provider model id as billed; null for spend no model explains. */
  model?: string | null;
  /** Provider line item / SKU / usage type, when cost comes from a cost endpoint. */
  lineItem?: string | null;
  /**
   * The kind of AI spend when the source knows better than its provider
   * kind (a cloud bill's GPU compute is `self-hosted`): `model-api`,
   * `cloud-ai`, `self-hosted`, `subscription` or `expense`.
   */
  category?: AiSpendCategory | null;
  /** Uncached input tokens (excludes cache reads and cache writes). */
  inputTokens?: number;
  /** Input tokens read from the prompt cache. */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache, whatever their cache lifetime. */
  cacheWriteTokens?: number;
  /**
   * Of `cacheWriteTokens`, those written with a 1-hour lifetime (Anthropic
   * `ephemeral_1h`), priced higher than 5-minute writes. Already counted in
   * `cacheWriteTokens`; never more than it.
   */
  cacheWrite1hTokens?: number;
  /** Output tokens, including reasoning tokens. */
  outputTokens?: number;
  /** Reasoning tokens (already counted in outputTokens). */
  reasoningTokens?: number;
  requests?: number;
  /** Cost in micro-units of `currency`; the billed figure when `costKind` is `billed`. */
  cost: number;
  /**
   * ISO 4217 code, upper case: the billed currency. Amounts in another
   * currency than `aiCost.currency` are converted on the way into the store
   * at the usage day's rate (DESIGN §9.3), and the original is kept.
   */
  currency: string;
  /**
   * A rate the bill itself states for `currency`: units of `aiCost.currency`
   * per one unit of `currency`. Beats configured and imported rates; ignored
   * when `currency` is `aiCost.currency`.
   */
  exchangeRate?: number;
  /** `billed`: the provider said so; `estimated`: priced by us. */
  costKind: 'billed' | 'estimated';
  /**
   * What the usage would cost at list prices, in micro-units; null when the
   * model could not be priced. Used to reconcile billed against estimated.
   */
  estimatedCost?: number | null;
  /** True when the record has tokens for a model no price is known for. */
  unpriced?: boolean;
}

/** A window of whole UTC days, both ends inclusive. @public */
export interface UsageWindow {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to: string;
}

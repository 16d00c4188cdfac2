import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import type { DetectedRecommendation } from '../database';

/** Attributed usage of one day (one model of one entity); money in micro-units. */
export interface UsageDay {
  date: string;
  /** Attributed cost: billed where the provider billed it, else our estimate. */
  cost: number;
  /** Uncached input tokens. */
  inputTokens: number;
  /** Cache reads. */
  cachedInputTokens: number;
  /** Cache writes. */
  cacheWriteTokens: number;
  /** Output tokens, reasoning included. */
  outputTokens: number;
  reasoningTokens: number;
  requests: number;
}

/** The daily usage of one provider model by one entity, days ascending. */
export interface ModelSeries {
  entityRef: string;
  provider: string;
  model: string;
  days: UsageDay[];
}

/** Where the rules look: the 30 days up to `asOf` (yesterday) and before. */
export interface RuleContext {
  /** Last complete day evaluated. */
  asOf: string;
  pricing: PricingService;
  currency: string;
}

/** What a rule found; money in micro-units. */
export type Finding = DetectedRecommendation;

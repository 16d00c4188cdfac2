import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import type { NormalizedPushEvent } from './events';
import { pricingProviderOf } from './providers';

/** A pushed event with the cost it is stored with. */
export interface PricedPushEvent extends NormalizedPushEvent {
  /** Micro-units of `currency`: the given cost, or our estimate, or 0 when unpriced. */
  cost: number;
  currency: string;
  /** `billed` when the gateway reported the cost, else `estimated`. */
  costKind: 'billed' | 'estimated';
  /** List-price estimate; null when the model cannot be priced. */
  estimatedCost: number | null;
  /** No cost was given and none could be estimated: not free, unknown. */
  unpriced: boolean;
}

/** List-price estimate of an event in the reporting currency, or null. */
export function estimateEvent(
  event: NormalizedPushEvent,
  pricing: PricingService,
  currency: string,
): number | null {
  if (!event.model || !event.upstreamProvider) return null;
  const result = pricing.price({
    provider: pricingProviderOf(event.upstreamProvider),
    model: event.model,
    date: event.date,
    inputTokens: event.inputTokens,
    cachedInputTokens: event.cachedInputTokens,
    cacheWriteTokens: event.cacheWriteTokens,
    outputTokens: event.outputTokens,
    requests: event.requests,
  });
  if (!result.priced || result.currency.toUpperCase() !== currency) {
    return null;
  }
  return result.cost;
}

/**
 * Prices an event: a cost the gateway gave is billed, in the currency it
 * was given in (converted into aiCost.currency when stored); otherwise the
 * pricing service estimates it by the upstream provider, model and day, and
 * a model it does not know leaves the event unpriced (cost 0, flagged),
 * never free.
 */
export function pricePushEvent(
  event: NormalizedPushEvent,
  pricing: PricingService,
  currency: string,
): PricedPushEvent {
  const estimate = estimateEvent(event, pricing, currency);
  if (event.givenCost !== null) {
    const billedIn = event.givenCurrency?.code ?? currency;
    return {
      ...event,
      cost: event.givenCost,
      currency: billedIn,
      costKind: 'billed',
      // The estimate is in aiCost.currency: a cost given in another
      // currency has none (both are converted alike when stored).
      estimatedCost: billedIn === currency ? estimate : null,
      unpriced: false,
    };
  }
  return {
    ...event,
    cost: estimate ?? 0,
    currency,
    costKind: 'estimated',
    estimatedCost: estimate,
    unpriced: estimate === null,
  };
}

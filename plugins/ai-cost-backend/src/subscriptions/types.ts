import type { SubscriptionPeriod } from '@ai-cost/plugin-ai-cost-common';

/** A subscription (DESIGN §9.3), read and validated; entity refs lower-case in full. */
export interface Subscription {
  id: string;
  /** `config` subscriptions come from app-config; `portal` ones are stored. */
  source: 'config' | 'portal';
  vendor: string;
  product: string;
  /** Per period, decimal, in `currency`. */
  amount: number;
  /** `amount` in micro-units. */
  amountMicros: number;
  currency: string;
  period: SubscriptionPeriod;
  start: string;
  /** Last day billed, inclusive. */
  end?: string;
  seats?: number;
  /** All of the cost goes to this entity. */
  entityRef?: string;
  /** The cost splits by each group's member count; sorted, no repeats. */
  groups?: string[];
  activeSeatsMetric?: string;
}

/** The provider kind and source id subscription spend is ingested under. */
export const SUBSCRIPTION_PROVIDER = 'subscription';
export const SUBSCRIPTION_SOURCE_ID = 'subscriptions';

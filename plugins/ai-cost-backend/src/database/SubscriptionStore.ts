import type { Subscription } from '../subscriptions/types';

/** A portal-managed subscription as stored, with who changed it last. */
export interface StoredSubscription {
  subscription: Subscription;
  updatedBy: string;
  updatedAt: string;
}

/** Subscriptions managed in the portal (DESIGN §9.3); config ones are never stored. */
export interface SubscriptionStore {
  /** Every portal subscription, by id. */
  list(): Promise<StoredSubscription[]>;
  /** Creates or replaces a subscription. */
  put(
    subscription: Subscription,
    updatedBy: string,
    at: Date,
  ): Promise<{ created: boolean }>;
  /** Whether there was one to remove. */
  delete(id: string): Promise<boolean>;
}

import type {
  AiCostProvider,
  UsageRecord,
  UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import { amortize } from './amortize';
import {
  SUBSCRIPTION_PROVIDER,
  SUBSCRIPTION_SOURCE_ID,
  type Subscription,
} from './types';

/**
 * The `subscriptions` source (provider kind `subscription`): every
 * subscription's amount amortised per day (see {@link amortize}), one record
 * per subscription and day under `projectId` = the subscription id, which
 * the subscription's split rule gives to its entity or groups.
 */
export class SubscriptionUsageProvider implements AiCostProvider {
  readonly id = SUBSCRIPTION_SOURCE_ID;
  readonly provider = SUBSCRIPTION_PROVIDER;
  /** Cheap to compute: every run re-reads the backfill window, so an earlier start shows. */
  readonly rereadsHistory = true;

  constructor(private readonly subscriptions: () => Promise<Subscription[]>) {}

  async fetchUsage(window: UsageWindow): Promise<UsageRecord[]> {
    const records: UsageRecord[] = [];
    for (const subscription of await this.subscriptions()) {
      for (const day of amortize(subscription, window)) {
        records.push({
          date: day.date,
          projectId: subscription.id,
          lineItem: `${subscription.vendor} ${subscription.product}`,
          tags: { vendor: subscription.vendor, product: subscription.product },
          model: null,
          cost: day.cost,
          currency: subscription.currency,
          costKind: 'billed',
        });
      }
    }
    return records;
  }
}

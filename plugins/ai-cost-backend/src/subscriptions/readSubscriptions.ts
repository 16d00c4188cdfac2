import type { Config } from '@backstage/config';
import { subscriptionIdSchema } from '@ai-cost/plugin-ai-cost-common';
import { parseSubscription, SubscriptionFieldError } from './parseSubscription';
import type { Subscription } from './types';

const KEY = 'aiCost.subscriptions';

/**
 * Reads `aiCost.subscriptions`; every bad value fails start-up naming its
 * full key, e.g. `aiCost.subscriptions[2].period: expected month or year`.
 */
export function readSubscriptions(config?: Config): Subscription[] {
  const value = config?.getOptional(KEY) ?? [];
  if (!Array.isArray(value)) {
    throw new Error(`${KEY}: must be a list of subscriptions`);
  }
  const subscriptions: Subscription[] = [];
  value.forEach((item, index) => {
    const key = `${KEY}[${index}]`;
    const rawId =
      typeof item === 'object' && item !== null && !Array.isArray(item)
        ? (item as { id?: unknown }).id
        : undefined;
    if (rawId === undefined) {
      throw new Error(`${key}.id: is required (e.g. copilot-business)`);
    }
    const id = subscriptionIdSchema.safeParse(rawId);
    if (!id.success) {
      throw new Error(`${key}.id: ${id.error.issues[0].message}`);
    }
    if (subscriptions.some(s => s.id === id.data)) {
      throw new Error(
        `${key}.id: ${JSON.stringify(
          id.data,
        )} is already the id of another subscription`,
      );
    }
    try {
      subscriptions.push(parseSubscription(item, id.data, 'config'));
    } catch (error) {
      if (error instanceof SubscriptionFieldError) {
        throw new Error(`${key}.${error.field}: ${error.problem}`);
      }
      throw error;
    }
  });
  return subscriptions;
}

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  microsFromNumber,
  subscriptionInputSchema,
  type SubscriptionInput,
} from '@ai-cost/plugin-ai-cost-common';
import type { z } from 'zod';
import type { Subscription } from './types';

function normalizeRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

/** A subscription field that parses but makes no sense. */
export class SubscriptionFieldError extends Error {
  constructor(readonly field: string, readonly problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'SubscriptionFieldError';
  }
}

/** `a[0].b` of a zod issue path. */
export function fieldPath(path: Array<string | number>): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      return i === 0 ? part : `.${part}`;
    })
    .join('');
}

/**
 * Checks a subscription as written (config or a `PUT` body); throws
 * {@link SubscriptionFieldError} naming the first field that is wrong.
 */
export function parseSubscription(
  value: unknown,
  id: string,
  source: Subscription['source'],
): Subscription {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SubscriptionFieldError(
      'subscription',
      'must be an object with vendor, product, amount, currency, period and start',
    );
  }
  const parsed = (
    subscriptionInputSchema as z.ZodType<SubscriptionInput>
  ).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SubscriptionFieldError(
      fieldPath(issue.path) || 'subscription',
      issue.message,
    );
  }
  const input = parsed.data;
  if (input.id !== undefined && input.id !== id) {
    throw new SubscriptionFieldError(
      'id',
      `${JSON.stringify(
        input.id,
      )} differs from the subscription id ${JSON.stringify(id)}`,
    );
  }
  let groups: string[] | undefined;
  if (input.groups) {
    groups = [...new Set(input.groups.map(normalizeRef))].sort();
    if (groups.length !== input.groups.length) {
      throw new SubscriptionFieldError('groups', 'name a group twice');
    }
  }
  return {
    id,
    source,
    vendor: input.vendor,
    product: input.product,
    amount: input.amount,
    amountMicros: microsFromNumber(input.amount),
    currency: input.currency,
    period: input.period,
    start: input.start,
    ...(input.end !== undefined ? { end: input.end } : {}),
    ...(input.seats !== undefined ? { seats: input.seats } : {}),
    ...(input.entityRef !== undefined
      ? { entityRef: normalizeRef(input.entityRef) }
      : {}),
    ...(groups ? { groups } : {}),
    ...(input.activeSeatsMetric !== undefined
      ? { activeSeatsMetric: input.activeSeatsMetric }
      : {}),
  };
}

/** What a subscription is stored and shown as: the input fields, decimal amount. */
export function subscriptionBody(
  subscription: Subscription,
): SubscriptionInput {
  const { source: _source, amountMicros: _micros, ...body } = subscription;
  return body;
}

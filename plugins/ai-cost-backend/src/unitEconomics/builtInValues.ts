import type { BuiltInMetric } from '@ai-cost/plugin-ai-cost-common';
import { tokensOf, type UsageAmounts } from '../attribution/usageAmounts';

/** Unit costs of `tokens` are per this many tokens. */
export const TOKENS_PER_UNIT_COST = 1000;

/** How many units a unit cost is for: 1,000 for tokens, else 1. */
export function perOf(metric: string): number {
  return metric === 'tokens' ? TOKENS_PER_UNIT_COST : 1;
}

/** Rows of usage amounts with the allocation tags they carry. */
type TaggedAmounts = Omit<UsageAmounts, 'estimatedOnly' | 'reasoningTokens'> & {
  allocationTags: string;
};

/**
 * A built-in metric (DESIGN §9.2) of some usage rows, in micro-units:
 * requests, tokens, or the distinct `customer` values with spend.
 */
export function builtInValueMicros(
  metric: BuiltInMetric,
  rows: readonly TaggedAmounts[],
): number {
  if (metric === 'customers') {
    const customers = new Set<string>();
    for (const row of rows) {
      const customer = customerOf(row.allocationTags);
      if (customer !== undefined && row.cost !== 0) customers.add(customer);
    }
    return customers.size * 1_000_000;
  }
  let sum = 0;
  for (const row of rows) {
    sum += metric === 'requests' ? row.requests : tokensOf(row);
  }
  return sum * 1_000_000;
}

function customerOf(allocationTags: string): string | undefined {
  return (JSON.parse(allocationTags) as Record<string, string>).customer;
}

/** Summable quantities of usage; money in micro-units. */
export interface UsageAmounts {
  cost: number;
  /** The part of `cost` that is our estimate rather than a billed figure. */
  estimatedOnly: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  requests: number;
}

/** Every key of {@link UsageAmounts}. */
export const AMOUNT_KEYS: Array<keyof UsageAmounts> = [
  'cost',
  'estimatedOnly',
  'inputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
  'outputTokens',
  'reasoningTokens',
  'requests',
];

/** Zero of every amount. */
export function emptyAmounts(): UsageAmounts {
  return {
    cost: 0,
    estimatedOnly: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 0,
  };
}

/** Adds every amount of `amounts` to `target`. */
export function addAmounts(target: UsageAmounts, amounts: UsageAmounts): void {
  for (const key of AMOUNT_KEYS) target[key] += amounts[key];
}

/**
 * Rows of amounts summed per value of the `groupBy` columns, into new rows
 * of those columns and the amounts (`originalCost` too when the rows have
 * it); other columns are left out and the input rows are not changed.
 */
export function sumAmountRows<
  K extends string,
  R extends Record<K, unknown> & UsageAmounts & { originalCost?: number },
>(rows: Iterable<R>, groupBy: K[]): R[] {
  const sums = new Map<string, R>();
  for (const row of rows) {
    const key = groupBy.map(column => String(row[column])).join('\u0000');
    let sum = sums.get(key);
    if (!sum) {
      const fresh: Record<string, unknown> = { ...emptyAmounts() };
      for (const column of groupBy) fresh[column] = row[column];
      if (row.originalCost !== undefined) fresh.originalCost = 0;
      sum = fresh as R;
      sums.set(key, sum);
    }
    addAmounts(sum, row);
    if (row.originalCost !== undefined) {
      sum.originalCost = (sum.originalCost ?? 0) + row.originalCost;
    }
  }
  return [...sums.values()];
}

/** Every token of some usage: input (uncached, cached, cache writes) and output. */
export function tokensOf(
  amounts: Pick<
    UsageAmounts,
    'inputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'outputTokens'
  >,
): number {
  return (
    amounts.inputTokens +
    amounts.cachedInputTokens +
    amounts.cacheWriteTokens +
    amounts.outputTokens
  );
}

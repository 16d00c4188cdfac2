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

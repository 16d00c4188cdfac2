/**
 * Usage that costs nothing is usage no price was found for: sources store an
 * unknown model as unpriced with cost 0, never as free. Such a row is shown
 * as "unpriced", not as `$0.00`.
 */
export function isUnpriced(usage: {
  cost: number;
  requests: number;
  tokens: number;
}): boolean {
  return usage.cost === 0 && (usage.requests > 0 || usage.tokens > 0);
}

export const UNPRICED_LABEL = 'unpriced';

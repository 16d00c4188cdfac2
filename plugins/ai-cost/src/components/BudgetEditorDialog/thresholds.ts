/** Most thresholds a budget may have (the API's limit). */
export const MAX_THRESHOLDS = 10;

/** Fractions as the percentages people type: `[0.5, 0.8, 1]` → `50, 80, 100`. */
export function thresholdsToText(fractions: number[]): string {
  return fractions.map(f => String(Number((f * 100).toFixed(4)))).join(', ');
}

/**
 * Percentages typed as a list (`50, 80, 100`, `50% 80%`) → sorted, distinct
 * fractions (`[0.5, 0.8, 1]`), or the reason they cannot be used.
 */
export function parseThresholds(
  text: string,
): { fractions: number[] } | { error: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map(part => part.replace(/%$/, ''))
    .filter(Boolean);
  if (parts.length === 0) {
    return { error: 'Enter at least one percentage, e.g. 50, 80, 100' };
  }
  const fractions = new Set<number>();
  for (const part of parts) {
    const pct = Number(part);
    if (!Number.isFinite(pct) || pct <= 0) {
      return { error: `"${part}" is not a percentage greater than 0` };
    }
    if (pct > 1000) {
      return { error: `${part}% is more than 1000%` };
    }
    fractions.add(Number((pct / 100).toFixed(6)));
  }
  if (fractions.size > MAX_THRESHOLDS) {
    return { error: `Enter at most ${MAX_THRESHOLDS} thresholds` };
  }
  return { fractions: [...fractions].sort((a, b) => a - b) };
}

/** A budget amount as typed → a positive number, or the reason it cannot be used. */
export function parseAmount(
  text: string,
): { amount: number } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: 'Enter the budget amount' };
  const amount = Number(trimmed);
  if (!Number.isFinite(amount)) return { error: 'Enter a number' };
  if (amount <= 0) return { error: 'The budget must be greater than 0' };
  if (amount < 0.01) return { error: 'The budget must be at least 0.01' };
  if (amount > 1e12) return { error: 'The budget must be at most 1e12' };
  return { amount: Math.round(amount * 1e6) / 1e6 };
}

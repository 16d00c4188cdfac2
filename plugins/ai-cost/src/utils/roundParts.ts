/** An amount in cents, kept to the micro-unit the API rounds to. */
function toCents(amount: number): number {
  return Math.round(amount * 1e6) / 1e4;
}

/** Whole cents back to an amount; a part that is not zero but rounds to zero keeps its value. */
function shownAmount(part: number, cents: number): number {
  return cents === 0 && part !== 0 ? part : cents / 100;
}

/**
 * Rounds amounts shown beside their total to cents once, so the shown parts
 * add up to the shown total: every part is rounded down, and the cents still
 * missing go to the parts with the largest remainders. `total` defaults to
 * the sum of the parts; when the parts do not add up to it (some spend is
 * not among them), each part is rounded on its own. A part that is not zero
 * but rounds to zero keeps its exact value, so it shows as `$0.0042`, not as
 * free.
 */
export function roundPartsToTotal(parts: number[], total?: number): number[] {
  const exact = parts.map(toCents);
  const exactSum = exact.reduce((a, b) => a + b, 0);
  const exactTotal = total === undefined ? exactSum : toCents(total);
  const floors = exact.map(value => Math.floor(value));
  let missing = Math.round(exactTotal) - floors.reduce((a, b) => a + b, 0);
  if (
    Math.abs(exactTotal - exactSum) >= 1 ||
    missing < 0 ||
    missing > parts.length
  ) {
    return parts.map(part => shownAmount(part, Math.round(toCents(part))));
  }
  const cents = [...floors];
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - floors[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing === 0) break;
    cents[index] += 1;
    missing -= 1;
  }
  return cents.map((cent, index) => shownAmount(parts[index], cent));
}

/**
 * Shares of a total as ratios rounded to a tenth of a percent that add up
 * to exactly 100% (largest remainder), as `formatShare` shows them. Parts
 * that are negative, or a total that is not positive, get plain shares:
 * there is no whole to divide then.
 */
export function roundSharesToWhole(parts: number[]): number[] {
  const total = parts.reduce((a, b) => a + b, 0);
  if (total <= 0 || parts.some(part => part < 0)) {
    return parts.map(part => (total > 0 ? part / total : 0));
  }
  const exact = parts.map(part => (part / total) * 1000);
  const tenths = exact.map(value => Math.floor(value));
  let missing = 1000 - tenths.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - tenths[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    tenths[index] += 1;
    missing -= 1;
  }
  return tenths.map(value => value / 1000);
}

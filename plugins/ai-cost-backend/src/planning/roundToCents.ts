/** Micro-units per cent. */
const CENT = 10_000;

/** An amount rounded to the nearest whole cent, micro-units in and out. */
export function toCents(micros: number): number {
  return Math.round(micros / CENT) * CENT;
}

/**
 * Rounds parts of a total to whole cents once, so the rounded parts add up
 * to the rounded total (largest remainder): the total of the exact parts is
 * rounded to the nearest cent, every part is rounded down, and the cents
 * still missing go to the parts with the largest remainders (the first on a
 * tie). Micro-units in and out.
 */
export function roundToCents(parts: readonly number[]): number[] {
  const exactTotal = parts.reduce((a, b) => a + b, 0);
  const floors = parts.map(part => Math.floor(part / CENT));
  let missing =
    Math.round(exactTotal / CENT) - floors.reduce((a, b) => a + b, 0);
  const byRemainder = parts
    .map((part, index) => ({ index, remainder: part - floors[index] * CENT }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const cents = [...floors];
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    cents[index] += 1;
    missing -= 1;
  }
  return cents.map(cent => cent * CENT);
}

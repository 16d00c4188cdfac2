/** The sum of the rows' costs. */
export function sumCost(rows: Iterable<{ cost: number }>): number {
  let total = 0;
  for (const row of rows) total += row.cost;
  return total;
}

/** Sort order: largest cost first. */
export function byCostDesc<T extends { cost: number }>(a: T, b: T): number {
  return b.cost - a.cost;
}

/** `part / whole` to four decimals (a share or a coverage); `whole` must not be 0. */
export function fractionOf(part: number, whole: number): number {
  return Math.round((part / whole) * 1e4) / 1e4;
}

/** The allocated share of some spend; 1 when there is nothing to allocate. */
export function coverageOf(allocated: number, total: number): number {
  return total === 0 ? 1 : fractionOf(allocated, total);
}

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

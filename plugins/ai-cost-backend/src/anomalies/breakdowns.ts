import { allocateMicros } from '@ai-cost/plugin-ai-cost-common';

/** Dimensions a spend change can be explained by. */
export type RootCauseDimension =
  | 'model'
  | 'apiKey'
  | 'tokenType'
  | 'child'
  | 'provider';

/** Spend of one key of one dimension, integer micro-units. */
export interface BreakdownRow {
  dimension: RootCauseDimension;
  key: string;
  cost: number;
}

/** A {@link BreakdownRow} of one day. */
export interface DatedBreakdownRow extends BreakdownRow {
  date: string;
}

function rowKey(row: BreakdownRow): string {
  return `${row.dimension}\u0000${row.key}`;
}

function addRow(
  into: Map<string, BreakdownRow>,
  row: BreakdownRow,
  cost: number,
) {
  const key = rowKey(row);
  const existing = into.get(key);
  if (existing) existing.cost += cost;
  else into.set(key, { dimension: row.dimension, key: row.key, cost });
}

/** Sums dated rows over some days (e.g. an anomaly's window) per dimension and key. */
export function sumBreakdown(
  rows: readonly DatedBreakdownRow[],
  dates: Iterable<string>,
): BreakdownRow[] {
  const wanted = new Set(dates);
  const sums = new Map<string, BreakdownRow>();
  for (const row of rows) {
    if (wanted.has(row.date)) addRow(sums, row, row.cost);
  }
  return [...sums.values()];
}

/**
 * The expected breakdown of an anomalous window: for each window day, the
 * per-day average of its baseline days (a missing row counts as 0, so a key
 * present on one of four baseline days contributes a quarter), summed over
 * the window days and rounded to whole micro-units. Pass the
 * `baselineDates` of each day of the anomaly.
 */
export function baselineBreakdown(
  rows: readonly DatedBreakdownRow[],
  baselineDatesPerDay: ReadonlyArray<readonly string[]>,
): BreakdownRow[] {
  const weightOf = new Map<string, number>();
  for (const dates of baselineDatesPerDay) {
    for (const date of dates) {
      weightOf.set(date, (weightOf.get(date) ?? 0) + 1 / dates.length);
    }
  }
  const sums = new Map<string, BreakdownRow>();
  for (const row of rows) {
    const weight = weightOf.get(row.date);
    if (weight !== undefined) addRow(sums, row, row.cost * weight);
  }
  return [...sums.values()].map(r => ({ ...r, cost: Math.round(r.cost) }));
}

/**
 * The baseline restated so that each dimension's keys add up to the
 * anomaly's own `expected` (micro-units, largest remainder): the baseline
 * breakdown averages the baseline days while the detector's expected is a
 * robust weekday median, and a root cause must not show a different
 * expected than the anomaly it explains. The keys keep their proportions; a
 * dimension without baseline spend is left as it is.
 */
export function scaleBaseline(
  baseline: readonly BreakdownRow[],
  expected: number,
): BreakdownRow[] {
  const byDimension = new Map<RootCauseDimension, BreakdownRow[]>();
  for (const row of baseline) {
    byDimension.set(row.dimension, [
      ...(byDimension.get(row.dimension) ?? []),
      row,
    ]);
  }
  return [...byDimension.values()].flatMap(rows => {
    if (!rows.some(row => row.cost > 0)) return rows;
    const costs = allocateMicros(
      expected,
      rows.map(row => row.cost),
    );
    return rows.map((row, i) => ({ ...row, cost: costs[i] }));
  });
}

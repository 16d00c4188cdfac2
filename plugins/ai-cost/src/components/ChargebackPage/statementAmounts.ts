import type { ChargebackStatement } from '@ai-cost/plugin-ai-cost-common';
import { roundPartsToTotal } from '../../utils/roundParts';

/** The amounts of a statement as shown: rounded to cents so the parts add up to the totals. */
export interface ShownStatementAmounts {
  /** The cost of each line, in the order of `statement.lines`. */
  lines: number[];
  unallocated: number;
  total: number;
  /** The adjustments of each line, in their order. */
  lineAdjustments: number[][];
  unallocatedAdjustments: number[];
  adjustmentsTotal: number;
  /** What the statement charges in all: total plus adjustments. */
  totalWithAdjustments: number;
}

/** Splits `values` into consecutive groups of the given sizes. */
function regroup(values: number[], sizes: number[]): number[][] {
  let start = 0;
  return sizes.map(size => {
    const group = values.slice(start, start + size);
    start += size;
    return group;
  });
}

/**
 * Rounds a statement's exact amounts once: the line costs and unallocated
 * spend to the shown total, every adjustment to the shown adjustments total.
 */
export function shownStatementAmounts(
  statement: ChargebackStatement,
): ShownStatementAmounts {
  const costs = roundPartsToTotal(
    [...statement.lines.map(line => line.cost), statement.unallocated],
    statement.total,
  );
  const [total] = roundPartsToTotal([statement.total]);
  const sizes = [
    ...statement.lines.map(line => line.adjustments.length),
    statement.unallocatedAdjustments.length,
  ];
  const adjustments = roundPartsToTotal(
    [
      ...statement.lines.flatMap(line => line.adjustments.map(a => a.cost)),
      ...statement.unallocatedAdjustments.map(a => a.cost),
    ],
    statement.adjustmentsTotal,
  );
  const [adjustmentsTotal] = roundPartsToTotal([statement.adjustmentsTotal]);
  const grouped = regroup(adjustments, sizes);
  return {
    lines: costs.slice(0, -1),
    unallocated: costs[costs.length - 1],
    total,
    lineAdjustments: grouped.slice(0, -1),
    unallocatedAdjustments: grouped[grouped.length - 1],
    adjustmentsTotal,
    totalWithAdjustments: Math.round((total + adjustmentsTotal) * 100) / 100,
  };
}

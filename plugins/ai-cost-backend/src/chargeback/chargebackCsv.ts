import {
  csvLine,
  microsFromNumber,
  microsToDecimalString,
  type ChargebackStatement,
} from '@ai-cost/plugin-ai-cost-common';

const HEADER = [
  'month',
  'status',
  'kind',
  'entity_ref',
  'cost_center',
  'cost',
  'currency',
  'restated_month',
  'reason',
];

/**
 * A statement as CSV for finance: a `charge` row per line, an `adjustment`
 * row per restatement booked on it, and the `unallocated` spend with its
 * adjustments. The cost column sums to `total + adjustmentsTotal`.
 */
export function chargebackCsv(statement: ChargebackStatement): string {
  const { month, status, currency } = statement;
  const amount = (cost: number) =>
    microsToDecimalString(microsFromNumber(cost));
  const row = (
    kind: string,
    entityRef: string,
    costCenter: string,
    cost: number,
    restated = '',
    reason = '',
  ) =>
    csvLine([
      month,
      status,
      kind,
      entityRef,
      costCenter,
      amount(cost),
      currency,
      restated,
      reason,
    ]);
  const lines = [csvLine(HEADER)];
  for (const line of statement.lines) {
    const costCenter = line.costCenter ?? '';
    lines.push(row('charge', line.entityRef, costCenter, line.cost));
    for (const adj of line.adjustments) {
      lines.push(
        row(
          'adjustment',
          line.entityRef,
          costCenter,
          adj.cost,
          adj.month,
          adj.reason,
        ),
      );
    }
  }
  lines.push(row('unallocated', '', '', statement.unallocated));
  for (const adj of statement.unallocatedAdjustments) {
    lines.push(row('adjustment', '', '', adj.cost, adj.month, adj.reason));
  }
  return lines.join('');
}

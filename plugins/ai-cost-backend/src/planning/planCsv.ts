import {
  csvLine,
  microsFromNumber,
  microsToDecimalString,
  type PlanMonth,
  type YearPlanResponse,
} from '@ai-cost/plugin-ai-cost-common';

const HEADER = [
  'year',
  'month',
  'kind',
  'entity_ref',
  'amount',
  'low',
  'high',
  'budget',
  'budget_period',
  'currency',
];

/**
 * A year's plan as CSV: a row per team and month, then the unallocated
 * spend's months (empty `entity_ref`). Each month's `amount` column sums to
 * the plan's total of that month, and the whole column to the year's total;
 * a `no-data` month (before any history) has an empty `amount`.
 */
export function planCsv(plan: YearPlanResponse): string {
  const amount = (value: number | null) =>
    value === null ? '' : microsToDecimalString(microsFromNumber(value));
  const row = (
    entityRef: string,
    month: PlanMonth,
    budget: YearPlanResponse['teams'][number]['budget'],
  ) =>
    csvLine([
      plan.year,
      month.month,
      month.kind,
      entityRef,
      amount(month.amount),
      amount(month.low),
      amount(month.high),
      amount(budget?.amount ?? null),
      budget?.period ?? '',
      plan.currency,
    ]);
  const lines = [csvLine(HEADER)];
  for (const team of plan.teams) {
    for (const month of team.months) {
      lines.push(row(team.entityRef, month, team.budget));
    }
  }
  for (const month of plan.unallocated.months) {
    lines.push(row('', month, null));
  }
  return lines.join('');
}

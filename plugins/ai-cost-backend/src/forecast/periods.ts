import { addDays } from '@ai-cost/plugin-ai-cost-common';

/** The calendar periods a budget can run over. */
export type BudgetPeriod = 'month' | 'quarter';

/** An inclusive range of `YYYY-MM-DD` UTC days. */
export interface DayRange {
  start: string;
  end: string;
}

function firstOfMonth(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}

/**
 * The calendar month or quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec, UTC)
 * that contains `day`, e.g. `periodOf('2024-02-10', 'quarter')` is
 * `{ start: '2024-01-01', end: '2024-03-31' }`.
 */
export function periodOf(day: string, period: BudgetPeriod): DayRange {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const startMonth = period === 'month' ? month : month - ((month - 1) % 3);
  const length = period === 'month' ? 1 : 3;
  return {
    start: firstOfMonth(year, startMonth),
    end: addDays(firstOfMonth(year, startMonth + length), -1),
  };
}

/** The last day of the month or quarter that contains `day`. */
export function periodEndsOn(day: string, period: BudgetPeriod): string {
  return periodOf(day, period).end;
}

import {
  addDays,
  daysInclusive,
  eachDay,
} from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';

/** What amortisation needs of a subscription; money in integer micro-units. */
export interface AmortizedSubscription {
  /** Per period, micro-units of the subscription's currency. */
  amountMicros: number;
  period: 'month' | 'year';
  /** First day billed, `YYYY-MM-DD`. */
  start: string;
  /** Last day billed (inclusive); open-ended when absent. */
  end?: string;
}

/** The cost of one day of a subscription, micro-units. */
export interface AmortizedDay {
  date: string;
  cost: number;
}

/**
 * The `index`-th (0-based) of `days` equal parts of `total` micro-units by
 * largest remainder: every part is `floor(total / days)`, and the remainder's
 * micro-units go one each to the first days, so the parts sum to `total`.
 */
export function evenShare(total: number, days: number, index: number): number {
  const base = Math.floor(total / days);
  return base + (index < total - base * days ? 1 : 0);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * `day` moved by whole years; the 29th of February becomes the 28th in a
 * year without one.
 */
export function addYears(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) + years;
  const month = Number(day.slice(5, 7));
  const date = Math.min(Number(day.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${day.slice(5, 7)}-${String(
    date,
  ).padStart(2, '0')}`;
}

/**
 * The cost of one day of a subscription (0 outside `start..end`).
 *
 * - Monthly: the amount is spread over the days of the calendar month the
 *   day falls in (28, 29, 30 or 31) by largest remainder, so a full month
 *   sums to exactly the amount. A first or last month the subscription only
 *   partly covers (it starts mid-month, or `end` is mid-month) gets the
 *   days it covers of that same split: about amount × covered days / days
 *   in the month, and never a micro-unit more than the whole-month split.
 * - Yearly: the amount is spread by largest remainder over the 365 or 366
 *   days of the subscription year the day falls in; subscription years run
 *   from `start` to the day before its anniversary, so each sums to exactly
 *   the amount; a year cut short by `end` gets the days it covers.
 */
export function costOfDay(
  subscription: AmortizedSubscription,
  day: string,
): number {
  const { amountMicros, period, start, end } = subscription;
  if (day < start || (end !== undefined && day > end)) return 0;
  if (period === 'month') {
    const year = Number(day.slice(0, 4));
    const month = Number(day.slice(5, 7));
    return evenShare(
      amountMicros,
      daysInMonth(year, month),
      Number(day.slice(8, 10)) - 1,
    );
  }
  let years = Number(day.slice(0, 4)) - Number(start.slice(0, 4));
  if (addYears(start, years) > day) years -= 1;
  const yearStart = addYears(start, years);
  const yearDays = daysInclusive(
    yearStart,
    addDays(addYears(start, years + 1), -1),
  );
  return evenShare(amountMicros, yearDays, daysInclusive(yearStart, day) - 1);
}

/** The cost of every day of the window the subscription covers, days ascending. */
export function amortize(
  subscription: AmortizedSubscription,
  window: UsageWindow,
): AmortizedDay[] {
  const from =
    window.from > subscription.start ? window.from : subscription.start;
  const to =
    subscription.end !== undefined && subscription.end < window.to
      ? subscription.end
      : window.to;
  if (from > to) return [];
  return eachDay(from, to)
    .map(date => ({ date, cost: costOfDay(subscription, date) }))
    .filter(day => day.cost > 0);
}

/** The cost of the calendar month `YYYY-MM`: the sum of its days. */
export function monthCost(
  subscription: AmortizedSubscription,
  month: string,
): number {
  const year = Number(month.slice(0, 4));
  const last = daysInMonth(year, Number(month.slice(5, 7)));
  return amortize(subscription, {
    from: `${month}-01`,
    to: `${month}-${String(last).padStart(2, '0')}`,
  }).reduce((sum, day) => sum + day.cost, 0);
}

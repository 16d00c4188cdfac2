import {
  addDays,
  formatMoney,
  type BudgetPeriod,
} from '@ai-cost/plugin-ai-cost-common';
import { dailyLookup, trailingDays, type DailyCost } from '../forecast';

/** Default multiple of the expected spend a suggested budget allows. */
export const DEFAULT_SUGGESTION_HEADROOM = 1.15;

/** Days of recent spend the run rate averages. */
export const RUN_RATE_DAYS = 30;

const MONTHS_PER_PERIOD: Record<BudgetPeriod, number> = {
  month: 1,
  quarter: 3,
};

/** A suggested budget; money in integer micro-units. */
export interface BudgetSuggestion {
  period: BudgetPeriod;
  /** `undefined` without spend to go by; `reason` says why. */
  suggested?: number;
  /** Average daily spend over the known days of the last {@link RUN_RATE_DAYS}. */
  runRate: number;
  /** Spend expected in one period: the month-end forecast, ×3 for a quarter. */
  expected?: number;
  headroom: number;
  basis: string;
  reason?: string;
}

/** Rounded up to two significant digits: 2,674.68 → 2,700; 0.4312 → 0.44 (micro-units in and out). */
export function roundUpToTwoDigits(micros: number): number {
  if (micros <= 0) return 0;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(micros)) - 1);
  return Math.ceil(micros / step - 1e-9) * step;
}

/** "December 2026" for a day of it. */
function monthName(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A budget from the run rate (DESIGN §9.4): the spend expected in a period —
 * the current month's month-end forecast (see `monthForecast`), three times
 * it for a quarter — times `headroom`, rounded up to two significant
 * digits. `recent` is the entity's daily spend (descendants included) up to
 * `asOf`; its average over the last {@link RUN_RATE_DAYS} known days is the
 * run rate the basis reports. No suggestion without a forecast or with one
 * of nothing.
 */
export function budgetSuggestion(options: {
  recent: readonly DailyCost[];
  asOf: string;
  /** Median month-end forecast of the month after `asOf`, micro-units; `undefined` without one. */
  monthForecast: number | undefined;
  period: BudgetPeriod;
  headroom: number;
  currency: string;
}): BudgetSuggestion {
  const { recent, asOf, monthForecast, period, headroom, currency } = options;
  const money = (micros: number) => formatMoney(micros, currency);
  const lookup = dailyLookup(recent);
  const known = trailingDays(asOf, RUN_RATE_DAYS).flatMap(day => {
    const cost = lookup.costOn(day);
    return cost === undefined ? [] : [cost];
  });
  const runRate =
    known.length === 0
      ? 0
      : Math.round(known.reduce((a, b) => a + b, 0) / known.length);
  const base = { period, runRate, headroom };
  const over =
    known.length === 0
      ? `no AI spend recorded in the last ${RUN_RATE_DAYS} days`
      : `last ${known.length} ${known.length === 1 ? 'day' : 'days'}, ${money(
          runRate,
        )}/day`;
  if (monthForecast === undefined || monthForecast <= 0) {
    return {
      ...base,
      basis: `${over[0].toUpperCase()}${over.slice(1)}; no month-end forecast.`,
      reason: `No spend to suggest a budget from: ${over} up to ${asOf}, and the month-end forecast is ${
        monthForecast === undefined ? 'missing' : money(0)
      }.`,
    };
  }
  const expected = monthForecast * MONTHS_PER_PERIOD[period];
  const month = monthName(addDays(asOf, 1));
  const suggested = roundUpToTwoDigits(Math.round(expected * headroom));
  return {
    ...base,
    suggested,
    expected,
    basis: `${over[0].toUpperCase()}${over.slice(1)}, forecast ${money(
      monthForecast,
    )} for ${month}${
      period === 'quarter'
        ? `, three months at that pace ${money(expected)}`
        : ''
    }; × ${headroom} headroom, rounded up to two significant digits: ${money(
      suggested,
    )} per ${period}.`,
  };
}

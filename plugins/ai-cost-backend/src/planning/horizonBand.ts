import { addDays } from '@ai-cost/plugin-ai-cost-common';
import { backtestForecast, periodOf, type DailyCost } from '../forecast';

/** Complete months before the current one whose forecasts are replayed. */
export const BACKTEST_MONTHS = 6;

/** Floor of the one-month error: a backtest of a few calm months understates what a year brings. */
export const MIN_MONTH_ERROR = 0.05;
/** The one-month error before one complete month can be replayed (the forecast's young-series spread). */
export const YOUNG_MONTH_ERROR = 0.25;

/** First day of the series {@link monthError} reads: {@link BACKTEST_MONTHS} months before `asOf`'s month. */
export function backtestStart(asOf: string): string {
  let start = periodOf(asOf, 'month').start;
  for (let i = 0; i < BACKTEST_MONTHS; i++) {
    start = periodOf(addDays(start, -1), 'month').start;
  }
  return start;
}

/**
 * The relative error of a month's forecast made up to a month ahead: the
 * 80th percentile of the absolute errors of the month-end forecasts replayed
 * on the complete months of `series` from {@link backtestStart} up to `asOf`
 * (days 7, 14 and 21, see
 * `backtestForecast`), at least {@link MIN_MONTH_ERROR};
 * {@link YOUNG_MONTH_ERROR} before a complete month. 0.08 is 8%.
 */
export function monthError(series: readonly DailyCost[], asOf: string): number {
  const from = backtestStart(asOf);
  const { p80AbsPctError } = backtestForecast(
    series.filter(day => day.date >= from),
    { lastDay: asOf },
  );
  return p80AbsPctError === undefined
    ? YOUNG_MONTH_ERROR
    : Math.max(MIN_MONTH_ERROR, p80AbsPctError / 100);
}

/**
 * The 80% band of a month `monthsAfter` (≥ 1) months after the current one,
 * in micro-units: errors add up like a random walk, so the one-month error
 * `error` grows with the square root of the months up to the month's end
 * (the current month counts as one, the next month is two):
 * `median × (1 ± error × √(monthsAfter + 1))`, `low` not below 0, and never
 * narrower than the forecast's own band (`low`..`high`).
 */
export function horizonBand(
  forecast: { median: number; low: number; high: number },
  options: { error: number; monthsAfter: number },
): { low: number; high: number } {
  const half =
    forecast.median * options.error * Math.sqrt(options.monthsAfter + 1);
  return {
    low: Math.max(
      0,
      Math.min(forecast.low, Math.round(forecast.median - half)),
    ),
    high: Math.max(forecast.high, Math.round(forecast.median + half)),
  };
}

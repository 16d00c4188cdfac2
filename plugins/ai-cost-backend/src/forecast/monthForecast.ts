import {
  addDays,
  microsToNumber,
  type SpendForecast,
  type SpendForecastMethod,
} from '@ai-cost/plugin-ai-cost-common';
import { backtestForecast } from './backtest';
import type { DailyCost } from './dailySeries';
import {
  forecastPeriod,
  type ForecastDay,
  type PeriodForecast,
} from './forecastPeriod';
import { periodOf, type DayRange } from './periods';

/** How well past month-end forecasts did: mean absolute % error over `samples`. */
export interface ForecastAccuracy {
  meanAbsPctError: number;
  samples: number;
}

/**
 * The accuracy of month-end forecasts replayed on the complete months of
 * `series` up to `lastDay` (days 7, 14 and 21 of each), the error rounded to
 * 0.01%; `undefined` before one complete month.
 */
export function monthForecastAccuracy(
  series: readonly DailyCost[],
  options: { lastDay: string; excludeDates?: ReadonlySet<string> },
): ForecastAccuracy | undefined {
  if (series.length === 0) return undefined;
  const backtest = backtestForecast(series, options);
  return backtest.meanAbsPctError === undefined
    ? undefined
    : {
        meanAbsPctError: Math.round(backtest.meanAbsPctError * 100) / 100,
        samples: backtest.samples.length,
      };
}

/** The current month's spend and forecast; money in integer micro-units. */
export interface MonthForecast {
  period: DayRange;
  asOf: string;
  daysRemaining: number;
  spent: number;
  /** `undefined` without history to learn from. */
  forecast?: { median: number; low: number; high: number };
  /** The remaining days; empty without a forecast. */
  daily: ForecastDay[];
  accuracy?: ForecastAccuracy;
  method: SpendForecastMethod;
  historyDays: number;
  description: string;
}

function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}

function describe(forecast: PeriodForecast, historyFrom?: string): string {
  switch (forecast.method) {
    case 'no-history':
      return `Insufficient history: no AI spend was recorded ${
        historyFrom ? `from ${historyFrom} ` : ''
      }up to ${forecast.asOf}, so there is nothing to forecast from.`;
    case 'sparse-mean':
      return `Insufficient history for a weekday forecast: only ${days(
        forecast.trainingPoints,
      )} of spend so far, so the average day is assumed to continue and the range is wide.`;
    default:
      return `Each remaining day is projected from the median spend of the same weekday over the last ${days(
        forecast.trainingPoints,
      )}${
        forecast.trendPerDay === 0 ? '' : ', following their trend'
      }; the range holds 80% of likely outcomes.`;
  }
}

/**
 * The current month, the one of the day after `asOf`: spend up to `asOf` and
 * the forecast of its end from `series` ({@link forecastPeriod}), with the
 * accuracy of past month-end forecasts and the basis in a sentence. On the
 * 1st nothing is spent yet and every day is projected. Without any history
 * there is no forecast rather than a forecast of 0.
 */
export function monthForecast(options: {
  series: readonly DailyCost[];
  /** The last complete day of data (yesterday). */
  asOf: string;
  /** First day `series` covers, for the sentence without history. */
  historyFrom?: string;
  /** Days left out of training (anomalies). */
  excludeDates?: ReadonlySet<string>;
}): MonthForecast {
  const { series, asOf, excludeDates } = options;
  const forecast = forecastPeriod(series, {
    asOf,
    period: periodOf(addDays(asOf, 1), 'month'),
    excludeDates,
  });
  const none = forecast.method === 'no-history';
  return {
    period: forecast.period,
    asOf,
    daysRemaining: forecast.remainingDays,
    spent: forecast.actualToDate,
    forecast: none
      ? undefined
      : { median: forecast.median, low: forecast.low, high: forecast.high },
    daily: none ? [] : forecast.daily,
    accuracy: monthForecastAccuracy(series, { lastDay: asOf, excludeDates }),
    method:
      forecast.method === 'no-history'
        ? 'insufficient-history'
        : forecast.method,
    historyDays: forecast.trainingPoints,
    description: describe(forecast, options.historyFrom),
  };
}

/** The API's forecast: {@link MonthForecast} with money in currency units. */
export function toSpendForecast(
  month: MonthForecast,
  options: {
    entityRef: string | null;
    currency: string;
    /** Unallocated micro-units of `spent` (the organisation only). */
    unallocatedSpent?: number;
  },
): SpendForecast {
  return {
    entityRef: options.entityRef,
    currency: options.currency,
    period: {
      start: month.period.start,
      end: month.period.end,
      asOf: month.asOf,
      daysRemaining: month.daysRemaining,
    },
    spent: microsToNumber(month.spent),
    unallocatedSpent:
      options.unallocatedSpent === undefined
        ? null
        : microsToNumber(options.unallocatedSpent),
    forecast: month.forecast
      ? {
          median: microsToNumber(month.forecast.median),
          low: microsToNumber(month.forecast.low),
          high: microsToNumber(month.forecast.high),
        }
      : null,
    daily: month.daily.map(day => ({
      date: day.date,
      median: microsToNumber(day.median),
      low: microsToNumber(day.low),
      high: microsToNumber(day.high),
    })),
    accuracy: month.accuracy ?? null,
    basis: {
      method: month.method,
      historyDays: month.historyDays,
      description: month.description,
    },
  };
}

import { addDays } from '@ai-cost/plugin-ai-cost-common';
import { DailyCost, dailyLookup } from './dailySeries';
import { ForecastOptions, forecastPeriod } from './forecastPeriod';
import { periodOf } from './periods';
import { mean, quantile } from './robustStats';

/** One replayed forecast: a month forecast as of its `asOfDay`-th day. */
export interface BacktestSample {
  /** `YYYY-MM`. */
  month: string;
  /** Day of the month the forecast was made on (data up to and including it). */
  asOfDay: number;
  /** Median forecast of the month total, micro-units. */
  forecast: number;
  low: number;
  high: number;
  /** The month's real total, micro-units. */
  actual: number;
  /** |forecast − actual| / actual × 100; `undefined` when the actual is 0. */
  absPctError?: number;
  /** Whether `actual` fell inside `low..high`. */
  inBand: boolean;
}

/** Accuracy over a set of samples; percentages are 0..100. */
export interface BacktestSummary {
  /** Mean of the defined `absPctError`s; `undefined` without any. */
  meanAbsPctError?: number;
  /** 80th percentile (linear interpolation) of the defined `absPctError`s. */
  p80AbsPctError?: number;
  /** Share (0..1) of samples whose actual fell inside the 80% band. */
  bandCoverage?: number;
}

/** Result of {@link backtestForecast}. */
export interface BacktestResult extends BacktestSummary {
  samples: BacktestSample[];
  /** The same figures per checkpoint, e.g. to show "error on day 7: 6%". */
  byCheckpoint: Array<
    { asOfDay: number; sampleCount: number } & BacktestSummary
  >;
}

function summarize(samples: BacktestSample[]): BacktestSummary {
  const errors = samples
    .map(s => s.absPctError)
    .filter((e): e is number => e !== undefined);
  return {
    meanAbsPctError: errors.length > 0 ? mean(errors) : undefined,
    p80AbsPctError: errors.length > 0 ? quantile(errors, 0.8) : undefined,
    bandCoverage:
      samples.length > 0
        ? samples.filter(s => s.inBand).length / samples.length
        : undefined,
  };
}

/**
 * Rolling-origin backtest of {@link forecastPeriod} on monthly periods: for
 * every complete month of `history` (from `historyStart`, default the first
 * row, to `lastDay`, default the last row) and every checkpoint day-of-month,
 * forecasts the month as of that day from data up to it only, and compares
 * the median with the month's actual total. Checkpoints on or after a month's
 * last day are skipped. Forecast options (e.g. `excludeDates`) pass through;
 * excluded days still count in the actual totals.
 */
export function backtestForecast(
  history: readonly DailyCost[],
  options: {
    /** Days of the month to forecast from. Default [7, 14, 21]. */
    checkpoints?: number[];
    /** Last complete day of the history. Default: the last day with a row. */
    lastDay?: string;
  } & ForecastOptions = {},
): BacktestResult {
  const {
    checkpoints = [7, 14, 21],
    lastDay: lastDayOption,
    ...rest
  } = options;
  const lookup = dailyLookup(history, rest.historyStart);
  const lastDay =
    lastDayOption ??
    history.reduce<string | undefined>(
      (last, d) => (last === undefined || d.date > last ? d.date : last),
      undefined,
    );
  const samples: BacktestSample[] = [];
  if (lookup.start === undefined || lastDay === undefined) {
    return { samples, byCheckpoint: [], ...summarize(samples) };
  }

  let month = periodOf(lookup.start, 'month');
  if (month.start < lookup.start) {
    month = periodOf(addDays(month.end, 1), 'month');
  }
  for (
    ;
    month.end <= lastDay;
    month = periodOf(addDays(month.end, 1), 'month')
  ) {
    const monthLength = Number(month.end.slice(8, 10));
    let actual = 0;
    for (let d = month.start; d <= month.end; d = addDays(d, 1)) {
      actual += lookup.costOn(d) ?? 0;
    }
    for (const asOfDay of checkpoints) {
      if (asOfDay < 1 || asOfDay >= monthLength) continue;
      const forecast = forecastPeriod(history, {
        ...rest,
        asOf: addDays(month.start, asOfDay - 1),
        period: month,
      });
      samples.push({
        month: month.start.slice(0, 7),
        asOfDay,
        forecast: forecast.median,
        low: forecast.low,
        high: forecast.high,
        actual,
        absPctError:
          actual !== 0
            ? (Math.abs(forecast.median - actual) / Math.abs(actual)) * 100
            : undefined,
        inBand: forecast.low <= actual && actual <= forecast.high,
      });
    }
  }

  return {
    samples,
    ...summarize(samples),
    byCheckpoint: checkpoints.map(asOfDay => {
      const own = samples.filter(s => s.asOfDay === asOfDay);
      return { asOfDay, sampleCount: own.length, ...summarize(own) };
    }),
  };
}

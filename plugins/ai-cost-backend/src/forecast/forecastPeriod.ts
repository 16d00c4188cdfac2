import {
  addDays,
  allocateMicros,
  daysInclusive,
  eachDay,
} from '@ai-cost/plugin-ai-cost-common';
import { DailyCost, dailyLookup, trailingDays, weekdayOf } from './dailySeries';
import { BudgetPeriod, DayRange, periodOf } from './periods';
import {
  MAD_TO_SIGMA,
  mean,
  median,
  medianAbsoluteDeviation,
} from './robustStats';
import { mannKendallZ, theilSenSlope } from './trend';

/** z of the 90th percentile of a standard normal: the 80% band is ±Z80. */
const Z80 = 1.2815515655446004;
/** Standard error of a median relative to that of a mean (√(π/2)). */
const MEDIAN_EFFICIENCY = Math.sqrt(Math.PI / 2);

/** Tuning of {@link forecastPeriod}; every field has a default. */
export interface ForecastOptions {
  /** Days of trailing history the model learns from. Default 56 (8 weeks). */
  trainingDays?: number;
  /** Days flagged anomalous; they are left out of training. */
  excludeDates?: ReadonlySet<string>;
  /**
   * First day the series is known; days from here on without a row cost 0.
   * Default: the first day with a row.
   */
  historyStart?: string;
  /** Fewer usable training days than this gives the sparse forecast. Default 7. */
  minHistoryDays?: number;
  /** Apply a trend when Mann–Kendall finds one. Default true. */
  trend?: boolean;
  /** Training days needed before a trend is considered. Default 21. */
  trendMinDays?: number;
  /** |Mann–Kendall z| needed to apply a trend. Default 2.576 (1% level): a false trend is extrapolated over the whole horizon. */
  trendMinZ?: number;
  /** Per-day damping of the trend beyond `asOf` (1 = none). Default 0.98. */
  trendDamping?: number;
  /** Floor of the relative day-to-day spread. Default 0.05. */
  minDailySpread?: number;
  /** Floor of the spread while fewer than 14 out-of-sample residuals exist. Default 0.25. */
  youngSeriesSpread?: number;
  /** Floor of the relative spread of the sparse forecast. Default 0.5. */
  sparseSpread?: number;
}

/** One forecast day, micro-units; `low`/`high` are that day's own 10th/90th percentiles. */
export interface ForecastDay {
  date: string;
  median: number;
  low: number;
  high: number;
}

/** How the remaining days were forecast. */
export type ForecastMethod = 'weekday-median' | 'sparse-mean' | 'no-history';

/** A budget period's spend as of a day; all money integer micro-units. */
export interface PeriodForecast {
  period: DayRange;
  asOf: string;
  /** Spend from the period's start to `asOf` (inclusive). */
  actualToDate: number;
  /** The days behind `actualToDate`. */
  actualDaily: DailyCost[];
  /** Median of the period total: `actualToDate` + the remaining days' median. */
  median: number;
  /** 10th percentile of the period total (never below `actualToDate`). */
  low: number;
  /** 90th percentile of the period total. */
  high: number;
  /** Days after `asOf` up to the period's end. */
  remainingDays: number;
  /** The remaining days; their medians sum exactly to `median − actualToDate`. */
  daily: ForecastDay[];
  method: ForecastMethod;
  /** Training days actually used (after exclusions). */
  trainingPoints: number;
  /** Relative level change per day that was applied; 0 when no trend. */
  trendPerDay: number;
}

interface TrainingPoint {
  /** Days relative to `asOf` (0 = asOf, negative before). */
  t: number;
  weekday: number;
  cost: number;
}

/** Expected cost of each remaining day and the uncertainty around it. */
interface RemainingModel {
  expected: number[];
  /** Relative spread of each day's own cost (per-day 80% band). */
  daySpread: number;
  /** Standard deviation of the remaining total, micro-units. */
  totalSigma: number;
  trendPerDay: number;
}

function dampedSteps(h: number, phi: number): number {
  if (phi >= 1) return h;
  return (phi * (1 - Math.pow(phi, h))) / (1 - phi);
}

function sparseModel(
  points: TrainingPoint[],
  remaining: number,
  sparseSpread: number,
): RemainingModel {
  const level = Math.max(0, mean(points.map(p => p.cost)));
  const sd = Math.sqrt(mean(points.map(p => (p.cost - level) ** 2)));
  const spread = Math.max(sparseSpread, level > 0 ? sd / level : 0);
  const levelSpread = spread / Math.sqrt(points.length);
  const total = level * remaining;
  return {
    expected: new Array(remaining).fill(level),
    daySpread: Math.hypot(spread, levelSpread),
    totalSigma: Math.sqrt(
      remaining * (spread * level) ** 2 + (levelSpread * total) ** 2,
    ),
    trendPerDay: 0,
  };
}

function weekdayModel(
  points: TrainingPoint[],
  days: Array<{ h: number; weekday: number }>,
  options: Required<Omit<ForecastOptions, 'excludeDates' | 'historyStart'>>,
): RemainingModel {
  const byWeekday = new Map<number, TrainingPoint[]>();
  for (const p of points) {
    byWeekday.set(p.weekday, [...(byWeekday.get(p.weekday) ?? []), p]);
  }
  const overall = Math.max(0, median(points.map(p => p.cost)));
  const overallCenter = median(points.map(p => p.t));
  const level = (w: number) => {
    const own = byWeekday.get(w);
    return own ? Math.max(0, median(own.map(p => p.cost))) : overall;
  };
  const center = (w: number) => {
    const own = byWeekday.get(w);
    return own ? median(own.map(p => p.t)) : overallCenter;
  };

  // Trend: Theil–Sen slope of the deseasonalised ratios, only when the
  // Mann–Kendall test says the ratios really move.
  let slope = 0;
  if (options.trend && points.length >= options.trendMinDays) {
    const ratios = points
      .filter(p => level(p.weekday) > 0)
      .map(p => ({ t: p.t, y: p.cost / level(p.weekday) }));
    if (Math.abs(mannKendallZ(ratios)) >= options.trendMinZ) {
      slope = theilSenSlope(ratios);
    }
  }
  // `t` ≤ 0 is a training day; a remaining day `h` days after `asOf` moves
  // along the damped trend.
  const multiplier = (w: number, t: number) =>
    Math.max(
      0,
      1 +
        slope *
          ((t <= 0 ? t : dampedSteps(t, options.trendDamping)) - center(w)),
    );

  // Out-of-sample (leave-one-out) relative residuals of each training day.
  const residuals: number[] = [];
  for (const p of points) {
    const others = (byWeekday.get(p.weekday) ?? []).filter(o => o !== p);
    if (others.length === 0) continue;
    const fitted =
      median(others.map(o => o.cost)) *
      Math.max(0, 1 + slope * (p.t - median(others.map(o => o.t))));
    if (fitted > 0) residuals.push(p.cost / fitted - 1);
  }
  let daySpread = Math.max(
    options.minDailySpread,
    residuals.length > 0 ? MAD_TO_SIGMA * median(residuals.map(Math.abs)) : 0,
  );
  if (residuals.length < 14) {
    daySpread = Math.max(daySpread, options.youngSeriesSpread);
  }

  // Week-to-week level variation that day-to-day noise does not explain.
  const weekMeans: number[] = [];
  const blocks = new Map<number, number[]>();
  for (const p of points) {
    const fitted = level(p.weekday) * multiplier(p.weekday, p.t);
    if (fitted <= 0) continue;
    const block = Math.floor(-p.t / 7);
    blocks.set(block, [...(blocks.get(block) ?? []), p.cost / fitted - 1]);
  }
  for (const values of blocks.values()) {
    if (values.length >= 5) weekMeans.push(mean(values));
  }
  let weekSpread = 0;
  if (weekMeans.length >= 3) {
    const observed = MAD_TO_SIGMA * medianAbsoluteDeviation(weekMeans);
    weekSpread = Math.sqrt(Math.max(0, observed ** 2 - daySpread ** 2 / 7));
  }

  const expected = days.map(d => level(d.weekday) * multiplier(d.weekday, d.h));
  let variance = 0;
  const perWeekday = new Map<number, number>();
  const perBlock = new Map<number, number>();
  days.forEach((d, i) => {
    variance += (daySpread * expected[i]) ** 2;
    perWeekday.set(d.weekday, (perWeekday.get(d.weekday) ?? 0) + expected[i]);
    const block = Math.floor((d.h - 1) / 7);
    perBlock.set(block, (perBlock.get(block) ?? 0) + expected[i]);
  });
  let levelTerm = 0;
  for (const [w, sum] of perWeekday) {
    const count = byWeekday.get(w)?.length ?? 1;
    const levelSpread = (MEDIAN_EFFICIENCY * daySpread) / Math.sqrt(count);
    variance += (levelSpread * sum) ** 2;
    levelTerm = Math.max(levelTerm, levelSpread);
  }
  for (const sum of perBlock.values()) variance += (weekSpread * sum) ** 2;

  return {
    expected,
    daySpread: Math.sqrt(daySpread ** 2 + levelTerm ** 2 + weekSpread ** 2),
    totalSigma: Math.sqrt(variance),
    trendPerDay: slope,
  };
}

/**
 * Forecasts a budget period as of `asOf`: the actual spend from the period's
 * start to `asOf`, plus a day-of-week-aware forecast of the days after it.
 *
 * Model (weekday median with robust, tested trend):
 * - Training: up to `trainingDays` (56) days ending on `asOf`, minus
 *   `excludeDates` (anomalous days) and days before `historyStart`. Data
 *   after `asOf` is ignored, so past forecasts can be replayed.
 * - Level: per weekday, the median of that weekday's training days.
 * - Trend: the Theil–Sen slope of the deseasonalised ratios, applied only
 *   when the Mann–Kendall test finds a trend (|z| ≥ 2.576, 1% level) over at least 21
 *   days, and damped by 0.98 per day beyond `asOf`.
 * - Band: a normal approximation of the remaining total whose variance adds
 *   day-to-day noise (robust spread of leave-one-out residuals, at least 5%),
 *   the uncertainty of each weekday's median (√(π/2)·σ/√n) and week-to-week
 *   level swings that the day noise does not explain. `low`/`high` are the
 *   10th/90th percentiles of the period total, `low` never below the actual.
 * - Sparse series (fewer than `minHistoryDays` = 7 training days): the mean
 *   of what exists for every day, with a relative spread of at least 50% and
 *   a level uncertainty of spread/√n, so the band is wide.
 * - No history at all: zero.
 *
 * `asOf` should be the last complete day of data; missing days up to it
 * count as zero spend.
 */
export function forecastPeriod(
  series: readonly DailyCost[],
  params: {
    asOf: string;
    /** A calendar period containing `asOf`, or an explicit range. */
    period: BudgetPeriod | DayRange;
  } & ForecastOptions,
): PeriodForecast {
  const { asOf } = params;
  const options = {
    trainingDays: params.trainingDays ?? 56,
    minHistoryDays: params.minHistoryDays ?? 7,
    trend: params.trend ?? true,
    trendMinDays: params.trendMinDays ?? 21,
    trendMinZ: params.trendMinZ ?? 2.576,
    trendDamping: params.trendDamping ?? 0.98,
    minDailySpread: params.minDailySpread ?? 0.05,
    youngSeriesSpread: params.youngSeriesSpread ?? 0.25,
    sparseSpread: params.sparseSpread ?? 0.5,
  };
  const period =
    typeof params.period === 'string'
      ? periodOf(asOf, params.period)
      : params.period;
  const lookup = dailyLookup(series, params.historyStart);
  const exclude = params.excludeDates ?? new Set<string>();

  const actualEnd = asOf < period.end ? asOf : period.end;
  const actualDaily =
    actualEnd >= period.start
      ? eachDay(period.start, actualEnd).map(date => ({
          date,
          cost: lookup.costOn(date) ?? 0,
        }))
      : [];
  const actualToDate = actualDaily.reduce((sum, d) => sum + d.cost, 0);

  const firstRemaining =
    addDays(asOf, 1) > period.start ? addDays(asOf, 1) : period.start;
  const remaining =
    firstRemaining <= period.end ? eachDay(firstRemaining, period.end) : [];

  const points: TrainingPoint[] = [];
  trailingDays(asOf, options.trainingDays).forEach((day, i, all) => {
    const cost = lookup.costOn(day);
    if (cost === undefined || exclude.has(day)) return;
    points.push({ t: i - (all.length - 1), weekday: weekdayOf(day), cost });
  });

  let method: ForecastMethod = 'weekday-median';
  let model: RemainingModel;
  if (points.length === 0) {
    method = 'no-history';
    model = {
      expected: remaining.map(() => 0),
      daySpread: 0,
      totalSigma: 0,
      trendPerDay: 0,
    };
  } else if (points.length < options.minHistoryDays) {
    method = 'sparse-mean';
    model = sparseModel(points, remaining.length, options.sparseSpread);
  } else {
    model = weekdayModel(
      points,
      remaining.map(date => ({
        h: daysInclusive(asOf, date) - 1,
        weekday: weekdayOf(date),
      })),
      options,
    );
  }

  const remainingMedian = Math.round(model.expected.reduce((a, b) => a + b, 0));
  const medians = allocateMicros(remainingMedian, model.expected);
  const halfBand = Z80 * model.totalSigma;
  return {
    period,
    asOf,
    actualToDate,
    actualDaily,
    median: actualToDate + remainingMedian,
    low: actualToDate + Math.max(0, Math.round(remainingMedian - halfBand)),
    high: actualToDate + Math.round(remainingMedian + halfBand),
    remainingDays: remaining.length,
    daily: remaining.map((date, i) => {
      const dayHalfBand = Z80 * model.daySpread * model.expected[i];
      return {
        date,
        median: medians[i],
        low: Math.max(0, Math.round(model.expected[i] - dayHalfBand)),
        high: Math.round(model.expected[i] + dayHalfBand),
      };
    }),
    method,
    trainingPoints: points.length,
    trendPerDay: model.trendPerDay,
  };
}

/**
 * The first day of the forecast's period on which cumulative spend — actual
 * days up to `asOf`, then the median forecast — reaches
 * `budgetMicros × thresholdFraction` (rounded to a whole micro-unit), or
 * `undefined` when it is not reached within the period. The day may be on or
 * before `asOf` when the actual spend has already crossed it.
 */
export function projectedBreachDate(
  forecast: PeriodForecast,
  budgetMicros: number,
  thresholdFraction: number,
): string | undefined {
  const threshold = Math.round(budgetMicros * thresholdFraction);
  let cumulative = 0;
  for (const day of forecast.actualDaily) {
    cumulative += day.cost;
    if (cumulative >= threshold) return day.date;
  }
  for (const day of forecast.daily) {
    cumulative += day.median;
    if (cumulative >= threshold) return day.date;
  }
  return undefined;
}

import { addDays, eachDay } from '@ai-cost/plugin-ai-cost-common';
import {
  dailyLookup,
  forecastPeriod,
  periodOf,
  type DailyCost,
  type DayRange,
} from '../forecast';
import { horizonBand, monthError } from './horizonBand';
import { roundToCents, toCents } from './roundToCents';

/** One month of a plan line; money in micro-units rounded to whole cents. */
export interface PlanMonth {
  /** `YYYY-MM`. */
  month: string;
  /**
   * `actual` for a month that has ended by `asOf`, `no-data` for one that
   * ended before `historyFrom`; the current and later months are forecast.
   */
  kind: 'actual' | 'forecast' | 'no-data';
  /** The actual spend, or the median forecast (the current month's actual spend so far included); null without data. */
  amount: number | null;
  /** 80% band of a forecast month; `undefined` for the others. */
  low?: number;
  high?: number;
}

/** A team's (or the unallocated spend's, or the total's) twelve months. */
export interface PlanLine {
  months: PlanMonth[];
  /** Sum of the months with data; null when no month has any. */
  total: number | null;
}

/** Whose daily spend a plan line is made of. */
export interface PlanParty {
  entityRef: string;
  /** Daily spend up to `asOf`: the plan year's days and the forecast's training days. */
  series: readonly DailyCost[];
}

/** A year's plan in micro-units rounded to cents; lines + unallocated = totals in every month. */
export interface YearPlan {
  year: number;
  asOf: string;
  historyFrom: string | null;
  teams: Array<PlanLine & { entityRef: string }>;
  unallocated: PlanLine;
  totals: PlanLine;
}

function monthsOf(year: number): DayRange[] {
  return Array.from({ length: 12 }, (_, i) =>
    periodOf(`${year}-${String(i + 1).padStart(2, '0')}-01`, 'month'),
  );
}

type ExactMonth = Required<Pick<PlanMonth, 'low' | 'high'>> & {
  amount: number;
};

/** Months from the current month (the one after `asOf`) to `range`'s. */
function monthsAfter(asOf: string, range: DayRange): number {
  const current = addDays(asOf, 1);
  const months = (day: string) =>
    Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
  return months(range.start) - months(current);
}

/**
 * A month's actual spend when it ended by `asOf`, else its forecast (see
 * `forecastPeriod`); a later month's band widens with the horizon (see
 * `horizonBand`), `error` is only computed for those.
 */
function exactMonth(
  series: readonly DailyCost[],
  range: DayRange,
  asOf: string,
  error: () => number,
): ExactMonth {
  if (range.end <= asOf) {
    const lookup = dailyLookup(series);
    const amount = eachDay(range.start, range.end).reduce(
      (sum, day) => sum + (lookup.costOn(day) ?? 0),
      0,
    );
    return { amount, low: amount, high: amount };
  }
  const forecast = forecastPeriod(series, { asOf, period: range });
  const after = monthsAfter(asOf, range);
  const band =
    after > 0
      ? horizonBand(forecast, { error: error(), monthsAfter: after })
      : forecast;
  return { amount: forecast.median, low: band.low, high: band.high };
}

/** `compute`'s value, computed on the first call only. */
function lazy<T>(compute: () => T): () => T {
  let value: { of: T } | undefined;
  return () => {
    value ??= { of: compute() };
    return value.of;
  };
}

function kindOf(
  range: DayRange,
  asOf: string,
  historyFrom: string | null,
): PlanMonth['kind'] {
  if (range.end > asOf) return 'forecast';
  return historyFrom === null || range.end < historyFrom ? 'no-data' : 'actual';
}

function sumOf(months: PlanMonth[]): number | null {
  const amounts = months.flatMap(m => (m.amount === null ? [] : [m.amount]));
  return amounts.length === 0 ? null : amounts.reduce((a, b) => a + b, 0);
}

/**
 * The plan of a calendar year (DESIGN §9.4): per party (the groups owning
 * spend) and for the unallocated spend, every month's actual spend once it
 * has ended by `asOf`, otherwise its forecast with an 80% band, from the
 * party's own daily series; a month that ended before `historyFrom` (the
 * first day any source has history) has no data rather than $0, and a
 * year's total is the sum of the months with data. The band of a month
 * after the current one widens with the horizon (see `horizonBand`). Each
 * month's amounts are rounded to cents once (largest remainder), so the
 * lines and the unallocated spend add up to the month's total exactly.
 * Bands do not add up: the total's band is forecast from the organisation's
 * whole daily series, widened where needed to hold the total. Parties are
 * sorted by their year's total, largest first.
 */
export function yearPlan(options: {
  year: number;
  asOf: string;
  /** First day any source has history; null when nothing was ingested. */
  historyFrom: string | null;
  parties: readonly PlanParty[];
  unallocated: readonly DailyCost[];
}): YearPlan {
  const { year, asOf, parties, historyFrom } = options;
  const ranges = monthsOf(year);
  const kinds = ranges.map(range => kindOf(range, asOf, historyFrom));
  const series = [...parties.map(p => p.series), options.unallocated];
  const orgSeries = series.flat();
  const exact = series.map(s => {
    const error = lazy(() => monthError(s, asOf));
    return ranges.map(r => exactMonth(s, r, asOf, error));
  });
  const rounded = ranges.map((_, m) =>
    roundToCents(exact.map(e => e[m].amount)),
  );
  const month = (
    m: number,
    amount: number,
    band: () => ExactMonth,
  ): PlanMonth => {
    const kind = kinds[m];
    const base = { month: ranges[m].start.slice(0, 7), kind };
    if (kind === 'no-data') return { ...base, amount: null };
    if (kind === 'actual') return { ...base, amount };
    const { low, high } = band();
    return {
      ...base,
      amount,
      low: Math.min(toCents(low), amount),
      high: Math.max(toCents(high), amount),
    };
  };
  const line = (index: number): PlanLine => {
    const months = ranges.map((_, m) =>
      month(m, rounded[m][index], () => exact[index][m]),
    );
    return { months, total: sumOf(months) };
  };
  const teams = parties
    .map((party, index) => ({ entityRef: party.entityRef, ...line(index) }))
    .sort(
      (a, b) =>
        (b.total ?? 0) - (a.total ?? 0) || (a.entityRef < b.entityRef ? -1 : 1),
    );
  const orgError = lazy(() => monthError(orgSeries, asOf));
  const totalMonths = ranges.map((range, m) =>
    month(
      m,
      rounded[m].reduce((a, b) => a + b, 0),
      () => exactMonth(orgSeries, range, asOf, orgError),
    ),
  );
  return {
    year,
    asOf,
    historyFrom,
    teams,
    unallocated: line(parties.length),
    totals: { months: totalMonths, total: sumOf(totalMonths) },
  };
}

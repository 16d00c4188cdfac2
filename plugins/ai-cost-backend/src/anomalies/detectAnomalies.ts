import {
  addDays,
  daysInclusive,
  eachDay,
} from '@ai-cost/plugin-ai-cost-common';
import { DailyCost, dailyLookup } from '../forecast/dailySeries';
import {
  MAD_TO_SIGMA,
  median,
  medianAbsoluteDeviation,
} from '../forecast/robustStats';
import { AnomalySeverity, anomalySeverity } from './severity';

/** Which way a change must go to count: spend anomalies are increases by default. */
export type AnomalyDirection = 'increase' | 'decrease' | 'both';

/** Tuning of {@link detectAnomalies}; every field has a default. */
export interface AnomalyDetectionOptions {
  /** Same-weekday points looked back over, in weeks. Default 8. */
  weeks?: number;
  /** Same-weekday points needed for the weekday baseline. Default 3. */
  minSameWeekdayPoints?: number;
  /** Days of the fallback ("recent") baseline. Default 14. */
  fallbackDays?: number;
  /** Robust z threshold: the deviation must exceed k × scale. Default 3.5. */
  k?: number;
  /** Dollar floor: the deviation must exceed this, micro-units. Default 5_000_000 ($5). */
  minImpactMicros?: number;
  /** Relative floor: the deviation must exceed this fraction of expected. Default 0.3. */
  minImpactFraction?: number;
  /** Floor of the scale as a fraction of expected. Default 0.05. */
  minScaleFraction?: number;
  /** Floor of the scale, micro-units. Default 1_000_000 ($1). */
  minScaleMicros?: number;
  /** Days of history (from `historyStart`) needed before a day is judged. Default 7. */
  minHistoryDays?: number;
  /** Default 'increase'. */
  direction?: AnomalyDirection;
  /** First day the series is known (zero-filled from here). Default: its first row. */
  historyStart?: string;
  /** Days kept out of every baseline (e.g. confirmed incidents). */
  excludeDates?: ReadonlySet<string>;
}

/** One anomalous day; money in integer micro-units. */
export interface DailyAnomaly {
  date: string;
  expected: number;
  actual: number;
  /** actual − expected (negative for a decrease). */
  impact: number;
  /** impact / expected × 100; omitted when expected is 0. */
  impactPct?: number;
  /** impact / scale: deviation in robust standard deviations (signed). */
  score: number;
  severity: AnomalySeverity;
  /** Robust standard deviation of the baseline (floored), micro-units. */
  scale: number;
  /** 'weekday': same weekday of previous weeks; 'recent': the last `fallbackDays` days. */
  baseline: 'weekday' | 'recent';
  /** The days the baseline was computed from, oldest first (for root causes). */
  baselineDates: string[];
}

interface Baseline {
  kind: DailyAnomaly['baseline'];
  dates: string[];
  /** Expected when testing for an increase / a decrease. */
  up: number;
  down: number;
  rawScale: number;
}

/**
 * Finds anomalous days of a daily spend series (zero-filled from its
 * `historyStart`) within `range` (inclusive), judging each day only against
 * the days before it.
 *
 * Baseline: the median of the same weekday over the previous `weeks` (8)
 * weeks, scale = 1.4826 × MAD of those points. With fewer than
 * `minSameWeekdayPoints` (3) such points it falls back to the median/MAD of
 * the last `fallbackDays` (14) days; if one or two same-weekday points exist
 * the more conservative of the two medians is used (the higher when testing
 * an increase, the lower for a decrease), so a young seasonal series does
 * not flag its own weekends. The scale is floored at 5% of expected and $1.
 *
 * A day is anomalous when its deviation from expected exceeds all of
 * k × scale (3.5), the dollar floor ($5) and the relative floor (30% of
 * expected). Days with less than `minHistoryDays` (7) of history raise
 * nothing. Only increases count unless `direction` says otherwise.
 */
export function detectAnomalies(
  series: readonly DailyCost[],
  range: { from: string; to: string },
  options: AnomalyDetectionOptions = {},
): DailyAnomaly[] {
  const weeks = options.weeks ?? 8;
  const minSameWeekday = options.minSameWeekdayPoints ?? 3;
  const fallbackDays = options.fallbackDays ?? 14;
  const k = options.k ?? 3.5;
  const minImpactMicros = options.minImpactMicros ?? 5_000_000;
  const minImpactFraction = options.minImpactFraction ?? 0.3;
  const minScaleFraction = options.minScaleFraction ?? 0.05;
  const minScaleMicros = options.minScaleMicros ?? 1_000_000;
  const minHistoryDays = options.minHistoryDays ?? 7;
  const direction = options.direction ?? 'increase';
  const exclude = options.excludeDates ?? new Set<string>();
  const lookup = dailyLookup(series, options.historyStart);
  const start = lookup.start;
  if (start === undefined || range.to < range.from) return [];

  const usable = (day: string) =>
    lookup.costOn(day) !== undefined && !exclude.has(day);
  const costs = (days: string[]) => days.map(d => lookup.costOn(d) ?? 0);

  const baselineOf = (day: string): Baseline => {
    const same: string[] = [];
    for (let week = weeks; week >= 1; week--) {
      const candidate = addDays(day, -7 * week);
      if (usable(candidate)) same.push(candidate);
    }
    if (same.length >= minSameWeekday) {
      const expected = Math.round(median(costs(same)));
      return {
        kind: 'weekday',
        dates: same,
        up: expected,
        down: expected,
        rawScale: MAD_TO_SIGMA * medianAbsoluteDeviation(costs(same)),
      };
    }
    const recent = eachDay(
      addDays(day, -fallbackDays),
      addDays(day, -1),
    ).filter(usable);
    const recentMedian = median(costs(recent));
    const sameMedian = same.length > 0 ? median(costs(same)) : recentMedian;
    return {
      kind: 'recent',
      dates: [...new Set([...recent, ...same])].sort(),
      up: Math.round(Math.max(recentMedian, sameMedian)),
      down: Math.round(Math.min(recentMedian, sameMedian)),
      rawScale:
        recent.length > 0
          ? MAD_TO_SIGMA * medianAbsoluteDeviation(costs(recent))
          : 0,
    };
  };

  const judge = (
    date: string,
    actual: number,
    baseline: Baseline,
    expected: number,
    sign: 1 | -1,
  ): DailyAnomaly | undefined => {
    const scale = Math.max(
      baseline.rawScale,
      minScaleFraction * Math.abs(expected),
      minScaleMicros,
    );
    const impact = actual - expected;
    const deviation = sign * impact;
    if (
      !(deviation > k * scale) ||
      !(deviation > minImpactMicros) ||
      !(deviation > minImpactFraction * Math.abs(expected))
    ) {
      return undefined;
    }
    const score = impact / scale;
    return {
      date,
      expected,
      actual,
      impact,
      ...(expected !== 0 ? { impactPct: (impact / expected) * 100 } : {}),
      score,
      severity: anomalySeverity(score, impact, { k, minImpactMicros }),
      scale,
      baseline: baseline.kind,
      baselineDates: baseline.dates,
    };
  };

  const anomalies: DailyAnomaly[] = [];
  for (const date of eachDay(range.from, range.to)) {
    const actual = lookup.costOn(date);
    if (actual === undefined) continue;
    if (daysInclusive(start, date) - 1 < minHistoryDays) continue;
    const baseline = baselineOf(date);
    if (baseline.dates.length === 0) continue;
    const found =
      (direction !== 'decrease'
        ? judge(date, actual, baseline, baseline.up, 1)
        : undefined) ??
      (direction !== 'increase'
        ? judge(date, actual, baseline, baseline.down, -1)
        : undefined);
    if (found) anomalies.push(found);
  }
  return anomalies;
}

import { mannKendallZ, median, theilSenSlope } from '../forecast';
import type { UnitDay } from './unitCosts';

/** Days with a value a unit-trend forecast needs. */
export const MIN_FORECAST_DAYS = 7;

/** |z| of the Mann–Kendall test above which the metric has a trend. */
const TREND_Z = 1.96;

/** A unit-trend forecast in micro-units; null amounts when there is nothing to project. */
export interface UnitForecast {
  nextPeriodCostMicros: number | null;
  nextPeriodValueMicros: number | null;
  basis: 'unit-trend' | 'none';
  /** Value change per day in micro-units (0 without a significant trend). */
  slopeMicrosPerDay: number;
}

const NONE = (): UnitForecast => ({
  nextPeriodCostMicros: null,
  nextPeriodValueMicros: null,
  basis: 'none',
  slopeMicrosPerDay: 0,
});

/**
 * Next period's spend from the metric's own trend and the measured unit cost
 * (DESIGN §9.2): the metric over the next `days` days follows a robust line
 * through the days with a value (Theil–Sen, kept only when Mann–Kendall finds
 * a trend; otherwise the median level), never below zero; the spend is that
 * volume at the window's unit cost (`costWithMetric / valueSum`).
 */
export function forecastByUnitTrend(
  window: readonly UnitDay[],
  days: number,
): UnitForecast {
  const points = window.flatMap((day, t) =>
    day.valueMicros === null
      ? []
      : [{ t, y: day.valueMicros, cost: day.costMicros }],
  );
  if (points.length < MIN_FORECAST_DAYS) return NONE();
  const valueSum = points.reduce((sum, p) => sum + p.y, 0);
  const costSum = points.reduce((sum, p) => sum + p.cost, 0);
  if (valueSum <= 0) return NONE();

  const trending = Math.abs(mannKendallZ(points)) >= TREND_Z;
  const slope = trending ? theilSenSlope(points) : 0;
  const level = median(points.map(p => p.y - slope * p.t));
  let nextValue = 0;
  for (let t = window.length; t < window.length + days; t++) {
    nextValue += Math.max(0, level + slope * t);
  }
  const nextPeriodValueMicros = Math.round(nextValue);
  return {
    nextPeriodValueMicros,
    nextPeriodCostMicros: Math.round(
      (nextPeriodValueMicros * costSum) / valueSum,
    ),
    basis: 'unit-trend',
    slopeMicrosPerDay: slope,
  };
}

import { fractionOf } from '../costs/amounts';

/**
 * Unit costs (DESIGN §9.2), pure: cost in micro-units of the currency, metric
 * values in micro-units of their unit, so `cost / value × per` in major
 * currency units is `costMicros × per / valueMicros`.
 */

/** A day of cost and metric; `valueMicros` null when the metric has no value that day. */
export interface UnitDay {
  date: string;
  costMicros: number;
  valueMicros: number | null;
}

/** Unit-cost totals of a window, money in micro-units. */
export interface UnitTotals {
  costMicros: number;
  /** Null when no day has a value. */
  valueMicros: number | null;
  /** Major currency units per `per` units; null without a positive value. */
  unitCost: number | null;
  /** Spend on days without a value: outside `unitCost`. */
  costWithoutMetricMicros: number;
  daysWithoutMetric: number;
}

/** Rounds a unit cost to 1e-9 of the currency: sub-micro unit costs stay visible. */
export function roundUnitCost(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** `cost × per / value` in major units; null unless value is positive. */
export function unitCostOf(
  costMicros: number,
  valueMicros: number | null,
  per: number,
): number | null {
  if (valueMicros === null || valueMicros <= 0) return null;
  return roundUnitCost((costMicros * per) / valueMicros);
}

/**
 * Totals over the days: the unit cost divides the spend of the days that have
 * a value by the sum of the values; the spend of the other days is reported
 * beside it, never folded in. `distinctValueMicros` replaces the sum of the
 * days for a metric that does not add up across days (distinct customers).
 */
export function unitTotals(
  days: readonly UnitDay[],
  per: number,
  distinctValueMicros?: number | null,
): UnitTotals {
  let costMicros = 0;
  let costWithMetric = 0;
  let summed: number | null = null;
  let costWithoutMetricMicros = 0;
  let daysWithoutMetric = 0;
  for (const day of days) {
    costMicros += day.costMicros;
    if (day.valueMicros === null) {
      if (day.costMicros !== 0) {
        costWithoutMetricMicros += day.costMicros;
        daysWithoutMetric += 1;
      }
    } else {
      costWithMetric += day.costMicros;
      summed = (summed ?? 0) + day.valueMicros;
    }
  }
  const valueMicros =
    distinctValueMicros === undefined ? summed : distinctValueMicros;
  return {
    costMicros,
    valueMicros,
    unitCost: unitCostOf(costWithMetric, valueMicros, per),
    costWithoutMetricMicros,
    daysWithoutMetric,
  };
}

/** `(current − previous) / previous` to four decimals; null unless previous is positive. */
export function relativeChange(
  current: number | null,
  previous: number | null,
): number | null {
  if (current === null || previous === null || previous <= 0) return null;
  return fractionOf(current - previous, previous);
}

import {
  addDays,
  daysInclusive,
  microsToNumber,
  type BudgetStatus,
  type Micros,
} from '@ai-cost/plugin-ai-cost-common';
import {
  forecastPeriod,
  monthForecastAccuracy,
  periodOf,
  projectedBreachDate,
  type DailyCost,
} from '../forecast';
import type { EffectiveBudget } from './resolveBudget';

/** One threshold of a budget in the current period. */
export interface ThresholdState {
  fraction: number;
  amount: Micros;
  crossed: boolean;
  projectedDate: string | null;
}

/** Where an entity stands against its budget; money in micro-units. */
export interface BudgetState {
  entityRef: string;
  budget: EffectiveBudget | undefined;
  period: BudgetStatus['period'];
  spent: Micros;
  forecast: { median: Micros; low: Micros; high: Micros };
  forecastAccuracy: BudgetStatus['forecastAccuracy'];
  thresholds: ThresholdState[];
  projectedBreachDate: string | null;
  state: BudgetStatus['state'];
}

/** The budget state of an entity from its daily spend history (pure). */
export function budgetState(options: {
  entityRef: string;
  budget: EffectiveBudget | undefined;
  series: DailyCost[];
  asOf: string;
  excludeDates: Set<string>;
}): BudgetState {
  const { entityRef, budget, series, asOf, excludeDates } = options;
  const periodKind = budget?.period ?? 'month';
  const forecast = forecastPeriod(series, {
    asOf,
    period: periodKind,
    excludeDates,
  });
  const accuracy =
    periodKind === 'month'
      ? monthForecastAccuracy(series, { lastDay: asOf, excludeDates })
      : undefined;
  const period = periodOf(asOf, periodKind);
  const spent = forecast.actualToDate;
  const thresholds = (budget?.thresholds ?? []).map(fraction => {
    const amount = Math.round((budget?.amount ?? 0) * fraction);
    return {
      fraction,
      amount,
      crossed: spent >= amount,
      projectedDate: budget
        ? projectedBreachDate(forecast, budget.amount, fraction) ?? null
        : null,
    };
  });
  let state: BudgetStatus['state'] = 'none';
  if (budget) {
    if (spent >= budget.amount) state = 'over';
    else if (forecast.median >= budget.amount) state = 'at-risk';
    else state = 'ok';
  }
  return {
    entityRef,
    budget,
    period: {
      period: periodKind,
      start: period.start,
      end: period.end,
      asOf,
      daysRemaining:
        asOf >= period.end ? 0 : daysInclusive(addDays(asOf, 1), period.end),
    },
    spent,
    forecast: {
      median: forecast.median,
      low: forecast.low,
      high: forecast.high,
    },
    forecastAccuracy: accuracy ?? null,
    thresholds,
    projectedBreachDate: budget
      ? projectedBreachDate(forecast, budget.amount, 1) ?? null
      : null,
    state,
  };
}

/** The API's budget status: the state with money in currency units. */
export function toBudgetStatus(
  state: BudgetState,
  currency: string,
): BudgetStatus {
  return {
    entityRef: state.entityRef,
    scope: state.budget?.scope ?? null,
    currency,
    budget: state.budget ? microsToNumber(state.budget.amount) : null,
    source: state.budget?.source ?? null,
    period: state.period,
    spent: microsToNumber(state.spent),
    forecast: {
      median: microsToNumber(state.forecast.median),
      low: microsToNumber(state.forecast.low),
      high: microsToNumber(state.forecast.high),
    },
    forecastAccuracy: state.forecastAccuracy,
    thresholds: state.thresholds.map(t => ({
      ...t,
      amount: microsToNumber(t.amount),
    })),
    thresholdsCrossed: state.thresholds
      .filter(t => t.crossed)
      .map(t => t.fraction),
    projectedBreachDate: state.projectedBreachDate,
    state: state.state,
  };
}

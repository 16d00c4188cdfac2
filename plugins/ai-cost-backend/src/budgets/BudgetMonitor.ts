import {
  addDays,
  dayOf,
  daysInclusive,
  formatMoney,
  microsToNumber,
  type BudgetStatus,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { AnomalyStore, AttributionStore, BudgetStore } from '../database';
import {
  backtestForecast,
  forecastPeriod,
  periodOf,
  projectedBreachDate,
  type DailyCost,
} from '../forecast';
import type { OwnerNotifier } from '../notifications/OwnerNotifier';
import type { BudgetService } from './BudgetService';
import type { EffectiveBudget } from './resolveBudget';

/** Days of history the forecast and its backtest read. */
const HISTORY_DAYS = 190;

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

/**
 * Budget status with month-end (or quarter-end) forecasts, and the alerts:
 * after every attribution each threshold of each budget fires at most once
 * per period on actual spend and once on forecast, to the entity's owners.
 */
export class BudgetMonitor {
  constructor(
    private readonly options: {
      budgets: BudgetService;
      budgetStore: BudgetStore;
      attribution: AttributionStore;
      anomalies: AnomalyStore;
      index: CatalogIndexReader;
      notifier: OwnerNotifier;
      currency: string;
      now?: () => Date;
    },
  ) {}

  /** The last complete UTC day: today's data is still arriving. */
  asOf(): string {
    return addDays(dayOf(this.options.now?.() ?? new Date()), -1);
  }

  async status(entityRef: string): Promise<BudgetStatus> {
    const { budget } = await this.options.budgets.effectiveBudget(entityRef);
    return this.#status(entityRef, budget);
  }

  /** Status of every entity with a budget in force. */
  async allStatuses(): Promise<BudgetStatus[]> {
    const budgets = await this.options.budgets.allBudgets();
    const statuses: BudgetStatus[] = [];
    for (const budget of budgets) {
      statuses.push(await this.#status(budget.entityRef, budget));
    }
    return statuses;
  }

  async #history(entityRef: string, asOf: string): Promise<DailyCost[]> {
    const { graph } = await this.options.index.read();
    const rows = await this.options.attribution.sumAttributed({
      window: { from: addDays(asOf, -(HISTORY_DAYS - 1)), to: asOf },
      entityRefs: [entityRef, ...graph.descendants(entityRef)],
      groupBy: ['date'],
    });
    return rows
      .map(row => ({ date: row.date, cost: row.cost }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  async #anomalousDays(entityRef: string): Promise<Set<string>> {
    const days = new Set<string>();
    const anomalies = await this.options.anomalies.listAnomalies({
      entityRefs: [entityRef],
      limit: 100,
    });
    for (const anomaly of anomalies) {
      if (anomaly.model !== '' || anomaly.feedback?.value === 'expected') {
        continue;
      }
      for (let d = anomaly.startDate; d <= anomaly.endDate; d = addDays(d, 1)) {
        days.add(d);
      }
    }
    return days;
  }

  async #status(
    entityRef: string,
    budget: EffectiveBudget | undefined,
  ): Promise<BudgetStatus> {
    const asOf = this.asOf();
    const periodKind = budget?.period ?? 'month';
    const series = await this.#history(entityRef, asOf);
    const excludeDates = await this.#anomalousDays(entityRef);
    const forecast = forecastPeriod(series, {
      asOf,
      period: periodKind,
      excludeDates,
    });
    const backtest =
      periodKind === 'month' && series.length > 0
        ? backtestForecast(series, { lastDay: asOf, excludeDates })
        : undefined;
    const period = periodOf(asOf, periodKind);
    const spent = forecast.actualToDate;
    const thresholds = (budget?.thresholds ?? []).map(fraction => {
      const amount = Math.round((budget?.amount ?? 0) * fraction);
      return {
        fraction,
        amount: microsToNumber(amount),
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
      currency: this.options.currency,
      budget: budget ? microsToNumber(budget.amount) : null,
      source: budget?.source ?? null,
      period: {
        period: periodKind,
        start: period.start,
        end: period.end,
        asOf,
        daysRemaining:
          asOf >= period.end ? 0 : daysInclusive(addDays(asOf, 1), period.end),
      },
      spent: microsToNumber(spent),
      forecast: {
        median: microsToNumber(forecast.median),
        low: microsToNumber(forecast.low),
        high: microsToNumber(forecast.high),
      },
      forecastAccuracy:
        backtest?.meanAbsPctError !== undefined
          ? {
              meanAbsPctError: Math.round(backtest.meanAbsPctError * 100) / 100,
              samples: backtest.samples.length,
            }
          : null,
      thresholds,
      thresholdsCrossed: thresholds.filter(t => t.crossed).map(t => t.fraction),
      projectedBreachDate: budget
        ? projectedBreachDate(forecast, budget.amount, 1) ?? null
        : null,
      state,
    };
  }

  /**
   * Fires the thresholds reached since the last check, each once per period
   * and basis; returns how many notifications were sent.
   */
  async checkAlerts(): Promise<number> {
    const { budgetStore, notifier, currency } = this.options;
    let sent = 0;
    for (const status of await this.allStatuses()) {
      const budget = status.budget ?? 0;
      const budgetMicros = Math.round(budget * 1e6);
      const spentMicros = Math.round(status.spent * 1e6);
      const money = (value: number) =>
        formatMoney(Math.round(value * 1e6), currency);
      for (const threshold of status.thresholds) {
        const basis = threshold.crossed ? 'actual' : 'forecast';
        if (!threshold.crossed && !threshold.projectedDate) continue;
        const fresh = await budgetStore.recordAlert({
          entityRef: status.entityRef,
          periodStart: status.period.start,
          threshold: threshold.fraction,
          basis,
          spent: spentMicros,
          budget: budgetMicros,
          projectedDate: threshold.crossed ? null : threshold.projectedDate,
        });
        if (!fresh) continue;
        const period =
          status.period.period === 'month' ? 'monthly' : 'quarterly';
        await notifier.notify({
          entityRef: status.entityRef,
          topic: 'ai-cost-budget',
          scope: `ai-cost:budget:${status.entityRef}:${status.period.start}:${threshold.fraction}:${basis}`,
          severity: threshold.fraction >= 1 ? 'high' : 'normal',
          title: threshold.crossed
            ? `${status.entityRef} reached ${percent(
                threshold.fraction,
              )} of its ${period} AI budget`
            : `${status.entityRef} is projected to reach ${percent(
                threshold.fraction,
              )} of its ${period} AI budget on ${threshold.projectedDate}`,
          description: `Spent ${money(status.spent)} of ${money(budget)} from ${
            status.period.start
          } to ${status.period.asOf}; forecast for the period ${money(
            status.forecast.median,
          )} (80% band ${money(status.forecast.low)}–${money(
            status.forecast.high,
          )}). The period ends on ${status.period.end}.`,
        });
        sent += 1;
      }
    }
    return sent;
  }
}

import {
  addDays,
  dayOf,
  eachDay,
  formatMoney,
  type BudgetStatus,
  type SpendForecast,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { AnomalyStore, AttributionStore, BudgetStore } from '../database';
import { monthForecast, toSpendForecast, type DailyCost } from '../forecast';
import type {
  OwnerMessage,
  OwnerNotifier,
} from '../notifications/OwnerNotifier';
import type { BudgetService } from './BudgetService';
import { budgetState, toBudgetStatus, type BudgetState } from './budgetState';
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
    return toBudgetStatus(
      await this.#state(entityRef, budget),
      this.options.currency,
    );
  }

  /** Status of every entity with a budget in force. */
  async allStatuses(): Promise<BudgetStatus[]> {
    return (await this.#allStates()).map(state =>
      toBudgetStatus(state, this.options.currency),
    );
  }

  async #allStates(): Promise<BudgetState[]> {
    const budgets = await this.options.budgets.allBudgets();
    const states: BudgetState[] = [];
    for (const budget of budgets) {
      states.push(await this.#state(budget.entityRef, budget));
    }
    return states;
  }

  /**
   * The current month's spend and month-end forecast of an entity and its
   * descendants (anomalous days left out of training, as for its budget), or
   * without `entityRef` of the whole organisation: every amount ingested,
   * unallocated included.
   */
  async monthForecast(entityRef?: string): Promise<SpendForecast> {
    const asOf = this.asOf();
    const historyFrom = addDays(asOf, -(HISTORY_DAYS - 1));
    const { currency } = this.options;
    if (entityRef) {
      const month = monthForecast({
        series: await this.#history(entityRef, asOf),
        asOf,
        historyFrom,
        excludeDates: await this.#anomalousDays(entityRef),
      });
      return toSpendForecast(month, { entityRef, currency });
    }
    const window = { from: historyFrom, to: asOf };
    const [attributed, unallocated] = await Promise.all([
      this.options.attribution.sumAttributed({ window, groupBy: ['date'] }),
      this.options.attribution.sumUnallocatedCost({
        window,
        groupBy: ['date'],
      }),
    ]);
    const month = monthForecast({
      series: [...attributed, ...unallocated]
        .map(row => ({ date: row.date, cost: row.cost }))
        .sort((a, b) => a.date.localeCompare(b.date)),
      asOf,
      historyFrom,
    });
    const unallocatedSpent = unallocated
      .filter(row => row.date >= month.period.start)
      .reduce((sum, row) => sum + row.cost, 0);
    return toSpendForecast(month, {
      entityRef: null,
      currency,
      unallocatedSpent,
    });
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
    const { items: anomalies } = await this.options.anomalies.listAnomalies({
      entityRefs: [entityRef],
      limit: 100,
    });
    for (const anomaly of anomalies) {
      if (anomaly.model !== '' || anomaly.feedback?.value === 'expected') {
        continue;
      }
      for (const day of eachDay(anomaly.startDate, anomaly.endDate)) {
        days.add(day);
      }
    }
    return days;
  }

  async #state(
    entityRef: string,
    budget: EffectiveBudget | undefined,
  ): Promise<BudgetState> {
    const asOf = this.asOf();
    return budgetState({
      entityRef,
      budget,
      asOf,
      series: await this.#history(entityRef, asOf),
      excludeDates: await this.#anomalousDays(entityRef),
    });
  }

  /**
   * Fires the thresholds reached since the last check, each once per period
   * and basis, in one notification per entity and check (crossing several
   * at once says so in one message, naming the highest). A threshold
   * projected but not yet reached fires only when the budget is at risk (the
   * forecast reaches the budget): an owner on track hears nothing about what
   * the forecast says of 50%. Returns how many notifications were sent.
   */
  async checkAlerts(): Promise<number> {
    const { budgetStore, notifier, currency, index } = this.options;
    const { graph } = await index.read();
    let sent = 0;
    for (const status of await this.#allStates()) {
      const budget = status.budget?.amount ?? 0;
      const fresh: Array<{ fraction: number; projectedDate: string | null }> =
        [];
      for (const threshold of status.thresholds) {
        const basis = threshold.crossed ? 'actual' : 'forecast';
        if (
          !threshold.crossed &&
          (status.state !== 'at-risk' || !threshold.projectedDate)
        ) {
          continue;
        }
        const recorded = await budgetStore.recordAlert({
          entityRef: status.entityRef,
          periodStart: status.period.start,
          threshold: threshold.fraction,
          basis,
          spent: status.spent,
          budget,
          projectedDate: threshold.crossed ? null : threshold.projectedDate,
        });
        if (recorded) {
          fresh.push({
            fraction: threshold.fraction,
            projectedDate: threshold.crossed ? null : threshold.projectedDate,
          });
        }
      }
      if (fresh.length === 0) continue;
      fresh.sort((a, b) => a.fraction - b.fraction);
      await notifier.notify(
        budgetAlertMessage({
          status,
          budget,
          name: graph.get(status.entityRef)?.title ?? status.entityRef,
          crossed: fresh.filter(t => t.projectedDate === null),
          projected: fresh.filter(t => t.projectedDate !== null),
          money: value => formatMoney(value, currency),
        }),
      );
      sent += 1;
    }
    return sent;
  }
}

/** "Nov 25" for 2026-11-25. */
function readableDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * One notification for the thresholds an entity reached in one check: the
 * highest reached on actual spend leads, else the budget projected to be
 * reached; the others are listed in the description.
 */
function budgetAlertMessage(options: {
  status: BudgetState;
  budget: number;
  name: string;
  crossed: Array<{ fraction: number }>;
  projected: Array<{ fraction: number; projectedDate: string | null }>;
  money: (value: number) => string;
}): OwnerMessage {
  const { status, budget, name, crossed, projected, money } = options;
  const period = status.period.period === 'month' ? 'monthly' : 'quarterly';
  const top = crossed.at(-1);
  const next = projected.at(-1);
  let title: string;
  if (top) {
    title = `${name} reached ${percent(
      top.fraction,
    )} of its ${period} AI budget`;
  } else {
    title = `${name} is projected to reach ${percent(
      next!.fraction,
    )} of its ${period} AI budget on ${readableDay(next!.projectedDate!)}`;
  }
  const alsoCrossed =
    crossed.length > 1
      ? ` Thresholds reached since the last alert: ${crossed
          .map(t => percent(t.fraction))
          .join(', ')}.`
      : '';
  const alsoProjected =
    top && next
      ? ` Projected to reach ${percent(next.fraction)} on ${readableDay(
          next.projectedDate!,
        )}.`
      : '';
  const highest = top ?? next!;
  return {
    entityRef: status.entityRef,
    topic: 'ai-cost-budget',
    scope: `ai-cost:budget:${status.entityRef}:${status.period.start}:${
      highest.fraction
    }:${top ? 'actual' : 'forecast'}`,
    severity: highest.fraction >= 1 ? 'high' : 'normal',
    title,
    description: `Spent ${money(status.spent)} of ${money(
      budget,
    )} from ${readableDay(status.period.start)} to ${readableDay(
      status.period.asOf,
    )}; forecast for the period ${money(
      status.forecast.median,
    )} (80% band ${money(status.forecast.low)}–${money(
      status.forecast.high,
    )}). The period ends on ${readableDay(
      status.period.end,
    )}.${alsoCrossed}${alsoProjected}`,
  };
}

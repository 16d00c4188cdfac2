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
import { inScope } from './budgetScope';
import type { EffectiveBudget } from './resolveBudget';

/** Days of history the forecast and its backtest read. */
const HISTORY_DAYS = 190;

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

/** Budgets by entity, in the order given. */
function byEntity(budgets: EffectiveBudget[]): Map<string, EffectiveBudget[]> {
  const out = new Map<string, EffectiveBudget[]>();
  for (const budget of budgets) {
    out.set(budget.entityRef, [...(out.get(budget.entityRef) ?? []), budget]);
  }
  return out;
}

/**
 * Budget status with month-end (or quarter-end) forecasts, and the alerts:
 * after every attribution each threshold of each budget (overall or scoped
 * to one allocation tag value) fires at most once per period on actual
 * spend and once on forecast, to the entity's owners.
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

  /** The overall budget status of an entity, its scoped budgets in `scoped`. */
  async status(entityRef: string): Promise<BudgetStatus> {
    const { budgets } = await this.options.budgets.entityBudgets(entityRef);
    return this.#entityStatus(entityRef, budgets);
  }

  /** Status of every entity with a budget in force, overall or scoped. */
  async allStatuses(): Promise<BudgetStatus[]> {
    const statuses: BudgetStatus[] = [];
    const budgets = byEntity(await this.options.budgets.allBudgets());
    for (const [entityRef, ofEntity] of budgets) {
      statuses.push(await this.#entityStatus(entityRef, ofEntity));
    }
    return statuses;
  }

  async #entityStatus(
    entityRef: string,
    budgets: EffectiveBudget[],
  ): Promise<BudgetStatus> {
    const { currency } = this.options;
    const overall = budgets.find(budget => budget.scope === undefined);
    const scoped: BudgetStatus[] = [];
    for (const budget of budgets.filter(b => b.scope !== undefined)) {
      scoped.push(
        toBudgetStatus(await this.#state(entityRef, budget), currency),
      );
    }
    return {
      ...toBudgetStatus(await this.#state(entityRef, overall), currency),
      scoped,
    };
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

  /**
   * Daily spend of an entity and its descendants; with a scope, of the
   * spend whose allocation tag has the scope's value only.
   */
  async #history(
    entityRef: string,
    asOf: string,
    scope?: string,
  ): Promise<DailyCost[]> {
    const { graph } = await this.options.index.read();
    const query = {
      window: { from: addDays(asOf, -(HISTORY_DAYS - 1)), to: asOf },
      entityRefs: [entityRef, ...graph.descendants(entityRef)],
    };
    const daily = new Map<string, number>();
    if (scope === undefined) {
      const rows = await this.options.attribution.sumAttributed({
        ...query,
        groupBy: ['date'],
      });
      for (const row of rows) daily.set(row.date, row.cost);
    } else {
      const rows = await this.options.attribution.sumAttributed({
        ...query,
        groupBy: ['date', 'allocationTags'],
      });
      for (const row of rows) {
        if (inScope(row.allocationTags, scope)) {
          daily.set(row.date, (daily.get(row.date) ?? 0) + row.cost);
        }
      }
    }
    return [...daily]
      .map(([date, cost]) => ({ date, cost }))
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
      series: await this.#history(entityRef, asOf, budget?.scope),
      excludeDates: await this.#anomalousDays(entityRef),
    });
  }

  /**
   * Fires the thresholds reached since the last check, each once per period,
   * basis and budget (overall or scoped), in one notification per entity and
   * check (crossing several at once says so in one message, naming the
   * highest; the other budgets of the entity that fired are listed in it). A
   * threshold projected but not yet reached fires only when the budget is at
   * risk (the forecast reaches the budget): an owner on track hears nothing
   * about what the forecast says of 50%. Returns how many notifications were
   * sent.
   */
  async checkAlerts(): Promise<number> {
    const { notifier, currency, index } = this.options;
    const { graph } = await index.read();
    let sent = 0;
    const budgets = byEntity(await this.options.budgets.allBudgets());
    for (const [entityRef, ofEntity] of budgets) {
      const alerts: BudgetAlertMessage[] = [];
      for (const budget of ofEntity) {
        const status = await this.#state(entityRef, budget);
        const fresh = await this.#recordFresh(status);
        if (fresh.length === 0) continue;
        alerts.push(
          budgetAlertMessage({
            status,
            budget: budget.amount,
            name: graph.get(entityRef)?.title ?? entityRef,
            crossed: fresh.filter(t => t.projectedDate === null),
            projected: fresh.filter(t => t.projectedDate !== null),
            money: value => formatMoney(value, currency),
          }),
        );
      }
      if (alerts.length === 0) continue;
      await notifier.notify(entityAlertMessage(alerts));
      sent += 1;
    }
    return sent;
  }

  /** Records the thresholds of a budget that fire now; those not fired before, lowest first. */
  async #recordFresh(
    status: BudgetState,
  ): Promise<Array<{ fraction: number; projectedDate: string | null }>> {
    const fresh: Array<{ fraction: number; projectedDate: string | null }> = [];
    for (const threshold of status.thresholds) {
      if (
        !threshold.crossed &&
        (status.state !== 'at-risk' || !threshold.projectedDate)
      ) {
        continue;
      }
      const projectedDate = threshold.crossed ? null : threshold.projectedDate;
      const recorded = await this.options.budgetStore.recordAlert({
        entityRef: status.entityRef,
        ...(status.budget?.scope ? { scope: status.budget.scope } : {}),
        periodStart: status.period.start,
        threshold: threshold.fraction,
        basis: threshold.crossed ? 'actual' : 'forecast',
        spent: status.spent,
        budget: status.budget?.amount ?? 0,
        projectedDate,
      });
      if (recorded) fresh.push({ fraction: threshold.fraction, projectedDate });
    }
    return fresh.sort((a, b) => a.fraction - b.fraction);
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

/** The alert of one budget, and how it ranks against the entity's other budgets. */
type BudgetAlertMessage = {
  message: OwnerMessage;
  /** Reached on actual spend (else projected). */
  actual: boolean;
  /** The threshold that leads its message. */
  fraction: number;
};

/**
 * One notification for the budgets of an entity that fired in one check:
 * the alert of the highest threshold reached on actual spend leads (else the
 * highest projected one, the overall budget first on a tie); the others are
 * named at the end of its description.
 */
function entityAlertMessage(alerts: BudgetAlertMessage[]): OwnerMessage {
  const [lead, ...others] = [...alerts].sort(
    (a, b) => Number(b.actual) - Number(a.actual) || b.fraction - a.fraction,
  );
  if (others.length === 0) return lead.message;
  return {
    ...lead.message,
    severity: alerts.some(a => a.message.severity === 'high')
      ? 'high'
      : lead.message.severity,
    description: `${lead.message.description} Also: ${others
      .map(other => other.message.title)
      .join('; ')}.`,
  };
}

/**
 * The alert for the thresholds of one budget reached in one check: the
 * highest reached on actual spend leads, else the budget projected to be
 * reached; the others are listed in the description. A scoped budget is
 * named by its scope.
 */
function budgetAlertMessage(options: {
  status: BudgetState;
  budget: number;
  name: string;
  crossed: Array<{ fraction: number }>;
  projected: Array<{ fraction: number; projectedDate: string | null }>;
  money: (value: number) => string;
}): BudgetAlertMessage {
  const { status, budget, name, crossed, projected, money } = options;
  const scope = status.budget?.scope;
  const which = `${
    status.period.period === 'month' ? 'monthly' : 'quarterly'
  } AI budget${scope ? ` for ${scope}` : ''}`;
  const top = crossed.at(-1);
  const next = projected.at(-1);
  let title: string;
  if (top) {
    title = `${name} reached ${percent(top.fraction)} of its ${which}`;
  } else {
    title = `${name} is projected to reach ${percent(
      next!.fraction,
    )} of its ${which} on ${readableDay(next!.projectedDate!)}`;
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
  const message: OwnerMessage = {
    entityRef: status.entityRef,
    topic: 'ai-cost-budget',
    scope: `ai-cost:budget:${status.entityRef}:${scope ? `${scope}:` : ''}${
      status.period.start
    }:${highest.fraction}:${top ? 'actual' : 'forecast'}`,
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
  return { message, actual: top !== undefined, fraction: highest.fraction };
}

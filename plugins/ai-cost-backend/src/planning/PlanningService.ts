import { InputError } from '@backstage/errors';
import {
  addDays,
  dayOf,
  microsFromNumber,
  microsToNumber as money,
  type BudgetPeriod,
  type BudgetSuggestion,
  type PlanMonth as ApiPlanMonth,
  type SpendForecast,
  type YearPlanResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { BudgetService } from '../budgets/BudgetService';
import { chargedParty } from '../chargeback/chargebackLines';
import type { AttributionStore } from '../database';
import type { DailyCost } from '../forecast';
import { budgetSuggestion, RUN_RATE_DAYS } from './budgetSuggestion';
import { backtestStart } from './horizonBand';
import { yearPlan, type PlanLine, type PlanMonth } from './yearPlan';

function toApiMonth(month: PlanMonth): ApiPlanMonth {
  return {
    month: month.month,
    kind: month.kind,
    amount: month.amount === null ? null : money(month.amount),
    low: month.low === undefined ? null : money(month.low),
    high: month.high === undefined ? null : money(month.high),
  };
}

function toApiLine(line: PlanLine) {
  return {
    months: line.months.map(toApiMonth),
    total: line.total === null ? null : money(line.total),
  };
}

/** The first day any source has history: months that ended before it have no data. */
function earliestHistory(
  starts: Array<{ sourceId: string; from: string }>,
): string | null {
  return starts.map(start => start.from).sort()[0] ?? null;
}

/**
 * Planning (DESIGN §9.4): the budget suggested for an entity from its run
 * rate and month-end forecast, and the year's plan per team.
 */
export class PlanningService {
  constructor(
    private readonly options: {
      attribution: AttributionStore;
      index: CatalogIndexReader;
      budgets: Pick<BudgetService, 'allBudgets'>;
      /** The month-end forecast the budget pages show (anomalous days left out). */
      forecast: (entityRef: string) => Promise<SpendForecast>;
      currency: string;
      /** `aiCost.budgets.suggestionHeadroom`. */
      headroom: number;
      now?: () => Date;
    },
  ) {}

  /** The last complete UTC day: today's data is still arriving. */
  #asOf(): string {
    return addDays(dayOf(this.options.now?.() ?? new Date()), -1);
  }

  /** `GET /budgets/suggestion`: `entityRef` is readable by the caller. */
  async suggestion(
    entityRef: string,
    period: BudgetPeriod,
  ): Promise<BudgetSuggestion> {
    const { attribution, index, currency, headroom } = this.options;
    const asOf = this.#asOf();
    const { graph } = await index.read();
    const [forecast, rows] = await Promise.all([
      this.options.forecast(entityRef),
      attribution.sumAttributed({
        window: { from: addDays(asOf, -(RUN_RATE_DAYS - 1)), to: asOf },
        entityRefs: [entityRef, ...graph.descendants(entityRef)],
        groupBy: ['date'],
      }),
    ]);
    const median = forecast.forecast?.median;
    const result = budgetSuggestion({
      recent: rows.map(row => ({ date: row.date, cost: row.cost })),
      asOf,
      monthForecast:
        median === undefined ? undefined : microsFromNumber(median),
      period,
      headroom,
      currency,
    });
    return {
      entityRef,
      currency,
      period,
      suggested:
        result.suggested === undefined ? null : money(result.suggested),
      runRate: money(result.runRate),
      expected: result.expected === undefined ? null : money(result.expected),
      monthForecast: median ?? null,
      headroom,
      basis: result.basis,
      reason: result.reason ?? null,
    };
  }

  /** `GET /plan?year=`: up to next year; later years have nothing to forecast from. */
  async plan(year: number): Promise<YearPlanResponse> {
    const { attribution, index, currency } = this.options;
    const asOf = this.#asOf();
    const lastYear = Number(asOf.slice(0, 4)) + 1;
    if (year > lastYear) {
      throw new InputError(
        `year must be ${lastYear} or earlier: there is nothing to forecast ${year} from`,
      );
    }
    const yearEnd = `${year}-12-31`;
    // The forecasts' training days and the months their error is measured on.
    const errorStart = backtestStart(asOf);
    const from = `${year}-01-01` < errorStart ? `${year}-01-01` : errorStart;
    const window = { from, to: yearEnd < asOf ? yearEnd : asOf };
    const [{ graph }, perEntity, unallocated, budgets, starts] =
      await Promise.all([
        index.read(),
        attribution.sumAttributed({ window, groupBy: ['entityRef', 'date'] }),
        attribution.sumUnallocatedCost({ window, groupBy: ['date'] }),
        this.options.budgets.allBudgets(),
        attribution.historyStarts(),
      ]);
    const historyFrom = earliestHistory(starts);
    const series = new Map<string, DailyCost[]>();
    for (const row of perEntity) {
      const party = chargedParty(graph, row.entityRef);
      const days = series.get(party) ?? [];
      days.push({ date: row.date, cost: row.cost });
      series.set(party, days);
    }
    const plan = yearPlan({
      year,
      asOf,
      historyFrom,
      parties: [...series].map(([entityRef, s]) => ({ entityRef, series: s })),
      unallocated: unallocated.map(row => ({ date: row.date, cost: row.cost })),
    });
    const budgetOf = new Map(budgets.map(b => [b.entityRef, b]));
    return {
      year,
      currency,
      asOf,
      historyFrom,
      teams: plan.teams
        .filter(team => team.months.some(m => (m.amount ?? 0) !== 0))
        .map(team => {
          const title = graph.get(team.entityRef)?.title;
          const budget = budgetOf.get(team.entityRef);
          return {
            entityRef: team.entityRef,
            ...(title ? { title } : {}),
            budget: budget
              ? { amount: money(budget.amount), period: budget.period }
              : null,
            ...toApiLine(team),
          };
        }),
      unallocated: toApiLine(plan.unallocated),
      totals: toApiLine(plan.totals),
    };
  }
}

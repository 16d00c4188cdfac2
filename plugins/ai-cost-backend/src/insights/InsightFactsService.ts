import { dayOf, type BudgetStatus } from '@ai-cost/plugin-ai-cost-common';
import { openAnomalyCounts } from '../anomalies/openAnomalyCounts';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { BudgetMonitor } from '../budgets/BudgetMonitor';
import type { AnomalyStore, AttributionStore } from '../database';
import type { PolicyViolationSummary } from '../digests/DigestService';

/** One entity's facts for Tech Insights scorecards, money in micro-units. */
export interface EntityFacts {
  entityRef: string;
  /** The entity has ai-cost annotations that claim spend. */
  hasClaims: boolean;
  /** Spend of the entity and its descendants this month up to today, as `/costs` reports it. */
  monthToDateSpend: number;
  budgetState: BudgetStatus['state'];
  /** Open anomalies of the entity and its descendants. */
  openAnomalies: number;
  policyViolations: number;
}

/**
 * The facts of every catalog entity in one pass (`GET /insights/facts`):
 * claims from the catalog index, month-to-date spend, budget state, open
 * anomalies and, when a policy service is wired in, policy violations.
 */
export class InsightFactsService {
  constructor(
    private readonly options: {
      index: CatalogIndexReader;
      attribution: AttributionStore;
      anomalies: AnomalyStore;
      budgets: Pick<BudgetMonitor, 'allStatuses'>;
      policyViolations?: PolicyViolationSummary;
      now?: () => Date;
    },
  ) {}

  async facts(): Promise<EntityFacts[]> {
    const { index, attribution, anomalies, budgets, policyViolations } =
      this.options;
    const today = dayOf(this.options.now?.() ?? new Date());
    const window = { from: `${today.slice(0, 7)}-01`, to: today };
    const [{ graph, claimsOf }, rows, anomalyCounts, statuses] =
      await Promise.all([
        index.read(),
        attribution.sumAttributed({ window, groupBy: ['entityRef'] }),
        openAnomalyCounts(anomalies),
        budgets.allStatuses(),
      ]);
    const spendOf = new Map(rows.map(row => [row.entityRef, row.cost]));
    const stateOf = new Map(statuses.map(s => [s.entityRef, s.state]));
    const facts: EntityFacts[] = [];
    for (const node of graph.nodes()) {
      const { entityRef } = node;
      let monthToDateSpend = 0;
      let openAnomalies = 0;
      for (const ref of [entityRef, ...graph.descendants(entityRef)]) {
        monthToDateSpend += spendOf.get(ref) ?? 0;
        openAnomalies += anomalyCounts.get(ref) ?? 0;
      }
      const violations =
        policyViolations && monthToDateSpend > 0
          ? (await policyViolations(entityRef, window.from, window.to)).count
          : 0;
      facts.push({
        entityRef,
        hasClaims: claimsOf(entityRef).length > 0,
        monthToDateSpend,
        budgetState: stateOf.get(entityRef) ?? 'none',
        openAnomalies,
        policyViolations: violations,
      });
    }
    return facts.sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
  }
}

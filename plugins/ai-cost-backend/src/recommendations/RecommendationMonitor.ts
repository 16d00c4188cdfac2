import { addDays, dayOf } from '@ai-cost/plugin-ai-cost-common';
import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type {
  AttributionStore,
  DetectedRecommendation,
  RecommendationStore,
  RecommendationSyncResult,
} from '../database';
import {
  evaluateRecommendations,
  historyStart,
} from './evaluateRecommendations';
import { mainWindow } from './usageMath';

/** Decided findings that stopped triggering are forgotten after this many days. */
const STALE_RETENTION_DAYS = 90;

/**
 * Recomputes the optimization recommendations after every attribution, from
 * the pre-aggregated attributed spend (`ai_cost_daily`, never raw usage),
 * the unallocated spend and the annotation index, up to yesterday (today is
 * incomplete). Figures are refreshed without touching decisions; see
 * {@link RecommendationStore.syncRecommendations} for what happens to
 * findings that no longer trigger.
 */
export class RecommendationMonitor {
  constructor(
    private readonly options: {
      attribution: AttributionStore;
      recommendations: RecommendationStore;
      index: CatalogIndexReader;
      pricing: PricingService;
      currency: string;
      now?: () => Date;
      /** Findings of rules that read other data, e.g. idle subscription seats. */
      extraFindings?: () => Promise<DetectedRecommendation[]>;
    },
  ) {}

  async evaluate(): Promise<
    RecommendationSyncResult & { open: number; findings: number }
  > {
    const now = this.options.now?.() ?? new Date();
    const asOf = addDays(dayOf(now), -1);
    const { attribution } = this.options;
    const rows = await attribution.sumAttributed({
      window: { from: historyStart(asOf), to: asOf },
      groupBy: ['entityRef', 'date', 'provider', 'model', 'apiKeyId'],
    });
    const unallocated = await attribution.sumUnallocated(mainWindow(asOf));
    const { graph, claimsOf } = await this.options.index.read();
    const claims = [...graph.nodes()].flatMap(node => claimsOf(node.entityRef));

    const findings = evaluateRecommendations({
      asOf,
      currency: this.options.currency,
      pricing: this.options.pricing,
      attributed: rows,
      unallocated,
      claims,
    });
    findings.push(...((await this.options.extraFindings?.()) ?? []));
    const result = await this.options.recommendations.syncRecommendations(
      findings,
      { now, staleRetentionDays: STALE_RETENTION_DAYS },
    );
    const open = await this.options.recommendations.countOpen();
    return { ...result, findings: findings.length, open };
  }
}

import { InputError } from '@backstage/errors';
import type {
  AllocationCoverage,
  EntityCostsResponse,
  RollupQuery,
  RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { PricingService, UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { AllocationPolicy } from '../allocation';
import type { AttributionStore } from '../database';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import { allocationCoverage } from './allocationCoverage';
import type { AttributedSpendCache } from './AttributedSpendCache';
import { exportCsv } from './csvExport';
import { entityCosts } from './entityCosts';
import { rollup } from './rollup';
import type { TagMetricValues } from '../unitEconomics/types';
import type { VisibilityCheck } from './visibility';

/**
 * Answers the cost questions of the REST API and the actions from the
 * pre-aggregated `ai_cost_daily` table and the annotation index; never from
 * raw usage. Money is computed in micro-units and converted at the end.
 */
export class CostQueryService {
  constructor(
    private readonly options: {
      store: AttributionStore;
      /** Page views' answers, cached per version of attributed spend. */
      spendCache: AttributedSpendCache;
      index: CatalogIndexReader;
      pricing: PricingService;
      currency: string;
      /** The allocation tags every breakdown reports. */
      tagKeys: string[];
      /** Coverage from which chargeback is ready. */
      coverageThreshold: number;
      /** The allocation rules in force (portal and config). */
      allocationPolicy: () => Promise<AllocationPolicy>;
      demoSourceIds: () => Promise<Set<string>>;
    },
  ) {}

  /** Spend of one entity and its descendants (DESIGN §3 `GET /costs`). */
  async entityCosts(options: {
    entity: { entityRef: string; kind: string; title?: string };
    window: UsageWindow;
    visible: VisibilityCheck;
  }): Promise<EntityCostsResponse> {
    const { spendCache, pricing, currency, tagKeys } = this.options;
    const [store, index, demoSources, policy] = await Promise.all([
      spendCache.reader(),
      this.options.index.read(),
      this.options.demoSourceIds(),
      this.options.allocationPolicy(),
    ]);
    return entityCosts({
      ...options,
      store,
      index,
      pricing,
      currency,
      tagKeys,
      policy,
      demoSources,
    });
  }

  /**
   * Organisation-wide spend grouped one way (DESIGN §3 `GET /rollup`); a tag
   * rollup measured by a metric when its values are given (DESIGN §9.2).
   */
  async rollup(
    query: RollupQuery,
    metric?: TagMetricValues,
  ): Promise<RollupResponse> {
    const { store, currency, tagKeys } = this.options;
    const tag = query.groupBy.startsWith('tag:')
      ? query.groupBy.slice('tag:'.length)
      : undefined;
    if (tag !== undefined && !tagKeys.includes(tag)) {
      throw new InputError(
        `groupBy: ${tag} is not an allocation tag; use one of ${tagKeys
          .map(key => `tag:${key}`)
          .join(', ')} (aiCost.allocation.tags)`,
      );
    }
    if (query.metric !== undefined && tag === undefined) {
      throw new InputError(
        'metric: applies to rollups by an allocation tag (groupBy=tag:<key>), e.g. groupBy=tag:customer&metric=revenue',
      );
    }
    const { graph } = await this.options.index.read();
    return rollup({ store, graph, currency, query, metric });
  }

  /** How much spend is allocated (DESIGN §9.1 `GET /allocation/coverage`). */
  async allocationCoverage(window: UsageWindow): Promise<AllocationCoverage> {
    const { store, spendCache, currency, tagKeys, coverageThreshold } =
      this.options;
    const spend = await spendCache.reader();
    return allocationCoverage({
      // Attributed spend by day over every entity is what SQLite reads
      // slowest (its rows lie by entity): viewed again, it comes from the
      // cache.
      store: {
        sumAttributed: spend.sumAttributed.bind(spend),
        sumUnallocatedCost: options => store.sumUnallocatedCost(options),
      },
      currency,
      tagKeys,
      threshold: coverageThreshold,
      window,
    });
  }

  /**
   * Showback / chargeback CSV lines (see {@link exportCsv}): of an entity
   * and what the caller may see below it, or of the whole organisation.
   */
  async exportCsv(options: {
    window: UsageWindow;
    entity?: { entityRef: string; visible: VisibilityCheck };
  }): Promise<AsyncIterable<string>> {
    const { store, currency, tagKeys } = this.options;
    const { graph } = await this.options.index.read();
    return exportCsv({ ...options, store, graph, currency, tagKeys });
  }
}

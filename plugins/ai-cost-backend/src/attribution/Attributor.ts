import type { LoggerService } from '@backstage/backend-plugin-api';
import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { AllocationPolicy, SplitMetricValues } from '../allocation';
import type { AttributionStore } from '../database';
import { attributeUsage } from './attributeUsage';
import type { CatalogIndexReader } from './CatalogIndex';
import { catalogAllocation } from './catalogAllocation';

/** Days re-attributed per transaction when a whole history is rebuilt. */
const CHUNK_DAYS = 31;

/**
 * Turns ingested usage into attributed spend. Runs after every ingestion run
 * (for that run's window) and after the claims in the catalog or the
 * allocation rules change (for the whole stored history of the affected
 * providers), never re-ingesting.
 */
export class Attributor {
  constructor(
    private readonly options: {
      store: AttributionStore;
      index: CatalogIndexReader;
      /** The allocation rules in force: config rules and the portal's. */
      allocationPolicy: () => Promise<AllocationPolicy>;
      /** Pushed metric values of entities, for metric splits. */
      splitMetrics: (
        policy: AllocationPolicy,
        window: UsageWindow,
      ) => Promise<SplitMetricValues>;
      logger: LoggerService;
    },
  ) {}

  /** Re-attributes one source's window from its stored usage. */
  async attributeSource(sourceId: string, window: UsageWindow) {
    const index = await this.options.index.read();
    const policy = await this.options.allocationPolicy();
    const metrics = await this.options.splitMetrics(policy, window);
    const allocation = catalogAllocation(index, policy, metrics);
    return this.options.store.reattribute({
      sourceId,
      window,
      attribute: groups => attributeUsage(groups, index.claims, allocation),
      byUser: policy.matchDimensions().has('userId'),
    });
  }

  /**
   * Re-attributes every stored day of the sources of some providers (all
   * providers when omitted), a month per transaction.
   */
  async reattribute(providers?: string[], signal?: AbortSignal) {
    const { store } = this.options;
    const pending = await store.usageSpans(providers);
    const spans = pending.length;
    let rows = 0;
    // Sources are independent: as many as the store serves at once are
    // re-attributed side by side, each a month per transaction. After a
    // failure the others stop at their next month; the error is thrown once
    // all have stopped.
    let failed = false;
    const worker = async () => {
      for (let span = pending.shift(); span; span = pending.shift()) {
        for (let from = span.from; from <= span.to; ) {
          signal?.throwIfAborted();
          if (failed) return;
          const end = addDays(from, CHUNK_DAYS - 1);
          const to = end < span.to ? end : span.to;
          const result = await this.attributeSource(span.sourceId, {
            from,
            to,
          });
          rows += result.attributedRows + result.unallocatedRows;
          from = addDays(to, 1);
        }
      }
    };
    const workers = Math.max(1, Math.min(store.reattributeConcurrency, spans));
    const outcomes = await Promise.allSettled(
      Array.from({ length: workers }, () =>
        worker().catch(error => {
          failed = true;
          throw error;
        }),
      ),
    );
    const failure = outcomes.find(outcome => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    this.options.logger.info(
      `Re-attributed ${spans} source(s)${
        providers ? ` of ${providers.join(', ')}` : ''
      }: ${rows} attributed and unallocated rows`,
    );
  }
}

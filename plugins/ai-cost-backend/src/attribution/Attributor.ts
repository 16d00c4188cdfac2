import type { LoggerService } from '@backstage/backend-plugin-api';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import { daysInWindows, daysToWindows } from '../push/windows';
import type { AllocationPolicy, SplitMetricValues } from '../allocation';
import type { AttributionStore } from '../database';
import { attributeUsage } from './attributeUsage';
import type { CatalogIndexReader } from './CatalogIndex';
import { catalogAllocation } from './catalogAllocation';
import type { ClaimedValue } from './catalogSnapshot';

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

  /**
   * Re-attributes one source's window (or only some days of it) from its
   * stored usage.
   */
  async attributeSource(
    sourceId: string,
    window: UsageWindow,
    days?: string[],
  ) {
    const index = await this.options.index.read();
    const policy = await this.options.allocationPolicy();
    const metrics = await this.options.splitMetrics(policy, window);
    const allocation = catalogAllocation(index, policy, metrics);
    return this.options.store.reattribute({
      sourceId,
      window,
      days,
      attribute: groups => attributeUsage(groups, index.claims, allocation),
      byUser: policy.matchDimensions().has('userId'),
    });
  }

  /**
   * Re-attributes every stored day of the sources of some providers (all
   * providers when omitted), a month per transaction.
   */
  async reattribute(providers?: string[], signal?: AbortSignal) {
    const spans = await this.options.store.usageSpans(providers);
    const rows = await this.#reattributeWindows(
      spans.map(span => ({
        sourceId: span.sourceId,
        windows: daysToWindows(eachDay(span.from, span.to), CHUNK_DAYS),
      })),
      signal,
    );
    this.options.logger.info(
      `Re-attributed ${spans.length} source(s)${
        providers ? ` of ${providers.join(', ')}` : ''
      }: ${rows} attributed and unallocated rows`,
    );
  }

  /**
   * Re-attributes only the days whose usage carries one of the values
   * (after their claims changed): the work is proportional to the spend
   * the change can move, not to the providers' whole history.
   */
  async reattributeClaimedValues(values: ClaimedValue[], signal?: AbortSignal) {
    const sources = await this.options.store.daysWithClaimedValues(values);
    // A transaction per month of the days, touching only those days.
    const rows = await this.#reattributeWindows(
      sources.map(({ sourceId, days }) => ({
        sourceId,
        windows: daysInWindows(days, CHUNK_DAYS),
      })),
      signal,
    );
    const days = sources.reduce((sum, source) => sum + source.days.length, 0);
    this.options.logger.info(
      `Re-attributed ${days} day(s) of ${sources.length} source(s) whose usage carries one of ${values.length} changed claim value(s): ${rows} attributed and unallocated rows`,
    );
  }

  /**
   * Sources are independent: as many as the store serves at once are
   * re-attributed side by side, a window per transaction. After a failure
   * the others stop at their next window; the error is thrown once all have
   * stopped. Answers the rows written.
   */
  async #reattributeWindows(
    sources: Array<{
      sourceId: string;
      windows: Array<UsageWindow & { days?: string[] }>;
    }>,
    signal?: AbortSignal,
  ): Promise<number> {
    const pending = [...sources];
    let rows = 0;
    let failed = false;
    const worker = async () => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        for (const window of next.windows) {
          signal?.throwIfAborted();
          if (failed) return;
          const { days, ...span } = window;
          const result = await this.attributeSource(next.sourceId, span, days);
          rows += result.attributedRows + result.unallocatedRows;
        }
      }
    };
    const workers = Math.max(
      1,
      Math.min(this.options.store.reattributeConcurrency, sources.length),
    );
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
    return rows;
  }
}

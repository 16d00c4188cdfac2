import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PricingService } from './PricingService';
import type { UsageRecord, UsageWindow } from './UsageRecord';

/** What the ingestion engine hands a provider for one run. @public */
export interface ProviderFetchContext {
  logger: LoggerService;
  pricing: PricingService;
  /** Aborted when the scheduled task times out or the backend shuts down. */
  signal?: AbortSignal;
}

/**
 * A configured billing source. A provider turns a window of days into
 * normalized usage records; the engine stores them by natural key so that a
 * window can be re-read any number of times without double counting.
 * @public
 */
export interface AiCostProvider {
  /** Configured source id, unique across all providers, e.g. `openai-prod`. */
  readonly id: string;
  /** Provider kind, e.g. `openai`. */
  readonly provider: string;
  /** True for synthetic demo data; the API and UI mark it as such. */
  readonly demo?: boolean;
  /**
   * True for a source computed from settings rather than read from an API
   * (subscriptions): every run re-reads the whole backfill window, not only
   * the trailing lookback days, so a change reaching further back (an
   * earlier start, another amount) shows on every day it touches.
   */
  readonly rereadsHistory?: boolean;
  /**
   * How many days back (today included) the source can still read, for an
   * API that forgets (OpenCost keeps what its Prometheus retains). Runs never
   * ask further back, so days it has forgotten keep what was read while it
   * knew them instead of being replaced with nothing.
   */
  readonly historyDays?: number;
  /**
   * Every record for every day in the window. A day the provider returned
   * nothing for must simply be absent. Throw on any failure: the engine keeps
   * the previously stored data for the window.
   */
  fetchUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]>;
  /**
   * The same records as `fetchUsage`, yielded a page at a time as they are
   * read, so that a long window is never held in memory; the engine uses it
   * when present. Pages may be of any size, and a natural key may appear in
   * several pages: the engine adds such records up as `mergeUsageRecords`
   * does. Throw on any failure: the engine deletes nothing of the window
   * (pages already stored stay until the next successful run).
   */
  streamUsage?(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): AsyncIterable<UsageRecord[]>;
}

/**
 * Every record of a stream of pages, for a provider whose `fetchUsage`
 * reads its own `streamUsage`. Pages are concatenated as they are: pages
 * that may repeat a natural key need `mergeUsageRecords` on the result.
 * @public
 */
export async function collectUsagePages(
  pages: AsyncIterable<UsageRecord[]>,
): Promise<UsageRecord[]> {
  const records: UsageRecord[] = [];
  for await (const page of pages) {
    for (const record of page) records.push(record);
  }
  return records;
}

import { addDays, dayOf, dayToEpochMs } from '@ai-cost/plugin-ai-cost-common';
import {
  assertUsageWindow,
  collectUsagePages,
  fetchAllPages,
  parseProviderBody,
  ProviderHttpClient,
  type AiCostProvider,
  type ProviderFetchContext,
  type ProviderHttpClientOptions,
  type QueryParams,
  type UsageRecord,
  type UsageWindow,
  windowSlices,
} from '@ai-cost/plugin-ai-cost-node';
import type { z } from 'zod';
import {
  combineUsageAndCosts,
  costLineFromResult,
  usageRowFromCompletions,
  usageRowFromEmbeddings,
  type CostLine,
  type UsageRow,
} from './normalize';
import {
  completionsPageSchema,
  costsPageSchema,
  describeOpenAiErrorBody,
  embeddingsPageSchema,
  type Bucket,
} from './schemas';

/** @public */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Largest `limit` (buckets per page) the Costs API accepts with `1d` buckets. */
export const COSTS_PAGE_LIMIT = 180;
/** Largest `limit` the Usage API accepts with `1d` buckets. */
export const USAGE_PAGE_LIMIT = 31;

const SECONDS_PER_DAY = 86_400;

/**
 * Days read and yielded at a time: a week of an organization's costs and
 * usage is a few thousand records, and costs still fit one page.
 */
const SLICE_DAYS = 7;

/** @public */
export interface OpenAiCostProviderOptions {
  /** Source id, unique across all providers, e.g. `openai-prod`. */
  id: string;
  /** OpenAI organization admin key (`sk-admin-...`). Never logged. */
  adminKey: string;
  /** Default `https://api.openai.com/v1`. */
  baseUrl?: string;
  /** Reporting currency (`aiCost.currency`). Default `USD`. */
  currency?: string;
  /** Overrides for the HTTP client, e.g. `sleep` and `maxRetries` in tests. */
  http?: Partial<ProviderHttpClientOptions>;
}

/**
 * Reads an OpenAI organization's billed costs (`/organization/costs`) and
 * token usage (`/organization/usage/completions`, `/embeddings`) for a window
 * of days and turns them into usage records: the Costs API is the billed
 * truth, usage explains it per model (see `combineUsageAndCosts`).
 * @public
 */
export class OpenAiCostProvider implements AiCostProvider {
  readonly provider = 'openai';
  readonly id: string;
  private readonly currency: string;
  private readonly client: ProviderHttpClient;

  constructor(options: OpenAiCostProviderOptions) {
    this.id = options.id;
    this.currency = (options.currency ?? 'USD').toUpperCase();
    const adminKey = options.adminKey;
    this.client = new ProviderHttpClient({
      providerName: 'OpenAI',
      ...options.http,
      baseUrl: options.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
      headers: {
        ...options.http?.headers,
        authorization: `Bearer ${adminKey}`,
      },
      // OpenAI may echo the key back in an error body; the client redacts it.
      secrets: [adminKey],
      describeErrorBody: body =>
        describeOpenAiErrorBody(body) ??
        options.http?.describeErrorBody?.(body),
    });
  }

  /** Every record of the window: the slices of `streamUsage`, joined. */
  async fetchUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    return collectUsagePages(this.streamUsage(window, context));
  }

  /**
   * The window's records, 7 days at a time: costs and
   * usage of a slice are read and joined, then yielded, so a long backfill
   * is never held whole. Slices share no day, so no natural key.
   */
  async *streamUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): AsyncGenerator<UsageRecord[]> {
    assertUsageWindow(window, `OpenAI source "${this.id}"`);
    for (const slice of windowSlices(window, SLICE_DAYS)) {
      yield await this.fetchSlice(slice, context);
    }
  }

  private async fetchSlice(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    const startTime = dayToEpochMs(window.from) / 1000;
    const endTime = dayToEpochMs(addDays(window.to, 1)) / 1000;
    const { logger, pricing, signal } = context;

    const fetchBuckets = async <T>(
      path: string,
      schema: z.ZodType<{
        data: Bucket<T>[];
        has_more: boolean;
        next_page?: string | null;
      }>,
      groupBy: string[],
      limit: number,
    ): Promise<Array<{ date: string; results: T[] }>> => {
      const query: QueryParams = [
        ['start_time', String(startTime)],
        ['end_time', String(endTime)],
        ['bucket_width', '1d'],
        ...groupBy.map((g): [string, string] => ['group_by[]', g]),
        ['limit', String(limit)],
      ];
      const endpoint = `OpenAI ${path}`;
      const buckets = await fetchAllPages(
        this.client,
        path,
        query,
        body => parseProviderBody(schema, body, endpoint),
        signal,
      );
      // A bucket outside the requested window is ignored (with a warning),
      // not rejected: the run only replaces the window's days, so such data
      // could never be stored, and failing the whole run for it would hide
      // the days that are fine.
      const inWindow = buckets.filter(
        b => b.start_time >= startTime && b.start_time < endTime,
      );
      if (inWindow.length < buckets.length) {
        const outside = buckets
          .filter(b => !inWindow.includes(b))
          .map(b => b.start_time);
        logger.warn(
          `${endpoint} returned ${outside.length} bucket(s) starting outside ${
            window.from
          }..${window.to} (start_time ${outside.join(', ')}); ignored`,
        );
      }
      const misaligned = inWindow.filter(
        b => b.start_time % SECONDS_PER_DAY !== 0,
      );
      if (misaligned.length > 0) {
        logger.warn(
          `${endpoint} returned ${misaligned.length} bucket(s) not aligned to UTC midnight; each is counted on the UTC day it starts in`,
        );
      }
      return inWindow.map(b => ({
        date: dayOf(b.start_time * 1000),
        results: b.results,
      }));
    };

    const costs: CostLine[] = [];
    for (const bucket of await fetchBuckets(
      '/organization/costs',
      costsPageSchema,
      ['project_id', 'api_key_id', 'line_item'],
      COSTS_PAGE_LIMIT,
    )) {
      for (const result of bucket.results) {
        costs.push(
          costLineFromResult(bucket.date, result, 'OpenAI /organization/costs'),
        );
      }
    }

    const usage: UsageRow[] = [];
    const usageGroupBy = ['project_id', 'api_key_id', 'model'];
    for (const bucket of await fetchBuckets(
      '/organization/usage/completions',
      completionsPageSchema,
      usageGroupBy,
      USAGE_PAGE_LIMIT,
    )) {
      for (const result of bucket.results) {
        usage.push(usageRowFromCompletions(bucket.date, result));
      }
    }
    for (const bucket of await fetchBuckets(
      '/organization/usage/embeddings',
      embeddingsPageSchema,
      usageGroupBy,
      USAGE_PAGE_LIMIT,
    )) {
      for (const result of bucket.results) {
        usage.push(usageRowFromEmbeddings(bucket.date, result));
      }
    }

    const { records, unpriced } = combineUsageAndCosts({
      usage,
      costs,
      currency: this.currency,
      pricing,
    });
    if (unpriced.size > 0) {
      logger.warn(
        `OpenAI source "${this.id}": no price for ${[...unpriced]
          .map(([model, reason]) => `${model} (${reason})`)
          .join(', ')}; those records are flagged unpriced`,
      );
    }
    logger.debug(
      `OpenAI source "${this.id}": ${costs.length} cost lines and ${usage.length} usage rows became ${records.length} records`,
    );
    return records;
  }
}

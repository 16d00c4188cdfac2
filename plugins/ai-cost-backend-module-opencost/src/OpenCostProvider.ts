import { addDays } from '@ai-cost/plugin-ai-cost-common';
import {
  assertUsageWindow,
  mergeUsageRecords,
  parseProviderBody,
  ProviderApiError,
  ProviderHttpClient,
  type AiCostProvider,
  type ProviderFetchContext,
  type ProviderHttpClientOptions,
  type QueryParams,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import type { OpenCostInclude } from './config';
import {
  allocationDay,
  KUBERNETES_PROVIDER,
  recordFromAllocation,
} from './normalize';
import {
  allocationResponseSchema,
  describeOpenCostErrorBody,
  envelopeSchema,
} from './schemas';

/** OpenCost's allocation API, under `baseUrl`. @public */
export const OPENCOST_DEFAULT_ALLOCATION_PATH = '/allocation/compute';

/**
 * Most days one request asks for. OpenCost computes allocations from
 * Prometheus on every request, so a long window is read in chunks that each
 * finish well within the request timeout.
 */
export const MAX_DAYS_PER_REQUEST = 7;

/** The aggregation each allocation is reported by: one workload per row. */
export const AGGREGATE = 'cluster,namespace,controllerKind,controller';

/** @public */
export interface OpenCostProviderOptions {
  /** Source id, unique across all providers, e.g. `opencost-prod`. */
  id: string;
  /** The OpenCost API, e.g. `http://opencost.opencost:9003`. */
  baseUrl: string;
  /** `gpu` (default): GPU cost only; `all`: each workload's total cost. */
  include?: OpenCostInclude;
  /** Default `/allocation/compute`. */
  allocationPath?: string;
  /** Sent as a bearer token, for an API behind an authenticating proxy. Never logged. */
  token?: string;
  /** Reporting currency (`aiCost.currency`). Default `USD`. */
  currency?: string;
  /**
   * Days OpenCost's Prometheus keeps (default 14, one less than the Helm
   * chart's 15-day retention): runs never read further back, so older days
   * keep what was read while OpenCost still knew them.
   */
  retentionDays?: number;
  /** Overrides for the HTTP client, e.g. `sleep` and `maxRetries` in tests. */
  http?: Partial<ProviderHttpClientOptions>;
}

/** Days read back by default: the OpenCost Helm chart keeps 15 days of Prometheus data. */
export const DEFAULT_RETENTION_DAYS = 14;

/** The windows of at most {@link MAX_DAYS_PER_REQUEST} days that cover `window`. */
export function chunkWindow(window: UsageWindow): UsageWindow[] {
  const chunks: UsageWindow[] = [];
  for (let from = window.from; from <= window.to; ) {
    const last = addDays(from, MAX_DAYS_PER_REQUEST - 1);
    const to = last < window.to ? last : window.to;
    chunks.push({ from, to });
    from = addDays(to, 1);
  }
  return chunks;
}

/**
 * Reads the daily cost of every Kubernetes workload from an OpenCost (or
 * Kubecost) allocation API and turns it into usage records of provider
 * `kubernetes`: per day and workload (cluster, namespace, controller), the GPU
 * cost, or with `include: all` the total cost. OpenCost prices resources
 * itself, so the records are `estimated`.
 * @public
 */
export class OpenCostProvider implements AiCostProvider {
  readonly provider = KUBERNETES_PROVIDER;
  readonly id: string;
  readonly historyDays: number;
  private readonly include: OpenCostInclude;
  private readonly path: string;
  private readonly currency: string;
  private readonly client: ProviderHttpClient;

  constructor(options: OpenCostProviderOptions) {
    this.id = options.id;
    this.historyDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.include = options.include ?? 'gpu';
    this.path = options.allocationPath ?? OPENCOST_DEFAULT_ALLOCATION_PATH;
    this.currency = (options.currency ?? 'USD').toUpperCase();
    const token = options.token;
    this.client = new ProviderHttpClient({
      providerName: 'OpenCost',
      ...options.http,
      baseUrl: options.baseUrl,
      headers: {
        ...options.http?.headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      secrets: token ? [token] : [],
      describeErrorBody: body =>
        describeOpenCostErrorBody(body) ??
        options.http?.describeErrorBody?.(body),
    });
  }

  async fetchUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    const source = `OpenCost source "${this.id}"`;
    assertUsageWindow(window, source);
    const { logger, signal } = context;
    const endpoint = `OpenCost ${this.path}`;
    const records: UsageRecord[] = [];
    const outside = new Set<string>();
    /** Days whose set had no allocation at all, not even idle: no data. */
    const empty: string[] = [];
    let misaligned = 0;
    let allocations = 0;

    for (const chunk of chunkWindow(window)) {
      const query: QueryParams = [
        ['window', `${chunk.from}T00:00:00Z,${addDays(chunk.to, 1)}T00:00:00Z`],
        ['aggregate', AGGREGATE],
        ['step', '1d'],
        ['accumulate', 'false'],
        // Idle as its own allocation: OpenCost's `includeIdle` (default
        // false), Kubecost's `idle` (default true); never shared out.
        ['includeIdle', 'true'],
        ['idle', 'true'],
        ['shareIdle', 'false'],
        // Keeps the labels the pods of a controller share (the
        // kubernetes-id label) on the aggregated allocation.
        ['includeAggregatedMetadata', 'true'],
      ];
      const body = await this.client.getJson(this.path, query, signal);
      const envelope = parseProviderBody(envelopeSchema, body, endpoint);
      if (envelope.code !== 200) {
        throw new ProviderApiError(
          `${endpoint} answered code ${envelope.code} in its body${
            envelope.message ? `: ${envelope.message}` : ''
          }`,
        );
      }
      const response = parseProviderBody(
        allocationResponseSchema,
        body,
        endpoint,
      );
      for (const [index, set] of response.data.entries()) {
        // With step=1d the i-th set is the i-th day of the chunk.
        if (Object.keys(set ?? {}).length === 0) {
          const day = addDays(chunk.from, index);
          if (day <= chunk.to) empty.push(day);
        }
        for (const allocation of Object.values(set ?? {})) {
          const { date, aligned } = allocationDay(allocation, endpoint);
          // Outside the chunk (not the run window): a set the next chunk
          // also returns would otherwise be counted twice.
          if (date < chunk.from || date > chunk.to) {
            outside.add(date);
            continue;
          }
          if (!aligned) misaligned++;
          allocations++;
          const record = recordFromAllocation(allocation, {
            date,
            include: this.include,
            currency: this.currency,
            where: endpoint,
          });
          if (record) records.push(record);
        }
      }
    }

    if (outside.size > 0) {
      logger.warn(
        `${endpoint} returned allocations for ${[...outside]
          .sort()
          .join(', ')}, outside the requested days; ignored`,
      );
    }
    if (empty.length > 0) {
      // A running cluster always has allocations (system pods, idle), so an
      // empty day is one OpenCost has no data for, typically older than its
      // Prometheus retention. The run replaces those days with nothing.
      logger.warn(
        `${endpoint} returned no allocations at all for ${
          empty.length
        } day(s) (${empty[0]}${
          empty.length > 1 ? `..${empty[empty.length - 1]}` : ''
        }); if they are older than OpenCost's Prometheus retention, lower retentionDays of this source to it, or those days stay empty`,
      );
    }
    if (misaligned > 0) {
      logger.warn(
        `${endpoint} returned ${misaligned} allocation(s) whose window does not start at UTC midnight; each is counted on the UTC day it starts in`,
      );
    }
    const merged = mergeUsageRecords(records);
    logger.debug(
      `${source}: ${allocations} allocations became ${merged.length} ${this.include} records`,
    );
    return merged;
  }
}

import { addDays } from '@ai-cost/plugin-ai-cost-common';
import {
  ProviderHttpClient,
  assertUsageWindow,
  collectUsagePages,
  fetchAllPages,
  parseProviderBody,
  type AiCostProvider,
  type ProviderFetchContext,
  type ProviderHttpClientOptions,
  type QueryParams,
  type UsageRecord,
  type UsageWindow,
  windowSlices,
} from '@ai-cost/plugin-ai-cost-node';
import {
  ANTHROPIC_PROVIDER,
  COST_REPORT_PATH,
  USAGE_REPORT_PATH,
  combineReports,
} from './normalize';
import {
  costReportPageSchema,
  errorEnvelopeSchema,
  usageReportPageSchema,
} from './schemas';

/** Default Admin API base URL. @public */
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/** The `anthropic-version` header this module speaks. @public */
export const ANTHROPIC_VERSION = '2023-06-01';

/** Sent as `User-Agent`, as Anthropic asks of integrations. @public */
export const ANTHROPIC_USER_AGENT =
  'ai-cost-backstage/0.1.0 (@ai-cost/plugin-ai-cost-backend-module-anthropic; +https://github.com/ai-cost/backstage-plugins)';

/** Daily buckets per page: the maximum both reports allow. */
const PAGE_LIMIT = '31';

/**
 * Days read and yielded at a time: a week of an organization's cost and
 * usage reports is a few thousand records.
 */
const SLICE_DAYS = 7;

/** @public */
export interface AnthropicCostProviderOptions {
  /** Source id, unique across all providers, e.g. `anthropic-prod`. */
  id: string;
  /** Anthropic Admin API key (`sk-ant-admin01-…`). Never logged or put in errors. */
  adminKey: string;
  /** Default `https://api.anthropic.com`; for a proxy or a test double. */
  baseUrl?: string;
  /** The reporting currency (`aiCost.currency`); default `USD`. */
  currency?: string;
  /** Overrides of the HTTP client (retries, backoff, an injected `sleep`). */
  http?: Partial<ProviderHttpClientOptions>;
}

/**
 * Extracts Anthropic's error envelope
 * `{"type":"error","error":{"type":"…","message":"…"},"request_id":"req_…"}`
 * as `authentication_error: invalid x-api-key (request req_…)`.
 * @public
 */
export function describeAnthropicError(body: unknown): string | undefined {
  const parsed = errorEnvelopeSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, request_id: requestId } = parsed.data;
  const message = error.type
    ? `${error.type}: ${error.message}`
    : error.message;
  return requestId ? `${message} (request ${requestId})` : message;
}

/**
 * An Anthropic organization as an AI Cost billing source. Reads the Admin
 * API cost report (the billed truth, per workspace and model) and the
 * messages usage report (tokens per api key, workspace and model), and
 * splits each billed workspace/model/day total across the api keys behind it.
 * @public
 */
export class AnthropicCostProvider implements AiCostProvider {
  readonly provider = ANTHROPIC_PROVIDER;
  readonly id: string;
  private readonly currency: string;
  private readonly client: ProviderHttpClient;

  constructor(options: AnthropicCostProviderOptions) {
    this.id = options.id;
    this.currency = (options.currency ?? 'USD').toUpperCase();
    const adminKey = options.adminKey;
    this.client = new ProviderHttpClient({
      ...options.http,
      providerName: 'Anthropic',
      baseUrl: options.baseUrl ?? DEFAULT_ANTHROPIC_BASE_URL,
      headers: {
        ...options.http?.headers,
        'x-api-key': adminKey,
        'anthropic-version': ANTHROPIC_VERSION,
        'user-agent': ANTHROPIC_USER_AGENT,
      },
      // Whatever the body says, an echoed key never reaches an error message.
      secrets: [adminKey],
      describeErrorBody: body => {
        let described = describeAnthropicError(body);
        if (described === undefined && body !== '' && body !== undefined) {
          described = (
            typeof body === 'string' ? body : JSON.stringify(body)
          ).slice(0, 200);
        }
        return described;
      },
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
   * The window's records, 7 days at a time: the cost and
   * usage reports of a slice are read and joined, then yielded, so a long
   * backfill is never held whole. Slices share no day, so no natural key.
   */
  async *streamUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): AsyncGenerator<UsageRecord[]> {
    assertUsageWindow(window, `Anthropic source "${this.id}"`);
    for (const slice of windowSlices(window, SLICE_DAYS)) {
      yield await this.fetchSlice(slice, context);
    }
  }

  private async fetchSlice(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    const range: QueryParams = [
      ['starting_at', `${window.from}T00:00:00Z`],
      ['ending_at', `${addDays(window.to, 1)}T00:00:00Z`],
      ['bucket_width', '1d'],
      ['limit', PAGE_LIMIT],
    ];
    const costEndpoint = `Anthropic ${COST_REPORT_PATH}`;
    const costBuckets = await fetchAllPages(
      this.client,
      COST_REPORT_PATH,
      [...range, ['group_by[]', 'workspace_id'], ['group_by[]', 'description']],
      body => parseProviderBody(costReportPageSchema, body, costEndpoint),
      context.signal,
    );
    const usageEndpoint = `Anthropic ${USAGE_REPORT_PATH}`;
    const usageBuckets = await fetchAllPages(
      this.client,
      USAGE_REPORT_PATH,
      [
        ...range,
        ['group_by[]', 'api_key_id'],
        ['group_by[]', 'workspace_id'],
        ['group_by[]', 'model'],
      ],
      body => parseProviderBody(usageReportPageSchema, body, usageEndpoint),
      context.signal,
    );
    return combineReports(costBuckets, usageBuckets, {
      window,
      currency: this.currency,
      pricing: context.pricing,
      logger: context.logger,
    });
  }
}

import type { TokenCredential } from '@azure/identity';
import {
  assertUsageWindow,
  mergeUsageRecords,
  parseProviderBody,
  ProviderApiError,
  ProviderHttpClient,
  type AiCostProvider,
  type ProviderFetchContext,
  type ProviderHttpClientOptions,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import {
  AZURE_PROVIDER,
  QueryTable,
  recordsFromCostRows,
  subscriptionOf,
  tagsByResourceDay,
} from './normalize';
import {
  describeAzureErrorBody,
  queryResultSchema,
  type QueryResult,
} from './schemas';

/** @public */
export const AZURE_DEFAULT_BASE_URL = 'https://management.azure.com';
/** A stable Cost Management api-version. @public */
export const AZURE_DEFAULT_API_VERSION = '2025-03-01';
/** The token audience of Azure Resource Manager. @public */
export const AZURE_MANAGEMENT_SCOPE = 'https://management.azure.com/.default';

/**
 * Cost Management's throttling headers (seconds to wait), read on a 429
 * together with `Retry-After`.
 * @public
 */
export const AZURE_RETRY_AFTER_HEADERS = [
  'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-clienttype-retry-after',
];

/** @public */
export interface AzureCostProviderOptions {
  /** Source id, unique across all providers, e.g. `azure-main`. */
  id: string;
  /** Cost Management scope, e.g. `/subscriptions/<id>`. */
  scope: string;
  /** Where access tokens come from, e.g. `new DefaultAzureCredential()`. */
  credential: TokenCredential;
  /** Default `ActualCost`. */
  costType?: 'ActualCost' | 'AmortizedCost';
  /** Cost column to aggregate: `Cost` (default) or `PreTaxCost`. */
  costColumn?: 'Cost' | 'PreTaxCost';
  /** MeterCategory values to read. Default `Cognitive Services`. */
  meterCategories?: string[];
  /** Resource tag keys to read (one extra query each). */
  tagKeys?: string[];
  /** Tokens per unit of UsageQuantity for token meters. Default 1000. */
  tokensPerUsageUnit?: number;
  /** Default `2025-03-01`. */
  apiVersion?: string;
  /** Default `https://management.azure.com`. */
  baseUrl?: string;
  /** Token audience. Default `https://management.azure.com/.default`. */
  tokenScope?: string;
  /** Reporting currency (`aiCost.currency`). Default `USD`. */
  currency?: string;
  /** Values never to print, e.g. the client secret. */
  secrets?: string[];
  /** Overrides of the HTTP client, e.g. `sleep` and `maxRetries` in tests. */
  http?: Partial<ProviderHttpClientOptions>;
}

/** A scope with a leading slash and no trailing one. */
export function normalizeScope(scope: string): string {
  return `/${scope.replace(/^\/+|\/+$/g, '')}`;
}

/**
 * Azure OpenAI (Cognitive Services) spend from the Cost Management Query API
 * as an AI Cost billing source: daily, per resource and meter, with resource
 * tags.
 * @public
 */
export class AzureCostProvider implements AiCostProvider {
  readonly provider = AZURE_PROVIDER;
  readonly id: string;
  readonly #options: AzureCostProviderOptions;
  readonly #scope: string;
  readonly #currency: string;
  readonly #client: ProviderHttpClient;

  constructor(options: AzureCostProviderOptions) {
    this.id = options.id;
    this.#options = options;
    this.#scope = normalizeScope(options.scope);
    this.#currency = (options.currency ?? 'USD').toUpperCase();
    const { credential } = options;
    const tokenScope = options.tokenScope ?? AZURE_MANAGEMENT_SCOPE;
    this.#client = new ProviderHttpClient({
      providerName: 'Azure Cost Management',
      ...options.http,
      baseUrl: options.baseUrl ?? AZURE_DEFAULT_BASE_URL,
      headers: { ...options.http?.headers },
      secrets: [...(options.secrets ?? []), ...(options.http?.secrets ?? [])],
      retryAfterHeaders: [
        ...AZURE_RETRY_AFTER_HEADERS,
        ...(options.http?.retryAfterHeaders ?? []),
      ],
      // A fresh (cached by @azure/identity) token for every attempt.
      authenticate: async signal => {
        const token = await credential.getToken(tokenScope, {
          abortSignal: signal,
        });
        if (!token?.token) throw new Error('the credential returned no token');
        return {
          headers: { authorization: `Bearer ${token.token}` },
          secrets: [token.token],
        };
      },
      describeErrorBody: body =>
        describeAzureErrorBody(body) ?? options.http?.describeErrorBody?.(body),
    });
  }

  async fetchUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    assertUsageWindow(window, `Azure source "${this.id}"`);
    const costColumn = this.#options.costColumn ?? 'Cost';
    // Accept the other name too: which one a scope answers with depends on
    // its agreement type.
    const costColumns = [
      costColumn,
      costColumn === 'Cost' ? 'PreTaxCost' : 'Cost',
    ];
    const options = {
      currency: this.#currency,
      window,
      costColumns,
      tokensPerUnit: this.#options.tokensPerUsageUnit ?? 1000,
      scopeSubscription: subscriptionOf(this.#scope),
    };

    const records: UsageRecord[] = [];
    for (const table of await this.#query(
      window,
      [
        { type: 'Dimension', name: 'ResourceId' },
        { type: 'Dimension', name: 'Meter' },
      ],
      true,
      context.signal,
    )) {
      records.push(...recordsFromCostRows(table, options));
    }

    // Cost Management allows two group-bys, so tags come from one more query
    // per tag key, grouped by resource and that key.
    const tags = new Map<string, Record<string, string>>();
    for (const tagKey of this.#options.tagKeys ?? []) {
      for (const table of await this.#query(
        window,
        [
          { type: 'Dimension', name: 'ResourceId' },
          { type: 'TagKey', name: tagKey },
        ],
        false,
        context.signal,
      )) {
        tagsByResourceDay(table, tagKey, costColumns, tags);
      }
    }
    for (const record of records) {
      const found = tags.get(`${record.date}|${record.resourceId ?? ''}`);
      record.tags = found ? { ...found } : null;
    }

    const merged = mergeUsageRecords(records);
    context.logger.debug(
      `Azure source "${this.id}": ${merged.length} record(s) for ${window.from}..${window.to}`,
    );
    return merged;
  }

  /** Every page of one query, following `properties.nextLink`. */
  async #query(
    window: UsageWindow,
    grouping: Array<{ type: 'Dimension' | 'TagKey'; name: string }>,
    withQuantity: boolean,
    signal?: AbortSignal,
  ): Promise<QueryTable[]> {
    const costColumn = this.#options.costColumn ?? 'Cost';
    const body = {
      type: this.#options.costType ?? 'ActualCost',
      timeframe: 'Custom',
      timePeriod: {
        from: `${window.from}T00:00:00Z`,
        to: `${window.to}T23:59:59Z`,
      },
      dataset: {
        granularity: 'Daily',
        aggregation: {
          // The alias is the column name, so the cost column is found
          // whichever of the two Azure reports.
          [costColumn]: { name: costColumn, function: 'Sum' },
          ...(withQuantity
            ? { UsageQuantity: { name: 'UsageQuantity', function: 'Sum' } }
            : {}),
        },
        grouping,
        filter: {
          dimensions: {
            name: 'MeterCategory',
            operator: 'In',
            values: this.#options.meterCategories ?? ['Cognitive Services'],
          },
        },
      },
    };
    const path = `${this.#scope}/providers/Microsoft.CostManagement/query`;
    const where = `Azure Cost Management ${path}`;
    const tables: QueryTable[] = [];
    const seen = new Set<string>();
    let link: string | undefined;
    for (let page = 0; ; page++) {
      const raw = link
        ? await this.#client.postJson(link, body, [], signal)
        : await this.#client.postJson(
            path,
            body,
            [
              [
                'api-version',
                this.#options.apiVersion ?? AZURE_DEFAULT_API_VERSION,
              ],
            ],
            signal,
          );
      // 204 No Content: nothing to report.
      if (raw === null) break;
      const result: QueryResult = parseProviderBody(
        queryResultSchema,
        raw,
        page === 0 ? where : `${where} (page ${page + 1})`,
      );
      tables.push(
        new QueryTable(
          result,
          page === 0 ? where : `${where} (page ${page + 1})`,
        ),
      );
      const next = result.properties.nextLink;
      if (!next) break;
      if (seen.has(next)) {
        throw new ProviderApiError(
          `${where}: nextLink repeated; stopping instead of looping`,
        );
      }
      seen.add(next);
      link = next;
    }
    return tables;
  }
}

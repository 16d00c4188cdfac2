import type { TokenCredential } from '@azure/identity';
import {
  assertUsageWindow,
  DEFAULT_CLASSIFICATION_RULES,
  isAcceleratorCompute,
  mergeUsageRecords,
  parseProviderBody,
  ProviderApiError,
  ProviderHttpClient,
  type AiCostProvider,
  type ClassificationRules,
  type ProviderFetchContext,
  type ProviderHttpClientOptions,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import {
  AZURE_PROVIDER,
  QueryTable,
  recordsFromCostRows,
  recordsFromGpuRows,
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
  /**
   * Also aggregate the USD amount (`CostUSD` / `PreTaxCostUSD`). When
   * `currency` is USD, a row billed in another currency then states its
   * rate (USD amount / billed amount); otherwise configured or imported
   * rates convert it. Default false.
   */
  usdCostColumn?: boolean;
  /** MeterCategory values to read. Default `Cognitive Services`. */
  meterCategories?: string[];
  /** Resource tag keys to read (one extra query each). */
  tagKeys?: string[];
  /** Tokens per unit of UsageQuantity for token meters. Default 1000. */
  tokensPerUsageUnit?: number;
  /**
   * Also read GPU compute (self-hosted AI): one more query per run for
   * `Virtual Machines` spend by resource and meter, keeping the N-series
   * (GPU) meters as `self-hosted` records. Default false.
   */
  gpuCompute?: boolean;
  /**
   * Which meters are GPU / accelerator compute (`acceleratorPatterns`);
   * normally `readClassificationRules(config)`. Default: the shipped rules.
   */
  classificationRules?: ClassificationRules;
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

/** The MeterCategory of virtual machines, GPU sizes included. */
export const AZURE_VM_METER_CATEGORY = 'Virtual Machines';

/** What one Cost Management query asks for besides its grouping. */
interface QueryShape {
  grouping: Array<{ type: 'Dimension' | 'TagKey'; name: string }>;
  /** MeterCategory values to filter on. */
  meterCategories: string[];
  /** Also aggregate UsageQuantity (token meters). */
  quantity: boolean;
  /** Also aggregate the USD cost column, when one is read. */
  usd: boolean;
}

/**
 * Azure OpenAI (Cognitive Services) spend from the Cost Management Query API
 * as an AI Cost billing source: daily, per resource and meter, with resource
 * tags; with `gpuCompute`, also GPU virtual machines as self-hosted spend.
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
      usdCostColumns: this.#usdCostColumns(),
      tokensPerUnit: this.#options.tokensPerUsageUnit ?? 1000,
      scopeSubscription: subscriptionOf(this.#scope),
    };

    const meterCategories = this.#options.meterCategories ?? [
      'Cognitive Services',
    ];
    const byMeter: QueryShape['grouping'] = [
      { type: 'Dimension', name: 'ResourceId' },
      { type: 'Dimension', name: 'Meter' },
    ];
    const records: UsageRecord[] = [];
    for (const table of await this.#query(
      window,
      { grouping: byMeter, meterCategories, quantity: true, usd: true },
      context.signal,
    )) {
      records.push(...recordsFromCostRows(table, options));
    }

    // GPU compute: virtual machine spend by resource and meter, of which
    // only N-series (GPU) meters count (self-hosted models). A category
    // already read above is not read twice.
    const gpuCompute =
      this.#options.gpuCompute === true &&
      !meterCategories.some(
        c => c.toLowerCase() === AZURE_VM_METER_CATEGORY.toLowerCase(),
      );
    if (gpuCompute) {
      const rules =
        this.#options.classificationRules ?? DEFAULT_CLASSIFICATION_RULES;
      const skipped = new Set<string>();
      let gpuRecords = 0;
      for (const table of await this.#query(
        window,
        {
          grouping: byMeter,
          meterCategories: [AZURE_VM_METER_CATEGORY],
          quantity: false,
          usd: true,
        },
        context.signal,
      )) {
        const result = recordsFromGpuRows(table, {
          ...options,
          isAccelerator: meter => isAcceleratorCompute(meter, rules),
        });
        records.push(...result.records);
        gpuRecords += result.records.length;
        result.skippedMeters.forEach(m => skipped.add(m));
      }
      context.logger.debug(
        `Azure source "${this.id}": ${gpuRecords} GPU compute row(s) of ${AZURE_VM_METER_CATEGORY}; ${skipped.size} other meter(s) left out`,
      );
    }

    // Cost Management allows two group-bys, so tags come from one more query
    // per tag key, grouped by resource and that key (GPU machines included).
    const tags = new Map<string, Record<string, string>>();
    for (const tagKey of this.#options.tagKeys ?? []) {
      for (const table of await this.#query(
        window,
        {
          grouping: [
            { type: 'Dimension', name: 'ResourceId' },
            { type: 'TagKey', name: tagKey },
          ],
          meterCategories: gpuCompute
            ? [...meterCategories, AZURE_VM_METER_CATEGORY]
            : meterCategories,
          quantity: false,
          usd: false,
        },
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

  /**
   * The USD cost columns to read a row's stated rate from (preferred
   * first): only when asked for and aiCost.currency is USD.
   */
  #usdCostColumns(): string[] {
    if (!this.#options.usdCostColumn || this.#currency !== 'USD') return [];
    const costColumn = this.#options.costColumn ?? 'Cost';
    return [
      `${costColumn}USD`,
      costColumn === 'Cost' ? 'PreTaxCostUSD' : 'CostUSD',
    ];
  }

  /** Every page of one query, following `properties.nextLink`. */
  async #query(
    window: UsageWindow,
    shape: QueryShape,
    signal?: AbortSignal,
  ): Promise<QueryTable[]> {
    const costColumn = this.#options.costColumn ?? 'Cost';
    const usdColumn = shape.usd ? this.#usdCostColumns()[0] : undefined;
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
          ...(usdColumn
            ? { [usdColumn]: { name: usdColumn, function: 'Sum' } }
            : {}),
          ...(shape.quantity
            ? { UsageQuantity: { name: 'UsageQuantity', function: 'Sum' } }
            : {}),
        },
        grouping: shape.grouping,
        filter: {
          dimensions: {
            name: 'MeterCategory',
            operator: 'In',
            values: shape.meterCategories,
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

import { BigQuery } from '@google-cloud/bigquery';
import {
  assertUsageWindow,
  DEFAULT_CLASSIFICATION_RULES,
  isAcceleratorCompute,
  mergeUsageRecords,
  parseProviderBody,
  ProviderApiError,
  type AiCostProvider,
  type ClassificationRules,
  type ProviderFetchContext,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import { GCP_PROVIDER, recordFromRow } from './normalize';
import {
  bigQueryRunner,
  buildBillingQuery,
  DEFAULT_GCP_SERVICES,
  GPU_COMPUTE_SERVICES,
  parseBillingExportTable,
  type BillingQueryRunner,
} from './query';
import { billingPageSchema } from './schemas';

/** @public */
export interface GcpCostProviderOptions {
  /** Source id, unique across all providers, e.g. `gcp-billing`. */
  id: string;
  /** The billing export table, `project.dataset.table`. */
  billingExportTable: string;
  /** Project that runs (and pays for) the query; default the table's project. */
  projectId?: string;
  /** Location of the dataset, e.g. `US`, `EU`, `europe-west1`. */
  location?: string;
  /** `service.description` values to read. Default Vertex AI and Gemini API. */
  services?: string[];
  /** Fail a query that would bill more bytes than this. */
  maximumBytesBilled?: number;
  /**
   * Also read GPU compute (self-hosted AI): Compute Engine and Cloud TPU
   * rows whose SKU is a GPU or TPU, as `self-hosted` records. Default false.
   */
  gpuCompute?: boolean;
  /**
   * Which SKUs are GPU / accelerator compute (`acceleratorPatterns`);
   * normally `readClassificationRules(config)`. Default: the shipped rules.
   */
  classificationRules?: ClassificationRules;
  /** Reporting currency (`aiCost.currency`). Default `USD`. */
  currency?: string;
  /** Runs the query; injectable for tests. Default: BigQuery. */
  runQuery?: BillingQueryRunner;
}

/**
 * Vertex AI and Gemini spend from the Cloud Billing export in BigQuery as an
 * AI Cost billing source: one parameterised query per run, net of credits,
 * per day, project, SKU and labels; with `gpuCompute`, the same query also
 * selects GPU and TPU compute.
 * @public
 */
export class GcpCostProvider implements AiCostProvider {
  readonly provider = GCP_PROVIDER;
  readonly id: string;
  readonly #options: GcpCostProviderOptions;
  readonly #currency: string;
  readonly #runQuery: BillingQueryRunner;

  constructor(options: GcpCostProviderOptions) {
    // Fails fast on a table name that is not strictly project.dataset.table.
    const table = parseBillingExportTable(options.billingExportTable);
    this.id = options.id;
    this.#options = options;
    this.#currency = (options.currency ?? 'USD').toUpperCase();
    this.#runQuery =
      options.runQuery ??
      // Application Default Credentials: workload identity, the metadata
      // server, or GOOGLE_APPLICATION_CREDENTIALS pointing at a key file.
      bigQueryRunner(
        new BigQuery({ projectId: options.projectId ?? table.projectId }),
      );
  }

  async fetchUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    assertUsageWindow(window, `GCP source "${this.id}"`);
    const table = this.#options.billingExportTable;
    const endpoint = `GCP billing export ${table}`;
    const services = this.#options.services ?? DEFAULT_GCP_SERVICES;
    // A service already read as AI is not also read as GPU compute.
    const gpuServices = this.#options.gpuCompute
      ? GPU_COMPUTE_SERVICES.filter(s => !services.includes(s))
      : [];
    const rules =
      this.#options.classificationRules ?? DEFAULT_CLASSIFICATION_RULES;
    const request = buildBillingQuery({
      table,
      window,
      services,
      gpuServices,
      location: this.#options.location,
      maximumBytesBilled: this.#options.maximumBytesBilled,
      sourceId: this.id,
    });

    const records: UsageRecord[] = [];
    let rows = 0;
    let page = 0;
    let gpuRows = 0;
    const skippedSkus = new Set<string>();
    try {
      for await (const pageRows of this.#runQuery(request, context.signal)) {
        const where = `${endpoint} (page ${page + 1})`;
        const parsed = parseProviderBody(
          billingPageSchema,
          { rows: pageRows },
          where,
        );
        for (const [i, row] of parsed.rows.entries()) {
          const selfHosted = gpuServices.includes(
            row.service_description ?? '',
          );
          if (selfHosted) {
            // Selected by the cheap SQL filter; the rules decide.
            if (!isAcceleratorCompute(row.sku_description, rules)) {
              skippedSkus.add(row.sku_description ?? '(no SKU)');
              continue;
            }
            gpuRows++;
          }
          const record = recordFromRow(row, `${where}: rows.${i}`, {
            currency: this.#currency,
            window,
            endpoint,
            selfHosted,
          });
          if (record) records.push(record);
        }
        rows += parsed.rows.length;
        page++;
      }
    } catch (error) {
      if (error instanceof ProviderApiError) throw error;
      throw new ProviderApiError(
        `${endpoint}: query failed: ${(error as Error).message}`,
      );
    }
    const merged = mergeUsageRecords(records);
    context.logger.debug(
      `GCP source "${this.id}": ${rows} billing row(s) on ${page} page(s) became ${merged.length} record(s)`,
    );
    if (gpuServices.length > 0) {
      context.logger.debug(
        `GCP source "${
          this.id
        }": ${gpuRows} GPU / TPU compute row(s) of ${gpuServices.join(', ')}; ${
          skippedSkus.size
        } other SKU(s) left out${
          skippedSkus.size > 0 ? `: ${[...skippedSkus].sort().join(', ')}` : ''
        }`,
      );
    }
    return merged;
  }
}

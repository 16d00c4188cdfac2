import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';

/**
 * A BigQuery table written strictly as `project.dataset.table`: a GCP
 * project id (6–30 lower-case letters, digits and hyphens, starting with a
 * letter), a dataset and a table name of letters, digits and underscores.
 * Nothing else can reach the SQL text; every value is a query parameter.
 * @public
 */
export const BILLING_EXPORT_TABLE_PATTERN =
  /^([a-z][a-z0-9-]{4,28}[a-z0-9])\.([A-Za-z0-9_]{1,1024})\.([A-Za-z0-9_]{1,1024})$/;

/** @public */
export interface BillingExportTable {
  projectId: string;
  datasetId: string;
  tableId: string;
}

/** Splits a validated table name; throws for anything else. @public */
export function parseBillingExportTable(name: string): BillingExportTable {
  const match = BILLING_EXPORT_TABLE_PATTERN.exec(name);
  if (!match) {
    throw new Error(
      `Invalid BigQuery table ${JSON.stringify(
        name,
      )}: expected project.dataset.table`,
    );
  }
  return { projectId: match[1], datasetId: match[2], tableId: match[3] };
}

/** Service descriptions read by default. @public */
export const DEFAULT_GCP_SERVICES = ['Vertex AI', 'Gemini API'];

/**
 * Service descriptions whose GPU and TPU SKUs are read with `gpuCompute`:
 * VMs (GKE nodes included) with attached GPUs, and Cloud TPU.
 * @public
 */
export const GPU_COMPUTE_SERVICES = ['Compute Engine', 'Cloud TPU'];

/**
 * A cheap first cut of GPU / TPU rows in SQL, on the lower-cased SKU
 * description ("Nvidia Tesla A100 GPU running in Americas", "TPU v5e …");
 * the `acceleratorPatterns` of the classification rules decide in the
 * provider which of them count.
 * @public
 */
export const GPU_SKU_FILTER = 'gpu|tpu|nvidia';

/**
 * One parameterised query, ready for `BigQuery.createQueryJob`: `query` has
 * no values in it, `params` and `types` carry them.
 * @public
 */
export interface BillingQueryRequest {
  query: string;
  params: {
    from_day: string;
    to_day: string;
    services: string[];
    /** With GPU compute: services whose GPU / TPU SKUs are read too. */
    gpu_services?: string[];
    /** With GPU compute: the RE2 filter on the lower-cased SKU description. */
    gpu_sku_filter?: string;
  };
  types: {
    from_day: 'DATE';
    to_day: 'DATE';
    services: ['STRING'];
    gpu_services?: ['STRING'];
    gpu_sku_filter?: 'STRING';
  };
  /** Dataset location, e.g. `US` or `europe-west1`. */
  location?: string;
  /** Fails the query instead of scanning (and billing) more. */
  maximumBytesBilled?: string;
  /** Labels on the query job, so its own cost can be found. */
  labels: Record<string, string>;
}

/**
 * Runs a billing query and yields its rows page by page. Injectable, so
 * tests run without BigQuery; the default is {@link bigQueryRunner}.
 * @public
 */
export type BillingQueryRunner = (
  request: BillingQueryRequest,
  signal?: AbortSignal,
) => AsyncIterable<readonly unknown[]>;

/**
 * The rows of the billing export for the services and days of a window, one
 * per (day, billing account, project, service, SKU, region, cost type,
 * currency, usage unit, labels). Money is summed as NUMERIC and returned as
 * decimal strings, so no floating point reaches the record; credits (negative
 * amounts in the `credits` array) are summed separately.
 *
 * With `gpuServices`, rows of those services whose SKU description looks
 * like GPU or TPU compute ({@link GPU_SKU_FILTER}) are selected too.
 * @public
 */
export function buildBillingQuery(options: {
  table: string;
  window: UsageWindow;
  services: readonly string[];
  /** Services whose GPU / TPU SKUs are read too; none by default. */
  gpuServices?: readonly string[];
  location?: string;
  maximumBytesBilled?: number;
  sourceId: string;
}): BillingQueryRequest {
  const { projectId, datasetId, tableId } = parseBillingExportTable(
    options.table,
  );
  const gpu = (options.gpuServices ?? []).length > 0;
  const serviceFilter = gpu
    ? `(service.description IN UNNEST(@services)
    OR (service.description IN UNNEST(@gpu_services)
      AND REGEXP_CONTAINS(LOWER(sku.description), @gpu_sku_filter)))`
    : 'service.description IN UNNEST(@services)';
  const query = `SELECT
  FORMAT_DATE('%F', DATE(usage_start_time)) AS day,
  billing_account_id,
  project.id AS project_id,
  service.description AS service_description,
  sku.description AS sku_description,
  location.region AS region,
  cost_type,
  currency,
  usage.unit AS usage_unit,
  TO_JSON_STRING(ARRAY(
    SELECT AS STRUCT l.key, l.value FROM UNNEST(labels) AS l ORDER BY l.key, l.value
  )) AS label_json,
  CAST(SUM(CAST(cost AS NUMERIC)) AS STRING) AS cost,
  CAST(SUM(IFNULL(
    (SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0
  )) AS STRING) AS credits,
  CAST(SUM(CAST(usage.amount AS NUMERIC)) AS STRING) AS usage_amount
FROM \`${projectId}.${datasetId}.${tableId}\`
WHERE usage_start_time >= TIMESTAMP(@from_day)
  AND usage_start_time < TIMESTAMP(DATE_ADD(@to_day, INTERVAL 1 DAY))
  AND ${serviceFilter}
GROUP BY day, billing_account_id, project_id, service_description,
  sku_description, region, cost_type, currency, usage_unit, label_json
ORDER BY day, project_id, service_description, sku_description, label_json`;
  return {
    query,
    params: {
      from_day: options.window.from,
      to_day: options.window.to,
      services: [...options.services],
      ...(gpu
        ? {
            gpu_services: [...(options.gpuServices ?? [])],
            gpu_sku_filter: GPU_SKU_FILTER,
          }
        : {}),
    },
    types: {
      from_day: 'DATE',
      to_day: 'DATE',
      services: ['STRING'],
      ...(gpu
        ? {
            gpu_services: ['STRING'] as ['STRING'],
            gpu_sku_filter: 'STRING' as const,
          }
        : {}),
    },
    ...(options.location ? { location: options.location } : {}),
    ...(options.maximumBytesBilled
      ? { maximumBytesBilled: String(options.maximumBytesBilled) }
      : {}),
    labels: {
      'backstage-plugin': 'ai-cost',
      'ai-cost-source': options.sourceId
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, '_'),
    },
  };
}

/** The parts of the BigQuery client the default runner uses. @public */
export interface BigQueryLike {
  createQueryJob(options: any): Promise<[BigQueryJobLike, ...unknown[]]>;
}

/** @public */
export interface BigQueryJobLike {
  getQueryResults(options: any): Promise<[unknown[], any?, ...unknown[]]>;
}

/**
 * The default {@link BillingQueryRunner}: creates a query job and reads its
 * results page by page (`autoPaginate: false`), following `nextQuery` until
 * there is none. A page may be empty while the job is still running.
 * @public
 */
export function bigQueryRunner(
  bigquery: BigQueryLike,
  options: { pageSize?: number; timeoutMs?: number } = {},
): BillingQueryRunner {
  return async function* run(request, signal) {
    const [job] = await bigquery.createQueryJob({
      query: request.query,
      params: request.params,
      types: request.types,
      location: request.location,
      labels: request.labels,
      ...(request.maximumBytesBilled
        ? { maximumBytesBilled: request.maximumBytesBilled }
        : {}),
    });
    let pageOptions: Record<string, unknown> = {
      autoPaginate: false,
      maxResults: options.pageSize ?? 10_000,
      timeoutMs: options.timeoutMs ?? 60_000,
    };
    for (let page = 0; ; page++) {
      if (signal?.aborted) throw new Error('aborted');
      const [rows, nextQuery] = await job.getQueryResults(pageOptions);
      yield rows;
      if (!nextQuery) return;
      if (page > 100_000) throw new Error('too many result pages');
      pageOptions = { ...nextQuery, autoPaginate: false };
    }
  };
}

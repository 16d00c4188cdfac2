import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AttributionStatus,
  EntityCostsResponse,
  RollupQuery,
  RollupResponse,
  SourceInfo,
} from '@ai-cost/plugin-ai-cost-common';

/** A window of whole UTC days, `YYYY-MM-DD`, both inclusive. @public */
export interface CostWindow {
  from: string;
  to: string;
}

/** Request of {@link AiCostApi.getCosts}. @public */
export interface GetCostsRequest extends CostWindow {
  /** Full entity reference, e.g. `component:default/search-api`. */
  entityRef: string;
}

/** A dimension of {@link AiCostApi.getRollup}. @public */
export type RollupGroupBy = RollupQuery['groupBy'];

/** Request of {@link AiCostApi.getRollup}. @public */
export interface GetRollupRequest extends CostWindow {
  groupBy: RollupGroupBy;
}

/** Request of a CSV export; without `entityRef` the export is org-wide (needs `ai-cost.org.read`). @public */
export interface ExportCsvRequest extends CostWindow {
  entityRef?: string;
}

/** A downloaded CSV export. @public */
export interface CsvExport {
  blob: Blob;
  /** From the response's `Content-Disposition`, or derived from the request. */
  filename: string;
}

/**
 * Client of the AI Cost backend (`/api/ai-cost`).
 * @public
 */
export interface AiCostApi {
  /** Configured billing sources with the state of their last run. */
  listSources(): Promise<SourceInfo[]>;
  /** Triggers the ingestion of one source now (needs `ai-cost.admin`). */
  refreshSource(id: string): Promise<void>;
  /** Costs of one entity and its descendants (needs `ai-cost.costs.read` on it). */
  getCosts(request: GetCostsRequest): Promise<EntityCostsResponse>;
  /** Org-wide spend grouped by one dimension, with unallocated spend (needs `ai-cost.org.read`). */
  getRollup(request: GetRollupRequest): Promise<RollupResponse>;
  /** Conflicts and annotation problems of the attribution index (needs `ai-cost.org.read`). */
  getAttributionStatus(): Promise<AttributionStatus>;
  /** The URL of a CSV export; fetching it needs the user's Backstage token, see {@link AiCostApi.exportCsv}. */
  getExportUrl(request: ExportCsvRequest): Promise<string>;
  /** Downloads a CSV export with the user's credentials. */
  exportCsv(request: ExportCsvRequest): Promise<CsvExport>;
}

/** @public */
export const aiCostApiRef = createApiRef<AiCostApi>({
  id: 'plugin.ai-cost.service',
});

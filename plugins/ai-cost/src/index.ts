/**
 * AI Cost frontend plugin: entity tab, budget and anomaly cards, org page.
 *
 * @packageDocumentation
 */

export { aiCostPlugin, AiCostPage, EntityAiCostContent } from './plugin';
export { isAiCostAvailable } from './conditions';
export {
  aiCostApiRef,
  AiCostClient,
  type AiCostApi,
  type CostWindow,
  type CsvExport,
  type ExportCsvRequest,
  type GetCostsRequest,
  type GetRollupRequest,
  type RollupGroupBy,
} from './api';
export type { AiCostPageProps } from './components/AiCostPage';
export type { EntityAiCostContentProps } from './components/EntityAiCostContent';
export { rootRouteRef as aiCostRouteRef } from './routes';

export {
  aiCostApiRef,
  type AiCostApi,
  type CostWindow,
  type CsvExport,
  type ExportCsvRequest,
  type GetCostsRequest,
  type GetRollupRequest,
  type RollupGroupBy,
} from './AiCostApi';
export { AiCostClient } from './AiCostClient';

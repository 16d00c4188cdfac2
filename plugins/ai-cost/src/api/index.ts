export {
  aiCostApiRef,
  type AiCostApi,
  type AnomalyFeedbackRequest,
  type AnomalyStatusFilter,
  type EntityRequest,
  type ListAnomaliesRequest,
  type ListRecommendationsRequest,
  type RecommendationStatusFilter,
  type SetBudgetRequest,
  type SnoozeRecommendationRequest,
  type CostWindow,
  type CsvExport,
  type ExportCsvRequest,
  type GetCostsRequest,
  type GetRollupRequest,
  type RollupGroupBy,
} from './AiCostApi';
export { AiCostClient } from './AiCostClient';

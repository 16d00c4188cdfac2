/**
 * AI Cost frontend plugin: entity tab, budget and anomaly cards, org page.
 *
 * @packageDocumentation
 */

export {
  aiCostPlugin,
  AiCostAllocationPage,
  AiCostBilledValuesPage,
  AiCostSubscriptionsPage,
  AiCostChargebackPage,
  AiCostPage,
  AiCostPlanPage,
  EntityAiCostAnomaliesCard,
  EntityAiCostBudgetCard,
  EntityAiCostContent,
  EntityAiCostRecommendationsCard,
} from './plugin';
export { isAiCostAvailable } from './conditions';
export {
  aiCostApiRef,
  AiCostClient,
  type AiCostApi,
  type AllocationRuleBody,
  type AnomalyFeedbackRequest,
  type AnomalyStatusFilter,
  type CostWindow,
  type CsvExport,
  type EntityRequest,
  type ExportCsvRequest,
  type GetAttributionValuesRequest,
  type GetCostsRequest,
  type GetRollupRequest,
  type GetSpendForecastRequest,
  type GetUnitCostsRequest,
  type ListAnomaliesRequest,
  type ListBudgetRequestsRequest,
  type ListRecommendationsRequest,
  type PreviewAttributionRequest,
  type RecommendationStatusFilter,
  type RollupGroupBy,
  type SetAnomalySettingsRequest,
  type SetBudgetRequest,
  type SnoozeRecommendationRequest,
  type BudgetScopeRequest,
} from './api';
export type { AiCostPageProps } from './components/AiCostPage';
export type { AiCostAllocationPageProps } from './components/AllocationPage';
export type { AiCostChargebackPageProps } from './components/ChargebackPage';
export type { AiCostPlanPageProps } from './components/PlanPage';
export type { AiCostBilledValuesPageProps } from './components/BilledValuesPage';
export type { AiCostSubscriptionsPageProps } from './components/SubscriptionsPage';
export type { EntityAiCostContentProps } from './components/EntityAiCostContent';
export type { EntityAnomaliesCardProps } from './components/AnomaliesCard';
export {
  rootRouteRef as aiCostRouteRef,
  allocationRouteRef as aiCostAllocationRouteRef,
  chargebackRouteRef as aiCostChargebackRouteRef,
  planRouteRef as aiCostPlanRouteRef,
  billedValuesRouteRef as aiCostBilledValuesRouteRef,
  subscriptionsRouteRef as aiCostSubscriptionsRouteRef,
} from './routes';

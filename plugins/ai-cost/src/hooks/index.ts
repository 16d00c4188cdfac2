export {
  usePeriod,
  type UsePeriodOptions,
  type UsePeriodResult,
} from './usePeriod';
export { useEntityCosts } from './useEntityCosts';
export { useRollup } from './useRollup';
export { useAttributionStatus } from './useAttributionStatus';
export { useSources } from './useSources';
export { useCsvExport } from './useCsvExport';
export { useRollupGroupBy } from './useRollupGroupBy';
export { useAllocationTags } from './useAllocationTags';
export { useBudgetStatus, useBudgetStatuses } from './useBudgetStatus';
export { useBudgetRequests } from './useBudgetRequests';
export { useSpendForecast } from './useSpendForecast';
export { useAnomalies } from './useAnomalies';
export { useRecommendations } from './useRecommendations';
export { useCanUpdateBudget } from './useCanUpdateBudget';
export { useReportingCurrency } from './useCurrency';
export { useAiCostTabLink } from './useAiCostTabLink';
export { useNotify, type Notice } from './useNotify';
export { useClaimStates } from './useClaimStates';
export { useUnitCosts } from './useUnitCosts';
export { useMetrics } from './useMetrics';

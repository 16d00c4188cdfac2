export type * from './AiCostStore';
export { DatabaseAiCostStore } from './DatabaseAiCostStore';
export type * from './AttributionStore';
export { DatabaseAttributionStore } from './DatabaseAttributionStore';
export type * from './BudgetStore';
export { DatabaseBudgetStore } from './DatabaseBudgetStore';
export type * from './AnomalyStore';
export { DatabaseAnomalyStore } from './DatabaseAnomalyStore';

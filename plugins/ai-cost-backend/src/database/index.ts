export type * from './AiCostStore';
export { DatabaseAiCostStore } from './DatabaseAiCostStore';

export { aiCostApiRef, type AiCostApi } from './AiCostApi';
export { AiCostClient } from './AiCostClient';

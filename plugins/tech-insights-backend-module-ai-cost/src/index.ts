/**
 * Tech Insights facts from AI Cost: a module for the community Tech Insights
 * backend whose fact retriever `aiCostFactRetriever` reads, per catalog
 * entity, whether it claims AI spend, its month-to-date spend, budget state,
 * open anomalies and model policy violations from the AI Cost backend.
 *
 * @packageDocumentation
 */

export { techInsightsModuleAiCost as default } from './module';
export {
  AI_COST_FACT_RETRIEVER_ID,
  aiCostFactRetriever,
} from './aiCostFactRetriever';

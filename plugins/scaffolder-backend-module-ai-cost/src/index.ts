/**
 * Scaffolder actions for AI Cost budgets: `ai-cost:budget:request` asks for a
 * budget that approvers decide on; `ai-cost:budget:set` sets one where the
 * user may.
 *
 * @packageDocumentation
 */

export { scaffolderModuleAiCost as default } from './module';
export { createBudgetRequestAction } from './actions/budgetRequestAction';
export { createSetBudgetAction } from './actions/setBudgetAction';
export type { AiCostApiDeps } from './aiCostApi';

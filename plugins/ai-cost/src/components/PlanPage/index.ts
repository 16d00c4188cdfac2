export { PlanPage, type AiCostPlanPageProps } from './PlanPage';

export {
  BudgetStatusCard,
  monthlyBudgetSnippet,
  type BudgetStatusCardProps,
} from './BudgetStatusCard';
export { EntityBudgetStatusCard } from './EntityBudgetStatusCard';
export {
  breachText,
  budgetStateLabels,
  periodText,
  thresholdText,
} from './budgetText';

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
  scopeLabel,
  thresholdText,
} from './budgetText';

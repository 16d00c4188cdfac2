export {
  BudgetProgress,
  budgetStateColor,
  type BudgetProgressProps,
} from './BudgetProgress';

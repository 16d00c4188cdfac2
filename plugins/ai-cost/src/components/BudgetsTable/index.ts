export {
  BudgetsSection,
  BudgetsTable,
  sortBudgetStatuses,
  type BudgetsTableProps,
} from './BudgetsTable';

export {
  BudgetRequestsCard,
  type BudgetRequestsCardProps,
} from './BudgetRequestsCard';
export { PendingBudgetRequests } from './PendingBudgetRequests';

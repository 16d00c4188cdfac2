export {
  NoSpendEmptyState,
  type NoSpendEmptyStateProps,
} from './NoSpendEmptyState';

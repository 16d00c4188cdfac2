export {
  CostSummaryCard,
  totalTokens,
  type CostSummaryCardProps,
} from './CostSummaryCard';

export {
  CostByTagCard,
  hasTagBreakdown,
  type CostByTagCardProps,
} from './CostByTagCard';

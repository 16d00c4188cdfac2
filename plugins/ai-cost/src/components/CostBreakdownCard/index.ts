export {
  CostBreakdownCard,
  type CostBreakdownCardProps,
} from './CostBreakdownCard';

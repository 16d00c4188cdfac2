export {
  RecommendationsCard,
  type RecommendationsCardProps,
} from './RecommendationsCard';
export { EntityRecommendationsCard } from './EntityRecommendationsCard';
export {
  DismissDialog,
  SnoozeDialog,
  type DismissDialogProps,
  type SnoozeDialogProps,
} from './DecisionDialogs';
export {
  RecommendationItem,
  type RecommendationItemProps,
} from './RecommendationItem';

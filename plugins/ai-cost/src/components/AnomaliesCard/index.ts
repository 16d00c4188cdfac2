export {
  EntityAnomaliesCard,
  OrgAnomaliesCard,
  type EntityAnomaliesCardProps,
  type OrgAnomaliesCardProps,
} from './AnomaliesCard';
export { AnomalyList, type AnomalyListProps } from './AnomalyList';
export { AnomalyFeedback, type AnomalyFeedbackProps } from './AnomalyFeedback';

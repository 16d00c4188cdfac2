export {
  BilledValuesPage,
  type AiCostBilledValuesPageProps,
} from './BilledValuesPage';

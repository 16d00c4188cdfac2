export {
  SubscriptionsPage,
  type AiCostSubscriptionsPageProps,
} from './SubscriptionsPage';

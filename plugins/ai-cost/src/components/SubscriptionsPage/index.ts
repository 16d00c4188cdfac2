export {
  SubscriptionsPage,
  type AiCostSubscriptionsPageProps,
} from './SubscriptionsPage';
export { SubscriptionsPageLink } from './SubscriptionsPageLink';

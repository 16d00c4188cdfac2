export {
  ChargebackPage,
  type AiCostChargebackPageProps,
} from './ChargebackPage';

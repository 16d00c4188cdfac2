export { AiCostTabLink } from './AiCostTabLink';

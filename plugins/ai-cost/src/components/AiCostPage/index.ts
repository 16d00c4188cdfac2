export { AiCostPage } from './AiCostPage';

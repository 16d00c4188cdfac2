export { AiCostPage, type AiCostPageProps } from './AiCostPage';

export { AiCostTable, type AiCostTableProps } from './AiCostTable';

export {
  EntityAiCostContent,
  type EntityAiCostContentProps,
} from './EntityAiCostContent';

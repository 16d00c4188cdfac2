export {
  AiCostTab,
  defaultAiCostTabCards,
  EntityAiCostContent,
  type AiCostTabCard,
  type EntityAiCostContentProps,
} from './EntityAiCostContent';

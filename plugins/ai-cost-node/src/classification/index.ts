export {
  DEFAULT_CLASSIFICATION_RULES,
  type ClassificationRules,
} from './rules';
export {
  classifyLineItem,
  isAcceleratorCompute,
  type AiSpendReason,
  type LineItemClass,
  type LineItemFacts,
} from './classifyLineItem';
export {
  readClassificationRules,
  rulesFingerprint,
} from './readClassificationRules';

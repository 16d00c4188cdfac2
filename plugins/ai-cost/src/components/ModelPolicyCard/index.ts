export { EntityModelPolicyCard, ModelPolicyCard } from './ModelPolicyCard';
export { PolicyViolationsCard } from './PolicyViolationsCard';

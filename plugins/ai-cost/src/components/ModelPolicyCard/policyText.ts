import type {
  BudgetEnforcement,
  ModelPolicy,
  ModelTier,
} from '@ai-cost/plugin-ai-cost-common';

const TIERS: Record<ModelTier, string> = {
  frontier: 'Frontier',
  standard: 'Standard',
  efficient: 'Efficient',
};

/** `Standard`. */
export function tierLabel(tier: ModelTier | null): string {
  return tier ? TIERS[tier] : 'Unknown tier';
}

/** "Max tier: Standard (organization default for production)". */
export function maxTierText(policy: ModelPolicy): string {
  if (!policy.maxTier) {
    return policy.allowedModels.length > 0
      ? 'Only the allowed models below'
      : 'No model policy';
  }
  const source =
    policy.maxTierSource === 'annotation'
      ? 'from ai-cost/max-model-tier'
      : `organization default${
          policy.environment ? ` for ${policy.environment}` : ''
        }`;
  return `Max tier: ${TIERS[policy.maxTier]} (${source})`;
}

const ENFORCEMENT: Record<BudgetEnforcement, string> = {
  block: 'blocks calls when the budget is spent or a model is not allowed',
  'block-non-production':
    'blocks calls outside production when the budget is spent or a model is not allowed',
  warn: 'warns only',
};

/** What the gateway guardrail does for the entity. */
export function enforcementText(policy: ModelPolicy): string {
  return policy.enforcement
    ? `Gateway guardrail ${
        ENFORCEMENT[policy.enforcement]
      } (ai-cost/budget-enforcement: ${policy.enforcement})`
    : 'Gateway guardrail: not opted in, never blocks';
}

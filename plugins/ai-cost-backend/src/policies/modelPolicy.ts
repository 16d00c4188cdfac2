import {
  parseAllocationTagsAnnotation,
  parseAllowedModelsAnnotation,
  parseBudgetEnforcementAnnotation,
  parseMaxModelTierAnnotation,
  type BudgetEnforcement,
  type ModelPolicySource,
  type ModelTier,
} from '@ai-cost/plugin-ai-cost-common';
import type { EntityNode } from '../attribution/EntityGraph';
import {
  matchesAnyGlob,
  tierRank,
  type ModelTierGlobs,
  type ModelTiers,
} from './modelTiers';

/** `aiCost.policies`. */
export interface PolicySettings {
  modelTiers: ModelTierGlobs;
  /** The org default max tier by canonical environment value (`production: standard`). */
  defaults: Record<string, ModelTier>;
  /** The org default max tier of entities of any other or no environment. */
  defaultMaxTier?: ModelTier;
}

/** An entity's model policy, read from its annotations and the org defaults. */
export interface EntityModelPolicy {
  maxTier: ModelTier | null;
  maxTierSource: ModelPolicySource;
  allowedModels: string[];
  /** Canonical `environment` of the entity's `ai-cost/tags`, if it has one. */
  environment: string | null;
  enforcement: BudgetEnforcement | null;
}

/**
 * Reads an entity's policy. Its annotations are validated when the catalog
 * is indexed (unreadable ones never reach the node); `normalizeEnvironment`
 * maps spellings (`prod`) to the canonical value (`production`).
 */
export function resolveModelPolicy(
  node: EntityNode | undefined,
  settings: PolicySettings,
  normalizeEnvironment: (value: string) => string,
): EntityModelPolicy {
  const raw = node?.modelPolicy;
  const tagged = node?.allocationTags
    ? parseAllocationTagsAnnotation(node.allocationTags).tags.environment
    : undefined;
  const environment = tagged ? normalizeEnvironment(tagged) : null;
  const annotated = parseMaxModelTierAnnotation(raw?.maxModelTier);
  const orgDefault =
    (environment !== null ? settings.defaults[environment] : undefined) ??
    settings.defaultMaxTier;
  let maxTierSource: ModelPolicySource = 'none';
  if (annotated) maxTierSource = 'annotation';
  else if (orgDefault) maxTierSource = 'org-default';
  return {
    maxTier: annotated ?? orgDefault ?? null,
    maxTierSource,
    allowedModels: parseAllowedModelsAnnotation(raw?.allowedModels),
    environment,
    enforcement:
      parseBudgetEnforcementAnnotation(raw?.budgetEnforcement) ?? null,
  };
}

/** Whether a policy allows a model, and the tier it was judged by. */
export interface ModelCheck {
  allowed: boolean;
  tier: ModelTier | null;
}

/**
 * A model is allowed when an allow-list glob matches it, or when the entity
 * has a max tier and the model's tier is at most that capable. With a max
 * tier, a model no tier glob knows is allowed (nothing says it is costly);
 * with only an allow-list, anything off the list is not. No policy: allowed.
 */
export function checkModelAgainst(
  policy: Pick<EntityModelPolicy, 'maxTier' | 'allowedModels'>,
  tiers: ModelTiers,
  model: string,
): ModelCheck {
  const tier = tiers.tierOf(model) ?? null;
  if (matchesAnyGlob(model, policy.allowedModels)) {
    return { allowed: true, tier };
  }
  if (policy.maxTier) {
    return {
      allowed: tier === null || tierRank(tier) >= tierRank(policy.maxTier),
      tier,
    };
  }
  return { allowed: policy.allowedModels.length === 0, tier };
}

import type { EntityClaim } from '@ai-cost/plugin-ai-cost-common';
import type { AllocationPolicy } from '../allocation';
import type { CatalogIndex } from '../attribution/CatalogIndex';

/**
 * The claims of an entity's own annotations, with who else claims the same
 * value and the split rule that divides its spend instead, if any.
 */
export function entityClaims(
  index: CatalogIndex,
  entityRef: string,
  policy?: AllocationPolicy,
): EntityClaim[] {
  const conflicts = index.claims.conflicts();
  return index.claimsOf(entityRef).map(claim => {
    const rule = policy?.splitRuleForClaim(claim);
    return {
      annotation: claim.annotation,
      provider: claim.provider,
      dimension: claim.dimension,
      value: claim.value,
      conflictsWith:
        conflicts
          .find(
            c =>
              c.provider === claim.provider &&
              c.dimension === claim.dimension &&
              c.value === claim.value,
          )
          ?.entityRefs.filter(ref => ref !== entityRef) ?? [],
      ...(rule ? { splitRule: { id: rule.id, method: rule.method } } : {}),
    };
  });
}

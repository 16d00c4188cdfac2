import type { EntityClaim } from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndex } from '../attribution/CatalogIndex';

/** The claims of an entity's own annotations, with who else claims the same value. */
export function entityClaims(
  index: CatalogIndex,
  entityRef: string,
): EntityClaim[] {
  const conflicts = index.claims.conflicts();
  return index.claimsOf(entityRef).map(claim => ({
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
  }));
}

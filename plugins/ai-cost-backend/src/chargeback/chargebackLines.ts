import type { EntityGraph } from '../attribution/EntityGraph';
import type { StoredChargebackLine } from '../database';

const OWNER_KINDS = ['group:', 'user:'];

/**
 * Who is charged for an entity's spend: a group or user itself (spend a
 * split rule gave a team), otherwise the entity's owner, otherwise the
 * entity (unowned spend stays visible under its own name).
 */
export function chargedParty(graph: EntityGraph, entityRef: string): string {
  if (OWNER_KINDS.some(kind => entityRef.startsWith(kind))) return entityRef;
  return graph.ownerOf(entityRef) ?? entityRef;
}

/**
 * A month's chargeback lines in micro-units (DESIGN §9.4): the spend of every
 * entity summed onto the party charged for it, with its cost centre, largest
 * first. Adjustments are added by the caller.
 */
export function chargebackLines(
  graph: EntityGraph,
  perEntity: Array<{ entityRef: string; cost: number }>,
): StoredChargebackLine[] {
  const costs = new Map<string, number>();
  for (const row of perEntity) {
    const party = chargedParty(graph, row.entityRef);
    costs.set(party, (costs.get(party) ?? 0) + row.cost);
  }
  return [...costs]
    .filter(([, cost]) => cost !== 0)
    .map(([entityRef, cost]) => {
      const title = graph.get(entityRef)?.title;
      return {
        entityRef,
        ...(title ? { title } : {}),
        costCenter: graph.costCenterOf(entityRef) ?? null,
        cost,
        adjustments: [],
      };
    })
    .sort((a, b) => b.cost - a.cost || (a.entityRef < b.entityRef ? -1 : 1));
}

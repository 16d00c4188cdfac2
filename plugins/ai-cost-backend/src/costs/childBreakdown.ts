import {
  microsToNumber as money,
  type EntityCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { EntityGraph } from '../attribution/EntityGraph';
import { byCostDesc } from './amounts';

/**
 * The entities whose spend makes up the children's own totals but is not
 * in the entity's subtree: under an owner a system counts with its own
 * spend, while its parts (owned elsewhere) make up its total.
 */
export function childTotalsOutsideSubtree(
  graph: EntityGraph,
  entityRef: string,
  subtree: Set<string>,
): string[] {
  const outside = new Set<string>();
  for (const child of graph.children(entityRef)) {
    for (const ref of graph.descendants(child)) {
      if (!subtree.has(ref)) outside.add(ref);
    }
  }
  return [...outside];
}

/**
 * Direct children with what each contributes to the entity (its own spend
 * and its descendants') and its own total (as its own page shows it: more
 * than the contribution when part of its spend counts under other
 * children); children the caller cannot see are folded into
 * `hiddenChildren`.
 */
export function childBreakdown(options: {
  graph: EntityGraph;
  entityRef: string;
  /**
   * Own spend per entity, micro-units: of the subtree, and of the entities
   * of {@link childTotalsOutsideSubtree}.
   */
  costOf: Map<string, number>;
  visibleChildren: Set<string>;
}): Pick<EntityCostsResponse, 'byChild' | 'hiddenChildren'> {
  const { graph, entityRef, costOf, visibleChildren } = options;
  const shown: Array<EntityCostsResponse['byChild'][number]> = [];
  const hidden = { count: 0, cost: 0 };
  for (const child of graph.children(entityRef)) {
    let cost = 0;
    for (const ref of graph.contributionOf(entityRef, child)) {
      cost += costOf.get(ref) ?? 0;
    }
    if (!visibleChildren.has(child)) {
      hidden.count += 1;
      hidden.cost += cost;
      continue;
    }
    let total = costOf.get(child) ?? 0;
    for (const ref of graph.descendants(child)) total += costOf.get(ref) ?? 0;
    const node = graph.get(child);
    shown.push({
      entityRef: child,
      kind: node?.kind ?? child.split(':')[0],
      ...(node?.title ? { title: node.title } : {}),
      cost,
      total,
    });
  }
  return {
    byChild: shown.sort(byCostDesc).map(child => ({
      ...child,
      cost: money(child.cost),
      total: money(child.total),
    })),
    hiddenChildren: { count: hidden.count, cost: money(hidden.cost) },
  };
}

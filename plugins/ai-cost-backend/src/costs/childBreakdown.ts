import {
  microsToNumber as money,
  type EntityCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { EntityGraph } from '../attribution/EntityGraph';
import { byCostDesc } from './amounts';

/**
 * Direct children with what each contributes to the entity (its own spend
 * and its descendants'); children the caller cannot see are folded into
 * `hiddenChildren`.
 */
export function childBreakdown(options: {
  graph: EntityGraph;
  entityRef: string;
  /** Own spend per entity, micro-units. */
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
    const node = graph.get(child);
    shown.push({
      entityRef: child,
      kind: node?.kind ?? child.split(':')[0],
      ...(node?.title ? { title: node.title } : {}),
      cost,
    });
  }
  return {
    byChild: shown
      .sort(byCostDesc)
      .map(child => ({ ...child, cost: money(child.cost) })),
    hiddenChildren: { count: hidden.count, cost: money(hidden.cost) },
  };
}

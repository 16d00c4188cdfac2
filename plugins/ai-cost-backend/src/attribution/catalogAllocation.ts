import { parseAllocationTagsAnnotation } from '@ai-cost/plugin-ai-cost-common';
import { SplitMetricValues, type AllocationPolicy } from '../allocation';
import type { Allocation, AllocationTags } from './attributeUsage';
import type { CatalogIndex } from './CatalogIndex';

const entityTagsByIndex = new WeakMap<
  CatalogIndex,
  Map<string, AllocationTags>
>();

/** Every entity's `ai-cost/tags`, parsed once per stored catalog index. */
function entityTagsOf(index: CatalogIndex): Map<string, AllocationTags> {
  let tags = entityTagsByIndex.get(index);
  if (!tags) {
    tags = new Map();
    for (const node of index.graph.nodes()) {
      if (node.allocationTags === undefined) continue;
      tags.set(
        node.entityRef,
        parseAllocationTagsAnnotation(node.allocationTags).tags,
      );
    }
    entityTagsByIndex.set(index, tags);
  }
  return tags;
}

const memberCountsByIndex = new WeakMap<CatalogIndex, Map<string, number>>();

/** How many Users name each group in `memberOf`, counted once per stored catalog index. */
function memberCountsOf(index: CatalogIndex): Map<string, number> {
  let counts = memberCountsByIndex.get(index);
  if (!counts) {
    counts = new Map();
    for (const node of index.graph.nodes()) {
      for (const group of new Set(node.memberOf ?? [])) {
        counts.set(group, (counts.get(group) ?? 0) + 1);
      }
    }
    memberCountsByIndex.set(index, counts);
  }
  return counts;
}

/** What attribution needs of the catalog to apply allocation rules and tags. */
export function catalogAllocation(
  index: CatalogIndex,
  policy: AllocationPolicy,
  metrics: SplitMetricValues = SplitMetricValues.EMPTY,
): Allocation {
  const tags = entityTagsOf(index);
  return {
    policy,
    entityTags: entityRef => tags.get(entityRef),
    inCatalog: entityRef => index.graph.get(entityRef) !== undefined,
    subtree: entityRef => [entityRef, ...index.graph.descendants(entityRef)],
    metricValue: (metric, date, entityRef) =>
      metrics.valueOf(metric, date, entityRef),
    memberCount: groupRef => memberCountsOf(index).get(groupRef) ?? 0,
  };
}

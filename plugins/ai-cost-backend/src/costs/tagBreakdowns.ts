import {
  microsToNumber as money,
  type SharedCost,
  type TagCostItem,
} from '@ai-cost/plugin-ai-cost-common';
import { byCostDesc, fractionOf } from './amounts';

/** Tag values a page shows before folding the rest into one item. */
export const TOP_TAG_VALUES = 20;

/** Micro-unit cost per tag value (`null`: no value) of one tag. */
export type TagCosts = Map<string | null, number>;

/** Sums rows carrying allocation tags (JSON) into costs per value of every tag. */
export function sumByTag(
  rows: Iterable<{ allocationTags: string; cost: number }>,
  tagKeys: string[],
): Map<string, TagCosts> {
  const out = new Map(tagKeys.map(key => [key, new Map()] as const));
  for (const row of rows) {
    const tags: Record<string, string> = JSON.parse(row.allocationTags);
    for (const [key, costs] of out) {
      const value = tags[key] ?? null;
      costs.set(value, (costs.get(value) ?? 0) + row.cost);
    }
  }
  return out;
}

/**
 * One tag's values, largest first, the top `limit` shown and the rest folded
 * into one `otherValues` item; spend without a value comes last. The items
 * sum to the tag's total to the micro-unit.
 */
export function tagItems(
  costs: TagCosts,
  limit = TOP_TAG_VALUES,
): TagCostItem[] {
  const valued = [...costs]
    .filter((entry): entry is [string, number] => entry[0] !== null)
    .map(([value, cost]) => ({ value, cost }))
    .filter(item => item.cost !== 0)
    .sort((a, b) => byCostDesc(a, b) || (a.value < b.value ? -1 : 1));
  const items: TagCostItem[] = valued
    .slice(0, limit)
    .map(item => ({ value: item.value, cost: money(item.cost) }));
  const rest = valued.slice(limit);
  if (rest.length > 0) {
    const cost = rest.reduce((sum, item) => sum + item.cost, 0);
    items.push({ value: null, cost: money(cost), otherValues: rest.length });
  }
  const missing = costs.get(null) ?? 0;
  if (missing !== 0) items.push({ value: null, cost: money(missing) });
  return items;
}

/** `byTag` of `/costs`: every configured tag, bounded. */
export function byTag(
  rows: Iterable<{ allocationTags: string; cost: number }>,
  tagKeys: string[],
): Record<string, TagCostItem[]> {
  const sums = sumByTag(rows, tagKeys);
  return Object.fromEntries(
    tagKeys.map(key => [key, tagItems(sums.get(key)!)]),
  );
}

/**
 * What split rules gave some entities, with their share of everything each
 * rule split in the window (`ruleTotals`, micro-units, including the parts
 * left unallocated for targets missing from the catalog).
 */
export function sharedCosts(
  rows: Iterable<{ splitRuleId: string; splitMethod: string; cost: number }>,
  ruleTotals: Map<string, number>,
): SharedCost[] {
  const byRule = new Map<string, { method: string; cost: number }>();
  for (const row of rows) {
    if (row.splitRuleId === '') continue;
    const entry = byRule.get(row.splitRuleId) ?? {
      method: row.splitMethod,
      cost: 0,
    };
    entry.cost += row.cost;
    byRule.set(row.splitRuleId, entry);
  }
  return [...byRule]
    .map(([ruleId, { method, cost }]) => {
      const total = ruleTotals.get(ruleId) ?? 0;
      return {
        ruleId,
        method: method as SharedCost['method'],
        share: total === 0 ? 0 : fractionOf(cost, total),
        cost,
      };
    })
    .filter(item => item.cost !== 0)
    .sort((a, b) => byCostDesc(a, b) || (a.ruleId < b.ruleId ? -1 : 1))
    .map(item => ({ ...item, cost: money(item.cost) }));
}

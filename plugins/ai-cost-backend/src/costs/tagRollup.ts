import {
  microsToNumber as money,
  type RollupItem,
  type RollupQuery,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { AttributionStore } from '../database';
import { byCostDesc, sumCost } from './amounts';
import { previousWindow } from './previousWindow';
import { unallocatedSection } from './unallocatedSection';

/** Tag values a rollup lists before folding the rest into one item. */
export const TOP_ROLLUP_TAG_VALUES = 50;

type Sums = { cost: number; previousCost: number; unallocatedCost: number };

function valueOf(allocationTags: string, tag: string): string | null {
  return (JSON.parse(allocationTags) as Record<string, string>)[tag] ?? null;
}

/**
 * Organisation-wide spend by the values of one allocation tag (DESIGN §9.1
 * `GET /rollup?groupBy=tag:<key>`). Unallocated spend carries tags too, so
 * items include it (named in `unallocatedCost`) and sum to `total`; spend
 * without a value is the item keyed `null`. Past the top values the rest is
 * one item with `otherValues`.
 */
export async function tagRollup(options: {
  store: AttributionStore;
  currency: string;
  query: RollupQuery;
  tag: string;
}): Promise<RollupResponse> {
  const { store, query, tag } = options;
  const window = { from: query.from, to: query.to };
  const previous = previousWindow(window);
  const [current, before, unallocated, unallocatedBefore, unallocatedItems] =
    await Promise.all([
      store.sumAttributed({ window, groupBy: ['allocationTags'] }),
      store.sumAttributed({ window: previous, groupBy: ['allocationTags'] }),
      store.sumUnallocatedCost({ window, groupBy: ['allocationTags'] }),
      store.sumUnallocatedCost({
        window: previous,
        groupBy: ['allocationTags'],
      }),
      store.sumUnallocated(window),
    ]);
  const sums = new Map<string | null, Sums>();
  const at = (allocationTags: string) => {
    const value = valueOf(allocationTags, tag);
    const entry = sums.get(value) ?? {
      cost: 0,
      previousCost: 0,
      unallocatedCost: 0,
    };
    sums.set(value, entry);
    return entry;
  };
  for (const row of current) at(row.allocationTags).cost += row.cost;
  for (const row of before) at(row.allocationTags).previousCost += row.cost;
  for (const row of unallocated) {
    at(row.allocationTags).cost += row.cost;
    at(row.allocationTags).unallocatedCost += row.cost;
  }
  for (const row of unallocatedBefore) {
    at(row.allocationTags).previousCost += row.cost;
  }

  const ranked = [...sums]
    .filter(
      ([key, v]) => key !== null && (v.cost !== 0 || v.previousCost !== 0),
    )
    .map(([key, v]) => ({ key, ...v }))
    .sort((a, b) => byCostDesc(a, b) || (a.key! < b.key! ? -1 : 1));
  const items: Array<Sums & { key: string | null; otherValues?: number }> =
    ranked.slice(0, TOP_ROLLUP_TAG_VALUES);
  const rest = ranked.slice(TOP_ROLLUP_TAG_VALUES);
  if (rest.length > 0) {
    items.push({
      key: null,
      cost: sumCost(rest),
      previousCost: rest.reduce((s, r) => s + r.previousCost, 0),
      unallocatedCost: rest.reduce((s, r) => s + r.unallocatedCost, 0),
      otherValues: rest.length,
    });
  }
  const missing = sums.get(null);
  if (missing && (missing.cost !== 0 || missing.previousCost !== 0)) {
    items.push({ key: null, ...missing });
  }

  return {
    currency: options.currency,
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    total: money(sumCost(current) + sumCost(unallocated)),
    items: items.map(
      (item): RollupItem => ({
        key: item.key,
        cost: money(item.cost),
        previousCost: money(item.previousCost),
        unallocatedCost: money(item.unallocatedCost),
        ...(item.otherValues ? { otherValues: item.otherValues } : {}),
      }),
    ),
    unallocated: unallocatedSection(unallocatedItems),
  };
}

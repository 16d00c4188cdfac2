import {
  aiSpendCategories,
  microsToNumber as money,
  type RollupQuery,
  type RollupResponse,
  type TagGroupBy,
} from '@ai-cost/plugin-ai-cost-common';
import type { EntityGraph } from '../attribution/EntityGraph';
import type { AttributedColumn, AttributionStore } from '../database';
import { byCostDesc, sumCost } from './amounts';
import { historyFrom } from './historyFrom';
import { previousWindow } from './previousWindow';
import { spendCategoryKey } from './spendCategory';
import type { TagMetricValues } from '../unitEconomics/types';
import { tagRollup } from './tagRollup';
import { unallocatedSection } from './unallocatedSection';

type EntityGroupBy = Exclude<RollupQuery['groupBy'], TagGroupBy>;

const GROUP_COLUMNS: Record<EntityGroupBy, AttributedColumn[]> = {
  model: ['provider', 'model', 'modelProvider'],
  provider: ['provider'],
  category: ['category', 'provider', 'modelProvider'],
  owner: ['entityRef'],
  system: ['entityRef'],
  domain: ['entityRef'],
};

/** The rollup key of a row: `provider/model`, the provider, or the entity's owner, system or domain. */
function keyFunction(
  groupBy: EntityGroupBy,
  graph: EntityGraph,
): (row: Partial<Record<AttributedColumn, string>>) => string {
  switch (groupBy) {
    case 'model':
      // The model's provider: gateway-priced gpt-4o is `openai/gpt-4o`.
      return row => `${row.modelProvider || row.provider}/${row.model}`;
    case 'provider':
      return row => String(row.provider);
    case 'category':
      return spendCategoryKey;
    case 'owner':
      return row => graph.ownerOf(String(row.entityRef)) ?? '(none)';
    case 'system':
      return row => graph.systemOf(String(row.entityRef)) ?? '(none)';
    default:
      return row => graph.domainOf(String(row.entityRef)) ?? '(none)';
  }
}

/** Organisation-wide spend grouped one way (DESIGN §3 `GET /rollup`). */
export async function rollup(options: {
  store: AttributionStore;
  graph: EntityGraph;
  currency: string;
  query: RollupQuery;
  metric?: TagMetricValues;
}): Promise<RollupResponse> {
  const { store, graph, query } = options;
  if (query.groupBy.startsWith('tag:')) {
    return tagRollup({ ...options, tag: query.groupBy.slice('tag:'.length) });
  }
  const groupBy = query.groupBy as EntityGroupBy;
  const window = { from: query.from, to: query.to };
  const byCategory = groupBy === 'category';
  const byModel = groupBy === 'model' || groupBy === 'provider' || byCategory;
  const columns = GROUP_COLUMNS[groupBy];
  const keyOf = keyFunction(groupBy, graph);

  const byProvider = groupBy === 'provider';
  // Provider and category items include what no entity claims.
  const withUnallocated = byProvider || byCategory;
  const unallocatedBy = (w: typeof window) =>
    withUnallocated
      ? store.sumUnallocatedCost({
          window: w,
          groupBy: ['provider', 'category'],
        })
      : Promise.resolve([]);
  const [
    current,
    previous,
    unallocated,
    unallocatedItems,
    previousUnallocated,
    starts,
  ] = await Promise.all([
    store.sumAttributedCost({ window, groupBy: columns }),
    store.sumAttributedCost({
      window: previousWindow(window),
      groupBy: columns,
    }),
    store.sumUnallocated(window),
    unallocatedBy(window),
    unallocatedBy(previousWindow(window)),
    store.historyStarts(),
  ]);
  const items = new Map<
    string,
    { cost: number; previousCost: number; unallocatedCost: number }
  >();
  const item = (key: string) => {
    const existing = items.get(key) ?? {
      cost: 0,
      previousCost: 0,
      unallocatedCost: 0,
    };
    items.set(key, existing);
    return existing;
  };
  // Every category is listed, even without spend: the headline names them all.
  if (byCategory) aiSpendCategories.forEach(category => item(category));
  for (const row of current) item(keyOf(row)).cost += row.cost;
  for (const row of previous) item(keyOf(row)).previousCost += row.cost;
  // A provider's bill includes what no entity claims: provider and category
  // items sum to the org total, their unallocated part named.
  for (const row of unallocatedItems) {
    const key = keyOf(row);
    item(key).cost += row.cost;
    item(key).unallocatedCost += row.cost;
  }
  for (const row of previousUnallocated)
    item(keyOf(row)).previousCost += row.cost;

  const unallocatedCost = sumCost(unallocated);
  return {
    currency: options.currency,
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    historyFrom: historyFrom(starts, { sourceIds: [], to: query.to }),
    total: money(sumCost(current) + unallocatedCost),
    items: [...items]
      .filter(([, v]) => byCategory || v.cost !== 0 || v.previousCost !== 0)
      .map(([key, v]) => {
        const node = byModel || key === '(none)' ? undefined : graph.get(key);
        return {
          key,
          ...(byModel || key === '(none)' ? {} : { entityRef: key }),
          ...(node?.title ? { title: node.title } : {}),
          cost: v.cost,
          previousCost: v.previousCost,
          ...(withUnallocated ? { unallocatedCost: v.unallocatedCost } : {}),
        };
      })
      .sort((a, b) => byCostDesc(a, b) || a.key.localeCompare(b.key))
      .map(i => ({
        ...i,
        cost: money(i.cost),
        previousCost: money(i.previousCost),
        ...(i.unallocatedCost === undefined
          ? {}
          : { unallocatedCost: money(i.unallocatedCost) }),
      })),
    unallocated: unallocatedSection(unallocated),
  };
}

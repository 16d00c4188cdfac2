import {
  microsToNumber as money,
  type RollupQuery,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { EntityGraph } from '../attribution/EntityGraph';
import { claimAnnotationFor } from '../attribution/claims';
import type { AttributedColumn, AttributionStore } from '../database';
import { byCostDesc, sumCost } from './amounts';
import { unallocatedHint } from './unallocatedHint';
import { previousWindow } from './previousWindow';

const GROUP_COLUMNS: Record<RollupQuery['groupBy'], AttributedColumn[]> = {
  model: ['provider', 'model'],
  provider: ['provider'],
  owner: ['entityRef'],
  system: ['entityRef'],
  domain: ['entityRef'],
};

/** The rollup key of a row: `provider/model`, the provider, or the entity's owner, system or domain. */
function keyFunction(
  groupBy: RollupQuery['groupBy'],
  graph: EntityGraph,
): (row: Partial<Record<AttributedColumn, string>>) => string {
  switch (groupBy) {
    case 'model':
      return row => `${row.provider}/${row.model}`;
    case 'provider':
      return row => String(row.provider);
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
}): Promise<RollupResponse> {
  const { store, graph, query } = options;
  const window = { from: query.from, to: query.to };
  const byModel = query.groupBy === 'model' || query.groupBy === 'provider';
  const groupBy = GROUP_COLUMNS[query.groupBy];
  const keyOf = keyFunction(query.groupBy, graph);

  const byProvider = query.groupBy === 'provider';
  const [current, previous, unallocated, previousUnallocated] =
    await Promise.all([
      store.sumAttributed({ window, groupBy }),
      store.sumAttributed({ window: previousWindow(window), groupBy }),
      store.sumUnallocated(window),
      byProvider ? store.sumUnallocated(previousWindow(window)) : [],
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
  for (const row of current) item(keyOf(row)).cost += row.cost;
  for (const row of previous) item(keyOf(row)).previousCost += row.cost;
  // A provider's bill includes what no entity claims: provider items sum to
  // the org total, their unallocated part named.
  if (byProvider) {
    for (const row of unallocated) {
      item(row.provider).cost += row.cost;
      item(row.provider).unallocatedCost += row.cost;
    }
    for (const row of previousUnallocated) {
      item(row.provider).previousCost += row.cost;
    }
  }

  const unallocatedCost = sumCost(unallocated);
  return {
    currency: options.currency,
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    total: money(sumCost(current) + unallocatedCost),
    items: [...items]
      .filter(([, v]) => v.cost !== 0 || v.previousCost !== 0)
      .map(([key, v]) => {
        const node = byModel || key === '(none)' ? undefined : graph.get(key);
        return {
          key,
          ...(byModel || key === '(none)' ? {} : { entityRef: key }),
          ...(node?.title ? { title: node.title } : {}),
          cost: v.cost,
          previousCost: v.previousCost,
          ...(byProvider ? { unallocatedCost: v.unallocatedCost } : {}),
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
    unallocated: {
      cost: money(unallocatedCost),
      items: unallocated
        .filter(u => u.cost !== 0)
        .sort(byCostDesc)
        .map(u => {
          const claimWith = claimAnnotationFor(u.provider, u.dimension);
          const claim = {
            provider: u.provider,
            dimension: u.dimension,
            value: u.value,
            ...(claimWith ? { claimWith } : {}),
          };
          return {
            ...claim,
            cost: money(u.cost),
            hint: unallocatedHint(claim),
          };
        }),
    },
  };
}

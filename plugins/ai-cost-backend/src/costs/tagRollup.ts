import {
  microsToNumber as money,
  type RollupItem,
  type RollupQuery,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { AttributionStore } from '../database';
import type { TagMetricValues } from '../unitEconomics/types';
import { unitCostOf } from '../unitEconomics/unitCosts';
import { fractionOf, sumCost } from './amounts';
import { historyFrom } from './historyFrom';
import { previousWindow } from './previousWindow';
import { unallocatedSection } from './unallocatedSection';

/** Tag values a rollup lists before folding the rest into one item. */
export const TOP_ROLLUP_TAG_VALUES = 50;

type Sums = {
  cost: number;
  previousCost: number;
  unallocatedCost: number;
  /** Metric values in micro-units; null when the metric has none. */
  metric: number | null;
  previousMetric: number | null;
};

function addMetric(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

function fold(rows: Sums[]): Sums {
  return rows.reduce<Sums>(
    (sum, row) => ({
      cost: sum.cost + row.cost,
      previousCost: sum.previousCost + row.previousCost,
      unallocatedCost: sum.unallocatedCost + row.unallocatedCost,
      metric: addMetric(sum.metric, row.metric),
      previousMetric: addMetric(sum.previousMetric, row.previousMetric),
    }),
    {
      cost: 0,
      previousCost: 0,
      unallocatedCost: 0,
      metric: null,
      previousMetric: null,
    },
  );
}

const hasAnything = (v: Sums) =>
  v.cost !== 0 ||
  v.previousCost !== 0 ||
  (v.metric ?? 0) !== 0 ||
  (v.previousMetric ?? 0) !== 0;

/** What a metric adds to an item (DESIGN §9.2): value, unit cost, margin for money. */
function metricFields(
  item: Sums,
  info: TagMetricValues['info'],
): Partial<RollupItem> {
  const metricValue = item.metric === null ? null : item.metric / 1_000_000;
  const fields: Partial<RollupItem> = {
    metricValue,
    previousMetricValue:
      item.previousMetric === null ? null : item.previousMetric / 1_000_000,
    unitCost: unitCostOf(item.cost, item.metric, info.per),
  };
  if (info.money) {
    fields.margin =
      item.metric === null ? null : money(item.metric - item.cost);
    fields.marginPercent =
      item.metric === null || item.metric <= 0
        ? null
        : fractionOf(item.metric - item.cost, item.metric);
  }
  return fields;
}

/**
 * Organisation-wide spend by the values of one allocation tag (DESIGN §9.1
 * `GET /rollup?groupBy=tag:<key>`), read from the per-value daily sums
 * attribution keeps. Unallocated spend carries tags too, so
 * items include it (named in `unallocatedCost`) and sum to `total`; spend
 * without a value is the item keyed `null`. Past the top values the rest is
 * one item with `otherValues`. Measured by a metric (DESIGN §9.2), a value
 * with metric but no spend (a customer with revenue and no AI use) is an
 * item too, after those with spend.
 */
export async function tagRollup(options: {
  store: AttributionStore;
  currency: string;
  query: RollupQuery;
  tag: string;
  metric?: TagMetricValues;
}): Promise<RollupResponse> {
  const { store, query, tag, metric } = options;
  const window = { from: query.from, to: query.to };
  const previous = previousWindow(window);
  const [current, before, unallocatedItems, starts] = await Promise.all([
    store.sumTagValues({ window, tag }),
    store.sumTagValues({ window: previous, tag }),
    store.sumUnallocated(window),
    store.historyStarts(),
  ]);
  const sums = new Map<string | null, Sums>();
  const at = (value: string | null) => {
    const entry = sums.get(value) ?? {
      cost: 0,
      previousCost: 0,
      unallocatedCost: 0,
      metric: null,
      previousMetric: null,
    };
    sums.set(value, entry);
    return entry;
  };
  for (const row of current) {
    at(row.value).cost += row.cost;
    at(row.value).unallocatedCost += row.unallocatedCost;
  }
  for (const row of before) at(row.value).previousCost += row.cost;
  if (metric) {
    for (const [value, micros] of metric.current) at(value).metric = micros;
    for (const [value, micros] of metric.previous) {
      at(value).previousMetric = micros;
    }
  }

  const ranked = [...sums]
    .filter(([key, v]) => key !== null && hasAnything(v))
    .map(([key, v]) => ({ key, ...v }))
    .sort(
      (a, b) =>
        b.cost - a.cost ||
        (b.metric ?? 0) - (a.metric ?? 0) ||
        (a.key! < b.key! ? -1 : 1),
    );
  const items: Array<Sums & { key: string | null; otherValues?: number }> =
    ranked.slice(0, TOP_ROLLUP_TAG_VALUES);
  const rest = ranked.slice(TOP_ROLLUP_TAG_VALUES);
  if (rest.length > 0) {
    items.push({ key: null, ...fold(rest), otherValues: rest.length });
  }
  const missing = sums.get(null);
  if (missing && hasAnything(missing)) {
    items.push({ key: null, ...missing });
  }

  return {
    currency: options.currency,
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    historyFrom: historyFrom(starts, { sourceIds: [], to: query.to }),
    total: money(sumCost(current)),
    items: items.map(
      (item): RollupItem => ({
        key: item.key,
        cost: money(item.cost),
        previousCost: money(item.previousCost),
        unallocatedCost: money(item.unallocatedCost),
        ...(item.otherValues ? { otherValues: item.otherValues } : {}),
        ...(metric ? metricFields(item, metric.info) : {}),
      }),
    ),
    unallocated: unallocatedSection(unallocatedItems),
    ...(metric ? { metric: metric.info } : {}),
  };
}

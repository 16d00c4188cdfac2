import {
  eachDay,
  microsToNumber as money,
  type EntityCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { UsageAmounts } from '../attribution/attributeUsage';
import type { AmountsRow } from '../database';
import { addAmounts, emptyAmounts } from '../attribution/usageAmounts';

/** Token, request and cost totals of some rows, and the part of the cost we estimated. */
export function costTotals(
  rows: UsageAmounts[],
): Pick<EntityCostsResponse, 'total' | 'estimatedCost'> {
  const sum = emptyAmounts();
  for (const row of rows) addAmounts(sum, row);
  const { estimatedOnly, ...total } = sum;
  return {
    total: { ...total, cost: money(total.cost) },
    estimatedCost: money(estimatedOnly),
  };
}

/**
 * Every day of the window, zero-filled, with the part of the spend that comes
 * from synthetic demo sources; rows summed by date and source.
 */
export function dailyTotals(
  window: UsageWindow,
  rows: Array<AmountsRow<'date' | 'sourceId'>>,
  demoSources: Set<string>,
): Pick<EntityCostsResponse, 'daily' | 'demoCost'> {
  const daily = new Map(eachDay(window.from, window.to).map(d => [d, 0]));
  let demoCost = 0;
  for (const row of rows) {
    daily.set(row.date, (daily.get(row.date) ?? 0) + row.cost);
    if (demoSources.has(row.sourceId)) demoCost += row.cost;
  }
  return {
    daily: [...daily].map(([date, cost]) => ({ date, cost: money(cost) })),
    demoCost: money(demoCost),
  };
}

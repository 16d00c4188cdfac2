import {
  microsToNumber as money,
  type EntityCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import type { AmountsRow } from '../database';
import { addAmounts } from '../attribution/usageAmounts';
import { byCostDesc } from './amounts';
import { splitByTokenType } from './splitByTokenType';

/** Spend summed by day, provider and model, money in micro-units. */
export type DayModelRow = AmountsRow<'date' | 'provider' | 'model'>;

/** Spend summed by provider and model, money in micro-units. */
export type ModelRow = AmountsRow<'provider' | 'model'>;

/** Non-zero days per provider and model, by day then cost. */
export function dailyByModel(
  rows: DayModelRow[],
): EntityCostsResponse['dailyByModel'] {
  return rows
    .filter(row => row.cost !== 0)
    .map(({ date, provider, model, cost }) => ({ date, provider, model, cost }))
    .sort((a, b) => a.date.localeCompare(b.date) || byCostDesc(a, b))
    .map(day => ({ ...day, cost: money(day.cost) }));
}

/** Spend per provider, largest first. */
export function byProvider(
  rows: DayModelRow[],
): EntityCostsResponse['byProvider'] {
  const costs = new Map<string, number>();
  for (const row of rows) {
    costs.set(row.provider, (costs.get(row.provider) ?? 0) + row.cost);
  }
  return [...costs]
    .map(([provider, cost]) => ({ provider, cost }))
    .sort(byCostDesc)
    .map(p => ({ ...p, cost: money(p.cost) }));
}

/** The days summed per provider and model, largest first; still in micro-units. */
export function modelTotals(rows: DayModelRow[]): ModelRow[] {
  const models = new Map<string, ModelRow>();
  for (const { date: _, ...row } of rows) {
    const key = `${row.provider}\u0000${row.model}`;
    const model = models.get(key);
    if (model) addAmounts(model, row);
    else models.set(key, { ...row });
  }
  return [...models.values()].sort(byCostDesc);
}

export function byModel(models: ModelRow[]): EntityCostsResponse['byModel'] {
  return models.map(m => ({
    provider: m.provider,
    model: m.model,
    cost: money(m.cost),
    estimatedCost: money(m.estimatedOnly),
    inputTokens: m.inputTokens,
    cachedInputTokens: m.cachedInputTokens,
    cacheWriteTokens: m.cacheWriteTokens,
    outputTokens: m.outputTokens,
    requests: m.requests,
  }));
}

/** Each model's cost split by token type at the list prices of `date`. */
export function byTokenType(
  models: ModelRow[],
  pricing: PricingService,
  date: string,
): EntityCostsResponse['byTokenType'] {
  const split = splitByTokenType(models, pricing, date);
  return {
    items: split.items.map(t => ({ ...t, cost: money(t.cost) })),
    unexplainedCost: money(split.unexplainedCost),
  };
}

/** Spend per provider api key, largest first. */
export function byApiKey(
  rows: Array<AmountsRow<'provider' | 'apiKeyId'>>,
): EntityCostsResponse['byApiKey'] {
  return [...rows].sort(byCostDesc).map(k => ({
    provider: k.provider,
    apiKeyId: k.apiKeyId,
    cost: money(k.cost),
    requests: k.requests,
  }));
}

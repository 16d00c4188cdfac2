import {
  microsToNumber as money,
  type EntityCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import type { AmountsRow } from '../database';
import { addAmounts, tokensOf } from '../attribution/usageAmounts';
import { byCostDesc } from './amounts';
import { splitByTokenType } from './splitByTokenType';

/**
 * Spend summed by day, provider, model and the model's provider (see
 * `AttributedRow.modelProvider`), money in micro-units.
 */
export type DayModelRow = AmountsRow<
  'date' | 'provider' | 'model' | 'modelProvider'
>;

/** Spend summed by provider, model and the model's provider, money in micro-units. */
export type ModelRow = AmountsRow<'provider' | 'model' | 'modelProvider'>;

/** Non-zero days per provider and model, by day then cost. */
export function dailyByModel(
  rows: DayModelRow[],
): EntityCostsResponse['dailyByModel'] {
  const days = new Map<
    string,
    { date: string; provider: string; model: string; cost: number }
  >();
  for (const { date, provider, model, cost } of rows) {
    const key = [date, provider, model].join('\u0000');
    const day = days.get(key) ?? { date, provider, model, cost: 0 };
    day.cost += cost;
    days.set(key, day);
  }
  return [...days.values()]
    .filter(row => row.cost !== 0)
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
    const key = [row.provider, row.modelProvider, row.model].join('\u0000');
    const model = models.get(key);
    if (model) addAmounts(model, row);
    else models.set(key, { ...row });
  }
  return [...models.values()].sort(byCostDesc);
}

/**
 * Usage without cost of a model no price is known for on `date`: sources
 * store such usage at cost 0, and it is reported as unpriced, never as
 * free. A model the price database knows that cost nothing (a free tier,
 * a credit) is not unpriced.
 */
export function isUnpriced(
  model: ModelRow,
  pricing: PricingService,
  date: string,
): boolean {
  if (model.cost !== 0 || !model.model) return false;
  if (model.requests === 0 && tokensOf(model) === 0) return false;
  const priced = pricing.price({
    provider: model.modelProvider || model.provider,
    model: model.model,
    date,
    inputTokens: 1_000_000,
    outputTokens: 1_000_000,
  });
  return !priced.priced;
}

/**
 * Spend per model: `provider` is the model's provider (`openai` for gpt-4o
 * priced by a gateway), `source` the provider kind it came through;
 * `unpriced` as {@link isUnpriced} on the window's last day.
 */
export function byModel(
  models: ModelRow[],
  pricing: PricingService,
  date: string,
): EntityCostsResponse['byModel'] {
  return models.map(m => ({
    provider: m.modelProvider || m.provider,
    source: m.provider,
    model: m.model,
    unpriced: isUnpriced(m, pricing, date),
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

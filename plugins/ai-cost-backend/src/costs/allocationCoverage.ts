import {
  eachDay,
  microsToNumber as money,
  type AllocationCoverage,
} from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { AttributionStore } from '../database';
import { byCostDesc, coverageOf, sumCost } from './amounts';

/** Unallocated items listed per tag. */
const TOP_MISSING = 10;

/**
 * How much spend is allocated (DESIGN §9.1 `GET /allocation/coverage`):
 * attributed to an entity, overall, per provider and per day; and per
 * allocation tag, how much carries a value, with the largest spend that does
 * not (an entity to annotate with `ai-cost/tags`, or unclaimed provider
 * values). Chargeback is ready once coverage reaches the threshold.
 */
export async function allocationCoverage(options: {
  store: Pick<AttributionStore, 'sumAttributed' | 'sumUnallocatedCost'>;
  currency: string;
  tagKeys: string[];
  threshold: number;
  window: UsageWindow;
}): Promise<AllocationCoverage> {
  const { store, window, tagKeys, threshold } = options;
  const [attributed, unallocated, attributedDaily, unallocatedDaily] =
    await Promise.all([
      store.sumAttributed({
        window,
        groupBy: ['provider', 'entityRef', 'allocationTags'],
      }),
      store.sumUnallocatedCost({
        window,
        groupBy: ['provider', 'dimension', 'value', 'allocationTags'],
      }),
      store.sumAttributed({ window, groupBy: ['date'] }),
      store.sumUnallocatedCost({ window, groupBy: ['date'] }),
    ]);
  // Each row's tag values, parsed once for every tag below.
  const attributedTags = attributed.map(
    row => JSON.parse(row.allocationTags) as Record<string, string>,
  );
  const unallocatedTags = unallocated.map(
    row => JSON.parse(row.allocationTags) as Record<string, string>,
  );
  const attributedCost = sumCost(attributed);
  const total = attributedCost + sumCost(unallocated);

  const providers = new Map<string, { total: number; attributed: number }>();
  const providerSums = (name: string) => {
    const entry = providers.get(name) ?? { total: 0, attributed: 0 };
    providers.set(name, entry);
    return entry;
  };
  for (const row of attributed) {
    providerSums(row.provider).total += row.cost;
    providerSums(row.provider).attributed += row.cost;
  }
  for (const row of unallocated) providerSums(row.provider).total += row.cost;

  const tags = tagKeys.map(tag => {
    let tagged = 0;
    const missing = new Map<
      string,
      { provider: string; dimension: string; value: string; cost: number }
    >();
    const miss = (
      item: { provider: string; dimension: string; value: string },
      cost: number,
    ) => {
      const key = JSON.stringify([item.provider, item.dimension, item.value]);
      const entry = missing.get(key) ?? { ...item, cost: 0 };
      entry.cost += cost;
      missing.set(key, entry);
    };
    attributed.forEach((row, i) => {
      if (attributedTags[i][tag] !== undefined) tagged += row.cost;
      else {
        miss(
          { provider: row.provider, dimension: 'entity', value: row.entityRef },
          row.cost,
        );
      }
    });
    unallocated.forEach((row, i) => {
      if (unallocatedTags[i][tag] !== undefined) tagged += row.cost;
      else {
        const { provider, dimension, value } = row;
        miss({ provider, dimension, value }, row.cost);
      }
    });
    return {
      tag,
      cost: money(tagged),
      coverage: coverageOf(tagged, total),
      topMissing: [...missing.values()]
        .filter(item => item.cost !== 0)
        .sort(byCostDesc)
        .slice(0, TOP_MISSING)
        .map(item => ({ ...item, cost: money(item.cost) })),
    };
  });

  const daily = new Map(
    eachDay(window.from, window.to).map(date => [
      date,
      { total: 0, attributed: 0 },
    ]),
  );
  for (const row of attributedDaily) {
    const day = daily.get(row.date)!;
    day.total += row.cost;
    day.attributed += row.cost;
  }
  for (const row of unallocatedDaily) daily.get(row.date)!.total += row.cost;

  const coverage = coverageOf(attributedCost, total);
  return {
    currency: options.currency,
    from: window.from,
    to: window.to,
    total: money(total),
    attributed: money(attributedCost),
    unallocated: money(total - attributedCost),
    coverage,
    threshold,
    chargebackReady: total > 0 && coverage >= threshold,
    byProvider: [...providers]
      .map(([name, p]) => ({ provider: name, ...p }))
      .filter(p => p.total !== 0)
      .sort((a, b) => b.total - a.total)
      .map(p => ({
        provider: p.provider,
        total: money(p.total),
        attributed: money(p.attributed),
        coverage: coverageOf(p.attributed, p.total),
      })),
    tags,
    daily: [...daily].map(([date, day]) => ({
      date,
      coverage: day.total === 0 ? null : coverageOf(day.attributed, day.total),
    })),
  };
}

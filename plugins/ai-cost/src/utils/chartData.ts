import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { modelLabel, providerLabel } from './labels';

export type StackBy = 'model' | 'provider';

export interface ChartSeries {
  key: string;
  label: string;
  total: number;
}

export interface StackedDailyData {
  series: ChartSeries[];
  /** One row per day: `date`, then the cost of each series by its key. */
  rows: Array<{ date: string; [seriesKey: string]: number | string }>;
}

export const OTHER_SERIES = '__other__';

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Pivots the daily costs per model into chart rows stacked by model or
 * provider; every day of the window is present, the largest `maxSeries`
 * series are kept and the rest is folded into "Other".
 */
export function stackDailyCosts(
  costs: Pick<EntityCostsResponse, 'daily' | 'dailyByModel'>,
  stackBy: StackBy,
  maxSeries = 6,
): StackedDailyData {
  const totals = new Map<string, ChartSeries>();
  const keyed = costs.dailyByModel.map(item => {
    const key =
      stackBy === 'provider' ? item.provider : `${item.provider}/${item.model}`;
    const label =
      stackBy === 'provider'
        ? providerLabel(item.provider)
        : modelLabel(item.provider, item.model);
    const series = totals.get(key) ?? { key, label, total: 0 };
    series.total += item.cost;
    totals.set(key, series);
    return { date: item.date, key, cost: item.cost };
  });

  const ranked = [...totals.values()].sort(
    (a, b) => b.total - a.total || a.label.localeCompare(b.label),
  );
  // Two providers may bill a model of the same name: disambiguate labels.
  const labelCounts = new Map<string, number>();
  ranked.forEach(s =>
    labelCounts.set(s.label, (labelCounts.get(s.label) ?? 0) + 1),
  );
  for (const s of ranked) {
    if (stackBy === 'model' && (labelCounts.get(s.label) ?? 0) > 1) {
      s.label = `${s.label} (${providerLabel(s.key.split('/')[0])})`;
    }
  }

  const kept =
    ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const keptKeys = new Set(kept.map(s => s.key));
  const series: ChartSeries[] = kept.map(s => ({
    ...s,
    total: round(s.total),
  }));
  if (ranked.length > kept.length) {
    const other = ranked
      .filter(s => !keptKeys.has(s.key))
      .reduce((sum, s) => sum + s.total, 0);
    series.push({ key: OTHER_SERIES, label: 'Other', total: round(other) });
  }

  const byDate = new Map<string, Record<string, number>>();
  for (const item of keyed) {
    const key = keptKeys.has(item.key) ? item.key : OTHER_SERIES;
    const row = byDate.get(item.date) ?? {};
    row[key] = round((row[key] ?? 0) + item.cost);
    byDate.set(item.date, row);
  }
  const rows = costs.daily.map(({ date }) => {
    const row: { date: string; [key: string]: number | string } = { date };
    const values = byDate.get(date) ?? {};
    for (const s of series) row[s.key] = values[s.key] ?? 0;
    return row;
  });
  return { series, rows };
}

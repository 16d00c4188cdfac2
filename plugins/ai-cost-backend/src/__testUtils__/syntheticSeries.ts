import { addDays, allocateMicros } from '@ai-cost/plugin-ai-cost-common';
import type { DatedBreakdownRow } from '../anomalies/breakdowns';
import type { DailyCost } from '../forecast/dailySeries';
import { weekdayOf } from '../forecast/dailySeries';

/** $1 in micro-units. */
export const DOLLAR = 1_000_000;

/** A deterministic PRNG (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One model of the synthetic entity and where its spend is attributed. */
export interface SyntheticModel {
  model: string;
  provider: string;
  apiKey: string;
  child: string;
  /** Share of the day's base spend (shares should sum to 1). */
  share: number;
}

/**
 * 60% gpt-4o (openai, key-a, search), 30% claude-sonnet (anthropic, key-b,
 * chat), 10% gpt-4o-mini (openai, key-b, chat).
 */
export const SYNTHETIC_MODELS: SyntheticModel[] = [
  {
    model: 'gpt-4o',
    provider: 'openai',
    apiKey: 'key-a',
    child: 'component:default/search',
    share: 0.6,
  },
  {
    model: 'claude-sonnet',
    provider: 'anthropic',
    apiKey: 'key-b',
    child: 'component:default/chat',
    share: 0.3,
  },
  {
    model: 'gpt-4o-mini',
    provider: 'openai',
    apiKey: 'key-b',
    child: 'component:default/chat',
    share: 0.1,
  },
];

/** Extra spend on one day, on one model (default the first). */
export interface SyntheticSpike {
  date: string;
  micros: number;
  model?: string;
}

/** Parameters of {@link syntheticSeries}; the expected answers of tests follow from them. */
export interface SyntheticSeriesOptions {
  /** First day. */
  from: string;
  /** Number of days. */
  days: number;
  /** Base spend on Monday–Friday. Default $100. */
  weekdayMicros?: number;
  /** Base spend on Saturday and Sunday. Default $20. */
  weekendMicros?: number;
  /** Multiplicative uniform noise: each day's base × (1 + U(−noise, +noise)). Default 0. */
  noise?: number;
  /** PRNG seed for the noise. Default 1. */
  seed?: number;
  /** Linear growth: day i's base is × (1 + trendPerDay × i). Default 0. */
  trendPerDay?: number;
  spikes?: SyntheticSpike[];
  models?: SyntheticModel[];
}

/** The generated series: daily totals and per-day breakdown rows. */
export interface SyntheticSeries {
  daily: DailyCost[];
  /** Per day: model, apiKey, provider, child and tokenType (70% input, 30% output) rows. */
  rows: DatedBreakdownRow[];
  /** Daily totals of one model. */
  modelDaily(model: string): DailyCost[];
}

/**
 * A deterministic daily spend series with weekly seasonality, optional
 * noise, trend and spikes, split over {@link SYNTHETIC_MODELS}. A day's
 * total is `round(base × (1 + trendPerDay × i) × (1 + noise))` plus its
 * spikes, where base is the weekday or weekend amount.
 */
export function syntheticSeries(
  options: SyntheticSeriesOptions,
): SyntheticSeries {
  const {
    from,
    days,
    weekdayMicros = 100 * DOLLAR,
    weekendMicros = 20 * DOLLAR,
    noise = 0,
    seed = 1,
    trendPerDay = 0,
    spikes = [],
    models = SYNTHETIC_MODELS,
  } = options;
  const random = seededRandom(seed);
  const daily: DailyCost[] = [];
  const rows: DatedBreakdownRow[] = [];
  const perModel = new Map<string, DailyCost[]>();

  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const weekday = weekdayOf(date);
    const base = weekday === 0 || weekday === 6 ? weekendMicros : weekdayMicros;
    const factor = (1 + trendPerDay * i) * (1 + noise * (2 * random() - 1));
    const parts = allocateMicros(
      Math.round(base * factor),
      models.map(m => m.share),
    );
    for (const spike of spikes.filter(s => s.date === date)) {
      const index = Math.max(
        0,
        models.findIndex(m => m.model === spike.model),
      );
      parts[index] += spike.micros;
    }
    daily.push({ date, cost: parts.reduce((a, b) => a + b, 0) });
    models.forEach((m, index) => {
      const cost = parts[index];
      perModel.set(m.model, [...(perModel.get(m.model) ?? []), { date, cost }]);
      const [input, output] = allocateMicros(cost, [0.7, 0.3]);
      rows.push(
        { date, dimension: 'model', key: m.model, cost },
        { date, dimension: 'apiKey', key: m.apiKey, cost },
        { date, dimension: 'provider', key: m.provider, cost },
        { date, dimension: 'child', key: m.child, cost },
        { date, dimension: 'tokenType', key: 'input', cost: input },
        { date, dimension: 'tokenType', key: 'output', cost: output },
      );
    });
  }
  return {
    daily,
    rows,
    modelDaily: model => perModel.get(model) ?? [],
  };
}

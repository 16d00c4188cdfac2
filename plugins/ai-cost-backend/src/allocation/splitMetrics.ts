import { isBuiltInMetric } from '@ai-cost/plugin-ai-cost-common';
import type { MetricStore, MetricWindow } from '../database/MetricStore';
import type { AllocationPolicy } from './AllocationPolicy';

/**
 * Pushed metric values of entities per day, in micro-units, as metric splits
 * weigh their targets by them (DESIGN §9.1 `method: metric`).
 */
export class SplitMetricValues {
  readonly #values = new Map<string, number>();

  static readonly EMPTY = new SplitMetricValues([]);

  constructor(
    rows: Iterable<{
      metric: string;
      date: string;
      entityRef: string;
      valueMicros: number;
    }>,
  ) {
    for (const row of rows) {
      const key = SplitMetricValues.#key(row.metric, row.date, row.entityRef);
      this.#values.set(key, (this.#values.get(key) ?? 0) + row.valueMicros);
    }
  }

  static #key(metric: string, date: string, entityRef: string) {
    return `${metric}\u0000${date}\u0000${entityRef}`;
  }

  /** The entity's own value of the metric that day; 0 without one. */
  valueOf(metric: string, date: string, entityRef: string): number {
    return (
      this.#values.get(SplitMetricValues.#key(metric, date, entityRef)) ?? 0
    );
  }
}

/** The pushed (not built-in) metrics the policy's metric splits weigh by. */
export function pushedSplitMetrics(policy: AllocationPolicy): string[] {
  const metrics = new Set<string>();
  for (const rule of policy.rules()) {
    if (
      rule.kind === 'split' &&
      rule.method === 'metric' &&
      rule.metric !== undefined &&
      !isBuiltInMetric(rule.metric)
    ) {
      metrics.add(rule.metric);
    }
  }
  return [...metrics].sort();
}

/** Reads, for a policy and a window, the pushed values its metric splits weigh by. */
export function splitMetricLoader(store: Pick<MetricStore, 'entityValues'>) {
  return async (
    policy: AllocationPolicy,
    window: MetricWindow,
  ): Promise<SplitMetricValues> => {
    const metrics = pushedSplitMetrics(policy);
    if (metrics.length === 0) return SplitMetricValues.EMPTY;
    return new SplitMetricValues(await store.entityValues({ metrics, window }));
  };
}

import { allocationTagsJson } from '../../attribution/attributeUsage';
import type { MetricPoint } from '../types';

function keyOf(point: MetricPoint): string {
  return JSON.stringify([
    point.metric,
    point.date,
    point.entityRef,
    allocationTagsJson(point.tags),
  ]);
}

/**
 * Sums the points that share (metric, date, entityRef, tags), the identity
 * of a stored point, so that one write never names a point twice. A sum
 * above `Number.MAX_SAFE_INTEGER` micro-units is left out and reported.
 */
export function mergeMetricPoints(points: MetricPoint[]): {
  points: MetricPoint[];
  problems: string[];
} {
  const byKey = new Map<string, MetricPoint>();
  const overflowed = new Set<string>();
  for (const point of points) {
    const key = keyOf(point);
    const earlier = byKey.get(key);
    if (!earlier) {
      byKey.set(key, { ...point, tags: { ...point.tags } });
      continue;
    }
    earlier.valueMicros += point.valueMicros;
    if (!Number.isSafeInteger(earlier.valueMicros)) overflowed.add(key);
  }
  const problems = [...overflowed].map(key => {
    const { metric, date, entityRef, tags } = byKey.get(key)!;
    byKey.delete(key);
    return `${metric} on ${date} for ${entityRef ?? 'the organisation'}${
      Object.keys(tags).length > 0 ? ` ${JSON.stringify(tags)}` : ''
    }: the sum of its series is too large to store; skipped`;
  });
  return { points: [...byKey.values()], problems };
}

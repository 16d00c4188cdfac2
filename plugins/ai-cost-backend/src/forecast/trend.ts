/**
 * Robust trend helpers: the Theil–Sen slope (median of pairwise slopes,
 * unaffected by up to ~29% outliers) and the Mann–Kendall test that decides
 * whether a trend is there at all.
 */

/** A point of a series: `t` in days, `y` any value. */
export interface TrendPoint {
  t: number;
  y: number;
}

/** Median of the slopes of all pairs with distinct `t`; 0 with fewer than two such pairs. */
export function theilSenSlope(points: readonly TrendPoint[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dt = points[j].t - points[i].t;
      if (dt !== 0) slopes.push((points[j].y - points[i].y) / dt);
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  const mid = slopes.length >> 1;
  return slopes.length % 2 === 1
    ? slopes[mid]
    : (slopes[mid - 1] + slopes[mid]) / 2;
}

/**
 * Mann–Kendall trend statistic as a standard normal z score (with the tie
 * correction of the variance and a continuity correction). |z| ≥ 1.96 means
 * a monotonic trend at the 5% level. 0 when the series is constant or has
 * fewer than three points.
 */
export function mannKendallZ(points: readonly TrendPoint[]): number {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const n = sorted.length;
  if (n < 3) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      s += Math.sign(sorted[j].y - sorted[i].y);
    }
  }
  const ties = new Map<number, number>();
  for (const { y } of sorted) ties.set(y, (ties.get(y) ?? 0) + 1);
  let tieTerm = 0;
  for (const count of ties.values()) {
    tieTerm += count * (count - 1) * (2 * count + 5);
  }
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (variance <= 0 || s === 0) return 0;
  return (s - Math.sign(s)) / Math.sqrt(variance);
}

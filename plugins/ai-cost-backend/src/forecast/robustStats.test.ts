import { mean, median, medianAbsoluteDeviation, quantile } from './robustStats';
import { mannKendallZ, theilSenSlope } from './trend';

describe('robust statistics', () => {
  it('computes medians, MAD and interpolated quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // median 2; deviations 1,1,0,0,2,4,7 → sorted 0,0,1,1,2,4,7 → 1
    expect(medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    // position (5 − 1) × 0.8 = 3.2 → 4 + 0.2 × (5 − 4)
    expect(quantile([5, 1, 4, 2, 3], 0.8)).toBeCloseTo(4.2, 10);
    expect(mean([1, 2, 6])).toBe(3);
    expect(median([])).toBeNaN();
  });
});

describe('trend helpers', () => {
  const line = Array.from({ length: 10 }, (_, t) => ({ t, y: 2 * t + 1 }));

  it('finds the Theil–Sen slope, even with an outlier', () => {
    expect(theilSenSlope(line)).toBe(2);
    const withOutlier = line.map(p => (p.t === 4 ? { t: 4, y: 1000 } : p));
    expect(theilSenSlope(withOutlier)).toBe(2);
  });

  it('gives the Mann–Kendall z of a monotonic and a constant series', () => {
    // S = 45 pairs all increasing; Var = 10·9·25 / 18 = 125; z = 44 / √125
    expect(mannKendallZ(line)).toBeCloseTo(44 / Math.sqrt(125), 10);
    expect(mannKendallZ(line.map(p => ({ t: p.t, y: 7 })))).toBe(0);
  });
});

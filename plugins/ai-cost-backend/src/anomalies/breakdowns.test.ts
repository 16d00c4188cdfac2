import { baselineBreakdown, scaleBaseline, sumBreakdown } from './breakdowns';

describe('breakdown helpers', () => {
  const rows = [
    { date: '2025-03-01', dimension: 'model' as const, key: 'a', cost: 10 },
    { date: '2025-03-01', dimension: 'model' as const, key: 'b', cost: 4 },
    { date: '2025-03-08', dimension: 'model' as const, key: 'a', cost: 20 },
    { date: '2025-03-15', dimension: 'model' as const, key: 'a', cost: 100 },
    { date: '2025-03-15', dimension: 'model' as const, key: 'a', cost: 1 },
  ];

  it('sums rows of some days', () => {
    expect(sumBreakdown(rows, ['2025-03-15'])).toEqual([
      { dimension: 'model', key: 'a', cost: 101 },
    ]);
  });

  it('averages each window day over its baseline days and sums the window', () => {
    // Day 1 baseline Mar 1 + Mar 8: a (10 + 20) / 2 = 15, b 4 / 2 = 2.
    // Day 2 baseline Mar 8 only: a 20. Window: a 35, b 2.
    expect(
      baselineBreakdown(rows, [['2025-03-01', '2025-03-08'], ['2025-03-08']]),
    ).toEqual([
      { dimension: 'model', key: 'a', cost: 35 },
      { dimension: 'model', key: 'b', cost: 2 },
    ]);
  });

  it('restates the baseline so that each dimension adds up to the anomaly expected', () => {
    // Averaged baseline: models a 600 + b 300 = 900, providers x 900; the
    // detector's weekday median says 1,000,000 µ$ was expected.
    const scaled = scaleBaseline(
      [
        { dimension: 'model', key: 'a', cost: 600 },
        { dimension: 'model', key: 'b', cost: 300 },
        { dimension: 'provider', key: 'x', cost: 900 },
        { dimension: 'apiKey', key: 'new', cost: 0 },
      ],
      1000,
    );
    expect(scaled).toEqual([
      // 1,000 × 2/3 = 666.67 and 333.33: the larger remainder takes the µ$.
      { dimension: 'model', key: 'a', cost: 667 },
      { dimension: 'model', key: 'b', cost: 333 },
      { dimension: 'provider', key: 'x', cost: 1000 },
      // No baseline spend to scale: left as it is.
      { dimension: 'apiKey', key: 'new', cost: 0 },
    ]);
  });
});

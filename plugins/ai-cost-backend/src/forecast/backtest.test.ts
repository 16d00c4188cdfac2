import { DOLLAR, syntheticSeries } from '../__testUtils__/syntheticSeries';
import { backtestForecast } from './backtest';

describe('backtestForecast', () => {
  it('is exact on a flat series and skips checkpoints past a month end', () => {
    const { daily } = syntheticSeries({
      from: '2025-01-01',
      days: 90, // to Mar 31
      weekdayMicros: 100 * DOLLAR,
      weekendMicros: 100 * DOLLAR,
    });
    const result = backtestForecast(daily, { checkpoints: [7, 14, 21] });
    expect(result.samples).toHaveLength(9);
    expect(result.samples[0]).toMatchObject({
      month: '2025-01',
      asOfDay: 7,
      forecast: 3100 * DOLLAR,
      actual: 3100 * DOLLAR,
      absPctError: 0,
      inBand: true,
    });
    expect(result.meanAbsPctError).toBe(0);
    expect(result.bandCoverage).toBe(1);

    // February has 28 days: checkpoints 28 and 30 leave nothing to forecast.
    const late = backtestForecast(daily, { checkpoints: [28, 30] });
    expect(late.samples.map(s => `${s.month}/${s.asOfDay}`)).toEqual([
      '2025-01/28',
      '2025-01/30',
      '2025-03/28',
      '2025-03/30',
    ]);
  });

  it('only uses complete months', () => {
    const { daily } = syntheticSeries({ from: '2025-01-15', days: 76 }); // to Mar 31
    const result = backtestForecast(daily, { checkpoints: [7] });
    expect(result.samples.map(s => s.month)).toEqual(['2025-02', '2025-03']);
  });

  it('is accurate and calibrated on six months of noisy seasonal history', () => {
    // 18 samples (6 months × 3 checkpoints) per ±10% noisy weekday/weekend
    // history. The remaining days' noise is ~1–2% of a month and even the
    // first month's day-7 forecast, built from one point per weekday, should
    // be off by ~3%: the mean error must stay under 5%. An 80% band should
    // hold ~80% of actuals; over 5 histories (90 samples, binomial σ ≈ 4
    // points) we require at least 70%.
    const results = [42, 43, 44, 45, 46].map(seed =>
      backtestForecast(
        syntheticSeries({
          from: '2025-01-01',
          days: 181, // to Jun 30
          noise: 0.1,
          seed,
        }).daily,
        { checkpoints: [7, 14, 21] },
      ),
    );
    for (const result of results) {
      expect(result.samples).toHaveLength(18);
      expect(result.byCheckpoint.map(c => c.sampleCount)).toEqual([6, 6, 6]);
      expect(result.meanAbsPctError).toBeLessThan(5);
      expect(result.p80AbsPctError).toBeGreaterThanOrEqual(0);
    }
    const samples = results.flatMap(r => r.samples);
    expect(
      samples.filter(s => s.inBand).length / samples.length,
    ).toBeGreaterThanOrEqual(0.7);
  });
});

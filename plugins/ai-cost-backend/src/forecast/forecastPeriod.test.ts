import { DOLLAR, syntheticSeries } from '../__testUtils__/syntheticSeries';
import { forecastPeriod, projectedBreachDate } from './forecastPeriod';

const monthTotal = (
  series: Array<{ date: string; cost: number }>,
  month: string,
) =>
  series
    .filter(d => d.date.startsWith(month))
    .reduce((sum, d) => sum + d.cost, 0);

/** $100 every day, Feb 1 – Apr 10 2025. */
const flat100 = syntheticSeries({
  from: '2025-02-01',
  days: 69,
  weekdayMicros: 100 * DOLLAR,
  weekendMicros: 100 * DOLLAR,
}).daily;

describe('forecastPeriod', () => {
  it('forecasts a flat series exactly', () => {
    const series = syntheticSeries({
      from: '2025-02-01',
      days: 69, // to 2025-04-10
      weekdayMicros: 50 * DOLLAR,
      weekendMicros: 50 * DOLLAR,
    }).daily;
    const forecast = forecastPeriod(series, {
      asOf: '2025-04-10',
      period: 'month',
    });
    expect(forecast.period).toEqual({ start: '2025-04-01', end: '2025-04-30' });
    expect(forecast.method).toBe('weekday-median');
    expect(forecast.trendPerDay).toBe(0);
    expect(forecast.actualToDate).toBe(10 * 50 * DOLLAR);
    expect(forecast.remainingDays).toBe(20);
    expect(forecast.median).toBe(30 * 50 * DOLLAR);
    expect(forecast.daily).toHaveLength(20);
    expect(forecast.daily[0]).toMatchObject({
      date: '2025-04-11',
      median: 50 * DOLLAR,
    });
    expect(forecast.daily.every(d => d.median === 50 * DOLLAR)).toBe(true);
    expect(forecast.low).toBeGreaterThanOrEqual(forecast.actualToDate);
    expect(forecast.low).toBeLessThan(forecast.median);
    expect(forecast.high).toBeGreaterThan(forecast.median);
  });

  it('forecasts weekday seasonality exactly when there is no noise', () => {
    // May 2025: 22 weekdays × $100 + 9 weekend days × $20 = $2,380.
    const series = syntheticSeries({ from: '2025-03-03', days: 69 }).daily; // to May 10
    const forecast = forecastPeriod(series, {
      asOf: '2025-05-10',
      period: 'month',
    });
    expect(forecast.median).toBe(2380 * DOLLAR);
    // May 11 is a Sunday, May 12 a Monday.
    expect(forecast.daily[0]).toMatchObject({ median: 20 * DOLLAR });
    expect(forecast.daily[1]).toMatchObject({ median: 100 * DOLLAR });
  });

  it('is within 3% of the month total of a noisy seasonal series as of the 10th', () => {
    // Uniform ±5% noise has a 2.9% standard deviation per day. The 21
    // remaining days (15 × $100, 6 × $20) then carry a noise error of about
    // $11 and the weekday medians of 8 points about $10: together ~0.6% of
    // the ~$2,380 month, so 3% is a bound of about 5σ.
    const { daily } = syntheticSeries({
      from: '2025-03-03',
      days: 90, // to May 31
      noise: 0.05,
      seed: 7,
    });
    const forecast = forecastPeriod(daily, {
      asOf: '2025-05-10',
      period: 'month',
    });
    const actual = monthTotal(daily, '2025-05');
    expect(Math.abs(forecast.median - actual) / actual).toBeLessThan(0.03);
    expect(forecast.low).toBeLessThan(forecast.median);
    expect(forecast.high).toBeGreaterThan(forecast.median);
  });

  it('stays within 3% for almost every ±10% noisy seasonal series', () => {
    // With ±10% noise the same reasoning gives σ ≈ 1.3% of the month, so
    // |error| > 3% (2.3σ) should happen for about 2% of series; we allow 5
    // of 50, and the mean |error| (≈ 0.8σ ≈ 1%) must stay under 1.5%.
    const errors = Array.from({ length: 50 }, (_, i) => {
      const { daily } = syntheticSeries({
        from: '2025-03-03',
        days: 90,
        noise: 0.1,
        seed: 1000 + i,
      });
      const forecast = forecastPeriod(daily, {
        asOf: '2025-05-10',
        period: 'month',
      });
      const actual = monthTotal(daily, '2025-05');
      return Math.abs(forecast.median - actual) / actual;
    });
    expect(errors.filter(e => e > 0.03).length).toBeLessThanOrEqual(5);
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeLessThan(
      0.015,
    );
  });

  it('ignores data after asOf', () => {
    const { daily } = syntheticSeries({
      from: '2025-03-03',
      days: 90,
      noise: 0.1,
      seed: 3,
    });
    const upToAsOf = daily.filter(d => d.date <= '2025-05-10');
    expect(
      forecastPeriod(daily, { asOf: '2025-05-10', period: 'month' }),
    ).toEqual(
      forecastPeriod(upToAsOf, { asOf: '2025-05-10', period: 'month' }),
    );
  });

  it('keeps days flagged anomalous out of training', () => {
    // +$1,000 on 4 of the 8 Mondays in training: the Monday median becomes
    // ($100 + $1,100) / 2 = $600, and April 14, 21 and 28 would each be
    // forecast $500 too high.
    const spikes = ['2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31'];
    const series = syntheticSeries({
      from: '2025-02-01',
      days: 69,
      weekdayMicros: 100 * DOLLAR,
      weekendMicros: 100 * DOLLAR,
      spikes: spikes.map(date => ({ date, micros: 1000 * DOLLAR })),
    }).daily;
    const polluted = forecastPeriod(series, {
      asOf: '2025-04-10',
      period: 'month',
    });
    expect(polluted.median).toBeGreaterThan(3300 * DOLLAR);

    const clean = forecastPeriod(series, {
      asOf: '2025-04-10',
      period: 'month',
      excludeDates: new Set(spikes),
    });
    expect(clean.median).toBe(3000 * DOLLAR); // 30 days × $100
    expect(clean.high - clean.median).toBeLessThan(
      polluted.high - polluted.median,
    );
  });

  it('follows a significant trend, damped', () => {
    // $100 × (1 + 0.005 i), i = 0 on 2025-03-03: May 1 is i = 59, May 31 i = 89.
    // May total = 31 × $100 + $0.5 × (59 + … + 89) = $3,100 + $0.5 × 2,294 = $4,247.
    // A forecast without trend uses the level at the middle of the 8-week
    // window (i ≈ 40.5, $120.25) for the 21 remaining days: 21 × $120.25 +
    // the $1,317.50 spent by May 10 = $3,842.75, 9.5% short.
    const { daily } = syntheticSeries({
      from: '2025-03-03',
      days: 69, // to May 10
      weekdayMicros: 100 * DOLLAR,
      weekendMicros: 100 * DOLLAR,
      trendPerDay: 0.005,
    });
    const actual = 4247 * DOLLAR;
    const withTrend = forecastPeriod(daily, {
      asOf: '2025-05-10',
      period: 'month',
    });
    expect(withTrend.actualToDate).toBe(1317.5 * DOLLAR);
    expect(withTrend.trendPerDay).toBeGreaterThan(0);
    expect(Math.abs(withTrend.median - actual) / actual).toBeLessThan(0.02);

    const withoutTrend = forecastPeriod(daily, {
      asOf: '2025-05-10',
      period: 'month',
      trend: false,
    });
    expect((actual - withoutTrend.median) / actual).toBeGreaterThan(0.05);
  });

  it('gives a sparse series the mean of what exists and a wide band', () => {
    // $10, $20, $30 on June 8–10: mean $20 for the 20 remaining days, median
    // $60 + $400. Spread max(50%, cv 40.8%) = 50%, level spread 0.5/√3;
    // σ = √(20 × $10² + (0.2887 × $400)²) = √15,333.3 = $123.83,
    // half band 1.2816σ = $158.69.
    const series = [
      { date: '2025-06-08', cost: 10 * DOLLAR },
      { date: '2025-06-09', cost: 20 * DOLLAR },
      { date: '2025-06-10', cost: 30 * DOLLAR },
    ];
    const forecast = forecastPeriod(series, {
      asOf: '2025-06-10',
      period: 'month',
    });
    expect(forecast.method).toBe('sparse-mean');
    expect(forecast.actualToDate).toBe(60 * DOLLAR);
    expect(forecast.median).toBe(460 * DOLLAR);
    expect(Math.abs(forecast.low - 301.31 * DOLLAR)).toBeLessThan(
      0.01 * DOLLAR,
    );
    expect(Math.abs(forecast.high - 618.69 * DOLLAR)).toBeLessThan(
      0.01 * DOLLAR,
    );
  });

  it('forecasts zero without any history', () => {
    const forecast = forecastPeriod([], {
      asOf: '2025-06-10',
      period: 'month',
    });
    expect(forecast).toMatchObject({
      method: 'no-history',
      actualToDate: 0,
      median: 0,
      low: 0,
      high: 0,
      remainingDays: 20,
    });
  });

  it('forecasts a quarter', () => {
    // Q1 2025: Jan 23 weekdays + 8 weekend days, Feb 20 + 8, Mar 21 + 10:
    // 64 × $100 + 26 × $20 = $6,920.
    const series = syntheticSeries({ from: '2024-11-04', days: 99 }).daily; // to Feb 10
    const forecast = forecastPeriod(series, {
      asOf: '2025-02-10',
      period: 'quarter',
    });
    expect(forecast.period).toEqual({ start: '2025-01-01', end: '2025-03-31' });
    expect(forecast.remainingDays).toBe(18 + 31);
    expect(forecast.median).toBe(6920 * DOLLAR);
  });

  it('forecasts an explicit future period from history before it', () => {
    const forecast = forecastPeriod(flat100, {
      asOf: '2025-04-10',
      period: { start: '2025-05-01', end: '2025-05-31' },
    });
    expect(forecast.actualToDate).toBe(0);
    expect(forecast.remainingDays).toBe(31);
    expect(forecast.median).toBe(3100 * DOLLAR);
  });
});

describe('projectedBreachDate', () => {
  // April 2025 as of the 10th: $1,000 spent, then $100 a day.
  const forecast = forecastPeriod(flat100, {
    asOf: '2025-04-10',
    period: 'month',
  });

  it('finds the day cumulative spend reaches the threshold', () => {
    // 80% of $2,500 = $2,000 = 20 days × $100.
    expect(projectedBreachDate(forecast, 2500 * DOLLAR, 0.8)).toBe(
      '2025-04-20',
    );
    expect(projectedBreachDate(forecast, 2500 * DOLLAR, 1)).toBe('2025-04-25');
    // $2,050 is crossed by day 21's $2,100.
    expect(projectedBreachDate(forecast, 2050 * DOLLAR, 1)).toBe('2025-04-21');
  });

  it('returns a past day when the actual spend already crossed it', () => {
    expect(projectedBreachDate(forecast, 500 * DOLLAR, 1)).toBe('2025-04-05');
  });

  it('returns undefined when the period stays under the threshold', () => {
    expect(projectedBreachDate(forecast, 5000 * DOLLAR, 1)).toBeUndefined();
  });
});

import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import { DOLLAR, syntheticSeries } from '../__testUtils__/syntheticSeries';
import { sumBreakdown, baselineBreakdown } from './breakdowns';
import { detectAnomalies } from './detectAnomalies';
import { groupOngoing } from './groupOngoing';
import { rankRootCauses } from './rankRootCauses';

/** 90 days from Monday 2025-01-06 to Saturday 2025-04-05. */
const FROM = '2025-01-06';
const DAYS = 90;
const ALL = { from: FROM, to: '2025-04-05' };

describe('detectAnomalies', () => {
  it('raises nothing for weekly seasonality alone over 90 days', () => {
    const { daily } = syntheticSeries({ from: FROM, days: DAYS });
    expect(detectAnomalies(daily, ALL)).toEqual([]);
    expect(detectAnomalies(daily, ALL, { direction: 'both' })).toEqual([]);
  });

  it('raises nothing for ±10% noise', () => {
    // Every day lies in [0.9, 1.1] × its level and so does every median of
    // them, so no day can be more than 1.1/0.9 − 1 = 22% above or below
    // expected: under the 30% relative floor, in either direction.
    for (const seed of [1, 2, 3]) {
      const { daily } = syntheticSeries({
        from: FROM,
        days: DAYS,
        noise: 0.1,
        seed,
      });
      expect(detectAnomalies(daily, ALL, { direction: 'both' })).toEqual([]);
    }
  });

  it('finds a +$400 spike on one model, its impact and the model behind it', () => {
    // ±1% noise: the Friday median is within $1 of $100 and the day itself
    // within $1, so the impact is $400 ± $2 (0.5%). Scale: 1.4826 × the MAD
    // of eight points within ±$1 is under $1.49, so the 5% floor (≈ $5)
    // applies and the score is ≈ 80, far above 8k = 28: critical.
    const spikeDay = '2025-03-07'; // a Friday
    const series = syntheticSeries({
      from: FROM,
      days: DAYS,
      noise: 0.01,
      seed: 11,
      spikes: [{ date: spikeDay, micros: 400 * DOLLAR, model: 'gpt-4o-mini' }],
    });
    const anomalies = detectAnomalies(series.daily, ALL);
    expect(anomalies).toHaveLength(1);
    const [anomaly] = anomalies;
    expect(anomaly.date).toBe(spikeDay);
    expect(Math.abs(anomaly.impact - 400 * DOLLAR)).toBeLessThan(4 * DOLLAR);
    expect(anomaly.baseline).toBe('weekday');
    expect(anomaly.baselineDates).toEqual(
      [8, 7, 6, 5, 4, 3, 2, 1].map(w =>
        new Date(Date.UTC(2025, 2, 7 - 7 * w)).toISOString().slice(0, 10),
      ),
    );
    // 5% of an expected $99–$101.
    expect(anomaly.scale).toBeGreaterThanOrEqual(4.95 * DOLLAR);
    expect(anomaly.scale).toBeLessThanOrEqual(5.05 * DOLLAR);
    expect(anomaly.severity).toBe('critical');

    const causes = rankRootCauses({
      window: sumBreakdown(series.rows, [spikeDay]),
      baseline: baselineBreakdown(series.rows, [anomaly.baselineDates]),
    });
    expect(causes[0]).toMatchObject({
      dimension: 'model',
      key: 'gpt-4o-mini',
    });
    expect(causes[0].share).toBeGreaterThan(0.9);
    expect(Math.abs(causes[0].contribution - 400 * DOLLAR)).toBeLessThan(
      4 * DOLLAR,
    );

    // The same spike is found in that model's own series.
    const perModel = detectAnomalies(series.modelDaily('gpt-4o-mini'), ALL);
    expect(perModel.map(a => a.date)).toEqual([spikeDay]);
    expect(Math.abs(perModel[0].impact - 400 * DOLLAR)).toBeLessThan(
      4 * DOLLAR,
    );
  });

  it('reports a 3-day outage-style spike as one anomaly', () => {
    // Tue–Thu at $100 + $300: expected 3 × $100, actual 3 × $400.
    const outage = ['2025-03-04', '2025-03-05', '2025-03-06'];
    const { daily } = syntheticSeries({
      from: FROM,
      days: DAYS,
      spikes: [
        ...outage.map(date => ({ date, micros: 300 * DOLLAR })),
        { date: '2025-03-20', micros: 300 * DOLLAR },
      ],
    });
    const days = detectAnomalies(daily, ALL);
    expect(days.map(d => d.date)).toEqual([...outage, '2025-03-20']);
    const groups = groupOngoing(days);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      startDate: '2025-03-04',
      endDate: '2025-03-06',
      direction: 'increase',
      expected: 300 * DOLLAR,
      actual: 1200 * DOLLAR,
      impact: 900 * DOLLAR,
      impactPct: 300,
      peakSeverity: 'critical',
    });
    expect(groups[0].days).toHaveLength(3);
    expect(groups[1]).toMatchObject({
      startDate: '2025-03-20',
      endDate: '2025-03-20',
    });
  });

  it('raises nothing for a series with 3 days of data', () => {
    const series = [
      { date: '2025-03-01', cost: 1 * DOLLAR },
      { date: '2025-03-02', cost: 1 * DOLLAR },
      { date: '2025-03-03', cost: 50 * DOLLAR },
    ];
    expect(
      detectAnomalies(series, { from: '2025-03-01', to: '2025-03-03' }),
    ).toEqual([]);
  });

  it('ignores jumps below the dollar floor, however large in %', () => {
    // $1 a day for 30 days: expected $1, scale floor $1.
    const flat = eachDay('2025-01-06', '2025-02-04').map(date => ({
      date,
      cost: 1 * DOLLAR,
    }));
    const range = { from: '2025-02-05', to: '2025-02-05' };
    // +$4.50 (+450%, score 4.5 > 3.5) is under the $5 floor.
    expect(
      detectAnomalies(
        [...flat, { date: '2025-02-05', cost: 5.5 * DOLLAR }],
        range,
      ),
    ).toEqual([]);
    // +$5.50 clears it: score 5.5 / 3.5 = 1.6k → low.
    expect(
      detectAnomalies(
        [...flat, { date: '2025-02-05', cost: 6.5 * DOLLAR }],
        range,
      ),
    ).toEqual([
      {
        date: '2025-02-05',
        expected: 1 * DOLLAR,
        actual: 6.5 * DOLLAR,
        impact: 5.5 * DOLLAR,
        impactPct: 550,
        score: 5.5,
        severity: 'low',
        scale: 1 * DOLLAR,
        baseline: 'weekday',
        baselineDates: ['2025-01-08', '2025-01-15', '2025-01-22', '2025-01-29'],
      },
    ]);
  });

  it('uses the recent baseline while a series is young', () => {
    // Day 10 (Wed Jan 15) has one earlier Wednesday; the last 9 days hold
    // 7 × $100 and 2 × $20, median $100, MAD 0 → scale floor $5.
    const { daily } = syntheticSeries({
      from: FROM,
      days: 10,
      spikes: [{ date: '2025-01-15', micros: 400 * DOLLAR }],
    });
    const [anomaly, ...rest] = detectAnomalies(daily, ALL);
    expect(rest).toEqual([]);
    expect(anomaly).toMatchObject({
      date: '2025-01-15',
      expected: 100 * DOLLAR,
      impact: 400 * DOLLAR,
      score: 80,
      baseline: 'recent',
    });
    expect(anomaly.baselineDates).toEqual(eachDay('2025-01-06', '2025-01-14'));
  });

  it('only reports decreases when asked', () => {
    // Wednesday 2025-03-05 drops from $100 to $0: score −100 / 5 = −20,
    // |score| / 3.5 = 5.7 → high; the $100 impact is not capped.
    const { daily } = syntheticSeries({
      from: FROM,
      days: DAYS,
      spikes: [{ date: '2025-03-05', micros: -100 * DOLLAR }],
    });
    expect(detectAnomalies(daily, ALL)).toEqual([]);
    expect(
      detectAnomalies(daily, ALL, { direction: 'decrease' }),
    ).toMatchObject([
      {
        date: '2025-03-05',
        expected: 100 * DOLLAR,
        actual: 0,
        impact: -100 * DOLLAR,
        impactPct: -100,
        score: -20,
        severity: 'high',
      },
    ]);
  });

  it('rates the same spike lower on an erratic series', () => {
    // Eight earlier Wednesdays alternate $80/$120: median $100, MAD $20,
    // scale $29.65; +$110 scores 3.71 → low. On a steady $100 series the
    // scale is the $5 floor: score 22 = 6.3k → high.
    const days = eachDay('2025-01-06', '2025-03-05'); // Mon … Wed
    const wednesdays = days.filter((_, i) => i % 7 === 2);
    const erratic = days.map(date => {
      const w = wednesdays.indexOf(date);
      let cost = 100 * DOLLAR;
      if (w >= 0) cost = (w % 2 === 0 ? 80 : 120) * DOLLAR;
      return { date, cost };
    });
    const steady = days.map(date => ({ date, cost: 100 * DOLLAR }));
    const spike = { date: '2025-03-05', cost: 210 * DOLLAR };
    const range = { from: '2025-03-05', to: '2025-03-05' };
    const [onErratic] = detectAnomalies(
      [...erratic.slice(0, -1), spike],
      range,
    );
    const [onSteady] = detectAnomalies([...steady.slice(0, -1), spike], range);
    expect(onErratic.severity).toBe('low');
    expect(onErratic.score).toBeCloseTo(110 / (20 * 1.4826), 6);
    expect(onSteady.severity).toBe('high');
    expect(onSteady.score).toBe(22);
  });

  it('keeps excluded days out of the baseline', () => {
    // Wednesdays Jan 8 … Feb 26 all +$300 would make $400 the normal; with
    // them excluded the March 5 spike stands out again.
    const wednesdays = eachDay('2025-01-08', '2025-02-26').filter(
      (_, i) => i % 7 === 0,
    );
    const { daily } = syntheticSeries({
      from: FROM,
      days: DAYS,
      spikes: [...wednesdays, '2025-03-05'].map(date => ({
        date,
        micros: 300 * DOLLAR,
      })),
    });
    const range = { from: '2025-03-05', to: '2025-03-05' };
    expect(detectAnomalies(daily, range)).toEqual([]);
    const [found] = detectAnomalies(daily, range, {
      excludeDates: new Set(wednesdays),
    });
    expect(found).toMatchObject({ baseline: 'recent', impact: 300 * DOLLAR });
  });
});

import {
  addYears,
  amortize,
  costOfDay,
  evenShare,
  monthCost,
  type AmortizedSubscription,
} from './amortize';

const sum = (days: Array<{ cost: number }>) =>
  days.reduce((total, day) => total + day.cost, 0);

const monthly = (
  extra: Partial<AmortizedSubscription> = {},
): AmortizedSubscription => ({
  amountMicros: 1_000_000_000, // 1000.00
  period: 'month',
  start: '2026-01-01',
  ...extra,
});

describe('evenShare', () => {
  it('gives the remainder one micro-unit each to the first days', () => {
    const parts = [0, 1, 2].map(i => evenShare(100, 3, i));
    expect(parts).toEqual([34, 33, 33]);
    expect(parts.reduce((a, b) => a + b)).toBe(100);
  });
});

describe('amortize', () => {
  it('spreads a monthly amount over each calendar month so every full month sums exactly', () => {
    const days = amortize(monthly(), { from: '2026-01-01', to: '2026-04-30' });
    const byMonth = new Map<string, number>();
    for (const day of days) {
      byMonth.set(
        day.date.slice(0, 7),
        (byMonth.get(day.date.slice(0, 7)) ?? 0) + day.cost,
      );
    }
    expect(Object.fromEntries(byMonth)).toEqual({
      '2026-01': 1_000_000_000,
      '2026-02': 1_000_000_000,
      '2026-03': 1_000_000_000,
      '2026-04': 1_000_000_000,
    });
    // 28 days in February 2026, 31 in January: different daily costs.
    expect(days.find(d => d.date === '2026-01-31')!.cost).toBe(32_258_064);
    // 1000 / 28 = 35.714285714…: 28 × 35.714285 leaves 20 micro-units, one
    // each for the first 20 days.
    expect(days.find(d => d.date === '2026-02-01')!.cost).toBe(35_714_286);
    expect(days.find(d => d.date === '2026-02-20')!.cost).toBe(35_714_286);
    expect(days.find(d => d.date === '2026-02-21')!.cost).toBe(35_714_285);
  });

  it('spreads a month over the 29 days of February 2028 (leap day)', () => {
    const days = amortize(monthly({ amountMicros: 29_000_001 }), {
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(days).toHaveLength(29);
    expect(days[28]).toEqual({ date: '2028-02-29', cost: 1_000_000 });
    expect(days[0]).toEqual({ date: '2028-02-01', cost: 1_000_001 });
    expect(sum(days)).toBe(29_000_001);
    expect(monthCost(monthly({ amountMicros: 29_000_001 }), '2028-02')).toBe(
      29_000_001,
    );
  });

  it('gives a partial first and last month the days they cover of the month split (end inclusive)', () => {
    const subscription = monthly({
      amountMicros: 30_000_000, // 30.00 a month
      start: '2026-04-21',
      end: '2026-06-10',
    });
    const days = amortize(subscription, {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(days[0].date).toBe('2026-04-21');
    expect(days[days.length - 1].date).toBe('2026-06-10');
    // April: 10 of 30 days at 1.00; May: the whole 30.00; June: 10 of 30 days.
    expect(monthCost(subscription, '2026-04')).toBe(10_000_000);
    expect(monthCost(subscription, '2026-05')).toBe(30_000_000);
    expect(monthCost(subscription, '2026-06')).toBe(10_000_000);
    expect(monthCost(subscription, '2026-07')).toBe(0);
    expect(sum(days)).toBe(50_000_000);
  });

  it('spreads a yearly amount over the 365 days of each subscription year from start', () => {
    const subscription: AmortizedSubscription = {
      amountMicros: 12_000_000_000, // 12,000.00 a year
      period: 'year',
      start: '2026-03-15',
    };
    const year1 = amortize(subscription, {
      from: '2026-03-15',
      to: '2027-03-14',
    });
    expect(year1).toHaveLength(365);
    expect(sum(year1)).toBe(12_000_000_000);
    // 12,000 / 365 = 32.876712328…
    expect(year1[364]).toEqual({ date: '2027-03-14', cost: 32_876_712 });
    expect(costOfDay(subscription, '2026-03-14')).toBe(0);
  });

  it('spreads a subscription year with a leap day over its 366 days', () => {
    const subscription: AmortizedSubscription = {
      amountMicros: 366_000_005,
      period: 'year',
      start: '2027-06-01',
    };
    const year = amortize(subscription, {
      from: '2027-06-01',
      to: '2028-05-31',
    });
    expect(year).toHaveLength(366);
    expect(year.find(d => d.date === '2028-02-29')!.cost).toBe(1_000_000);
    expect(year[0].cost).toBe(1_000_001);
    expect(sum(year)).toBe(366_000_005);
    // The next year starts on the anniversary, with 365 days.
    const next = amortize(subscription, {
      from: '2028-06-01',
      to: '2029-05-31',
    });
    expect(next).toHaveLength(365);
    expect(sum(next)).toBe(366_000_005);
  });

  it('cuts a yearly subscription at its end day', () => {
    const subscription: AmortizedSubscription = {
      amountMicros: 365_000_000,
      period: 'year',
      start: '2026-01-01',
      end: '2026-01-31',
    };
    const days = amortize(subscription, {
      from: '2025-12-01',
      to: '2026-12-31',
    });
    expect(days).toHaveLength(31);
    expect(sum(days)).toBe(31_000_000);
  });

  it('moves a 29 February start to the 28th in years without one', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    const subscription: AmortizedSubscription = {
      amountMicros: 1_000_000_000,
      period: 'year',
      start: '2028-02-29',
    };
    expect(
      sum(amortize(subscription, { from: '2028-02-29', to: '2029-02-27' })),
    ).toBe(1_000_000_000);
  });

  it('is empty for a window outside the subscription', () => {
    expect(
      amortize(monthly({ start: '2026-05-01' }), {
        from: '2026-04-01',
        to: '2026-04-30',
      }),
    ).toEqual([]);
  });
});

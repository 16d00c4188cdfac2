import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import { budgetSuggestion, roundUpToTwoDigits } from './budgetSuggestion';

const USD = 1_000_000;

function flat(from: string, to: string, cost: number) {
  return eachDay(from, to).map(date => ({ date, cost }));
}

describe('roundUpToTwoDigits', () => {
  it('rounds up to two significant digits', () => {
    expect(roundUpToTwoDigits(2_674_680_000)).toBe(2_700_000_000);
    expect(roundUpToTwoDigits(431_160)).toBe(440_000); // $0.43116 → $0.44
    expect(roundUpToTwoDigits(120_000_000)).toBe(120_000_000); // exact stays
    expect(roundUpToTwoDigits(5)).toBe(5);
    expect(roundUpToTwoDigits(0)).toBe(0);
  });
});

describe('budgetSuggestion', () => {
  const base = {
    asOf: '2026-12-03',
    headroom: 1.15,
    currency: 'USD',
  };

  it('suggests the month-end forecast plus headroom, rounded up', () => {
    // $12 a day for the last 30 days; December forecast 31 × $12 = $372;
    // $372 × 1.15 = $427.80 → $430.
    const suggestion = budgetSuggestion({
      ...base,
      recent: flat('2026-11-04', '2026-12-03', 12 * USD),
      monthForecast: 372 * USD,
      period: 'month',
    });
    expect(suggestion).toEqual({
      period: 'month',
      suggested: 430 * USD,
      runRate: 12 * USD,
      expected: 372 * USD,
      headroom: 1.15,
      basis:
        'Last 30 days, $12.00/day, forecast $372.00 for December 2026; × 1.15 headroom, rounded up to two significant digits: $430.00 per month.',
    });
  });

  it('expects three months at the forecast pace for a quarter', () => {
    // 3 × $372 = $1,116; × 1.15 = $1,283.40 → $1,300.
    const suggestion = budgetSuggestion({
      ...base,
      recent: flat('2026-11-04', '2026-12-03', 12 * USD),
      monthForecast: 372 * USD,
      period: 'quarter',
    });
    expect(suggestion.suggested).toBe(1300 * USD);
    expect(suggestion.expected).toBe(1116 * USD);
    expect(suggestion.basis).toBe(
      'Last 30 days, $12.00/day, forecast $372.00 for December 2026, three months at that pace $1,116.00; × 1.15 headroom, rounded up to two significant digits: $1,300.00 per quarter.',
    );
  });

  it('averages the run rate over the days since spend began', () => {
    // Spend began 10 days ago: $5 on 9 days and $14 on one = $59 / 10 days.
    const suggestion = budgetSuggestion({
      ...base,
      recent: [
        ...flat('2026-11-24', '2026-12-02', 5 * USD),
        { date: '2026-12-03', cost: 14 * USD },
      ],
      monthForecast: 180 * USD,
      period: 'month',
      headroom: 1.2,
    });
    expect(suggestion.runRate).toBe(5_900_000);
    // $180 × 1.2 = $216 → $220.
    expect(suggestion.suggested).toBe(220 * USD);
    expect(suggestion.basis).toMatch(/^Last 10 days, \$5\.90\/day,/);
  });

  it('suggests nothing without spend, and says why', () => {
    const none = budgetSuggestion({
      ...base,
      recent: [],
      monthForecast: undefined,
      period: 'month',
    });
    expect(none).toEqual({
      period: 'month',
      runRate: 0,
      headroom: 1.15,
      basis: 'No AI spend recorded in the last 30 days; no month-end forecast.',
      reason:
        'No spend to suggest a budget from: no AI spend recorded in the last 30 days up to 2026-12-03, and the month-end forecast is missing.',
    });
    const zero = budgetSuggestion({
      ...base,
      recent: flat('2026-11-04', '2026-12-03', 0),
      monthForecast: 0,
      period: 'month',
    });
    expect(zero.suggested).toBeUndefined();
    expect(zero.reason).toBe(
      'No spend to suggest a budget from: last 30 days, $0.00/day up to 2026-12-03, and the month-end forecast is $0.00.',
    );
  });
});

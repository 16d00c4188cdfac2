import {
  amountWarning,
  expectedSpend,
  suggestedBudget,
} from './budgetPlanning';

const usd = (value: number) => `$${value.toFixed(2)}`;

describe('budget planning', () => {
  it('suggests the forecast plus 20%, rounded up to two significant digits', () => {
    // 2,228.90 × 1.2 = 2,674.68 → 2,700
    expect(suggestedBudget(2228.9, 'month')).toBe(2700);
    // a quarter at this month's pace: 2,228.90 × 3 × 1.2 = 8,024.04 → 8,100
    expect(suggestedBudget(2228.9, 'quarter')).toBe(8100);
    // 100 × 1.2 = 120 exactly, not rounded up to 130
    expect(suggestedBudget(100, 'month')).toBe(120);
    // 0.3593 × 1.2 = 0.43116 → 0.44
    expect(suggestedBudget(0.3593, 'month')).toBe(0.44);
    expect(suggestedBudget(0, 'month')).toBeUndefined();
    expect(suggestedBudget(undefined, 'month')).toBeUndefined();
  });

  it('expects three months of spend in a quarter', () => {
    expect(expectedSpend(1000, 'month')).toBe(1000);
    expect(expectedSpend(1000, 'quarter')).toBe(3000);
  });

  it('warns about an amount far below or far above the expected spend', () => {
    expect(amountWarning(0.001, 1000, 'month', usd)).toBe(
      'Less than a quarter of the month-end forecast ($1000.00): it will be exceeded early in the month',
    );
    expect(amountWarning(1e9, 1000, 'month', usd)).toBe(
      'More than 20 times the month-end forecast ($1000.00): its alerts would hardly ever fire',
    );
    expect(amountWarning(700, 1000, 'quarter', usd)).toBe(
      "Less than a quarter of three months at this month's forecast ($3000.00): it will be exceeded early in the quarter",
    );
    // At the edges: a quarter and twenty times are fine.
    expect(amountWarning(250, 1000, 'month', usd)).toBeUndefined();
    expect(amountWarning(20_000, 1000, 'month', usd)).toBeUndefined();
    // Nothing to compare with.
    expect(amountWarning(0.001, undefined, 'month', usd)).toBeUndefined();
  });
});

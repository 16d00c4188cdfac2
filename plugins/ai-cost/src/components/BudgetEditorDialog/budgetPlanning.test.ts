import { amountWarning, expectedSpend } from './budgetPlanning';

const usd = (value: number) => `$${value.toFixed(2)}`;

describe('budget planning', () => {
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

import type { BudgetPeriod } from '@ai-cost/plugin-ai-cost-common';

/** Headroom the suggested budget leaves above the forecast. */
export const SUGGESTED_HEADROOM = 0.2;

/** Below this share of the expected spend a budget is exceeded early. */
const LOW_SHARE = 0.25;
/** Above this multiple of the expected spend a budget's alerts hardly fire. */
const HIGH_MULTIPLE = 20;

const MONTHS_PER_PERIOD: Record<BudgetPeriod, number> = {
  month: 1,
  quarter: 3,
};

/** Rounded up to two significant digits: 2,674.68 → 2,700; 0.4312 → 0.44. */
function roundUpNicely(value: number): number {
  const step = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Number((Math.ceil(value / step - 1e-9) * step).toPrecision(12));
}

/**
 * The spend a period is expected to reach: the month-end forecast, times
 * three for a quarter (the current month's pace held).
 */
export function expectedSpend(
  monthForecast: number,
  period: BudgetPeriod,
): number {
  return monthForecast * MONTHS_PER_PERIOD[period];
}

/**
 * A budget from the run rate: the expected spend of the period plus
 * {@link SUGGESTED_HEADROOM}, rounded up to two significant digits; none
 * without spend to go by.
 */
export function suggestedBudget(
  monthForecast: number | undefined,
  period: BudgetPeriod,
): number | undefined {
  if (!monthForecast || monthForecast <= 0) return undefined;
  return roundUpNicely(
    expectedSpend(monthForecast, period) * (1 + SUGGESTED_HEADROOM),
  );
}

/**
 * Why an amount looks wrong beside the forecast (well below the expected
 * spend: exceeded early; far above: its alerts would hardly ever fire), or
 * nothing. A warning, not an error: the owner may know better.
 */
export function amountWarning(
  amount: number,
  monthForecast: number | undefined,
  period: BudgetPeriod,
  format: (value: number) => string,
): string | undefined {
  if (!monthForecast || monthForecast <= 0) return undefined;
  const expected = expectedSpend(monthForecast, period);
  const basis =
    period === 'month'
      ? `the month-end forecast (${format(expected)})`
      : `three months at this month's forecast (${format(expected)})`;
  if (amount < expected * LOW_SHARE) {
    return `Less than a quarter of ${basis}: it will be exceeded early in the ${period}`;
  }
  if (amount > expected * HIGH_MULTIPLE) {
    return `More than ${HIGH_MULTIPLE} times ${basis}: its alerts would hardly ever fire`;
  }
  return undefined;
}

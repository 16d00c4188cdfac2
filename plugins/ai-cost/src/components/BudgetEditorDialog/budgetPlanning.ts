import type { BudgetPeriod } from '@ai-cost/plugin-ai-cost-common';

/** Below this share of the expected spend a budget is exceeded early. */
const LOW_SHARE = 0.25;
/** Above this multiple of the expected spend a budget's alerts hardly fire. */
const HIGH_MULTIPLE = 20;

const MONTHS_PER_PERIOD: Record<BudgetPeriod, number> = {
  month: 1,
  quarter: 3,
};

/**
 * The spend a period is expected to reach: the month-end forecast, times
 * three for a quarter (the current month's pace held), as the backend's
 * suggestion expects it.
 */
export function expectedSpend(
  monthForecast: number,
  period: BudgetPeriod,
): number {
  return monthForecast * MONTHS_PER_PERIOD[period];
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

import {
  addDays,
  DEFAULT_BUDGET_SCOPE_TAG,
  parseBudgetScope,
  type BudgetPeriod,
  type BudgetStatus,
  type BudgetThresholdStatus,
} from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatDay, formatFraction } from '../../utils/format';

/** The words for a budget state. */
export const budgetStateLabels: Record<BudgetStatus['state'], string> = {
  over: 'Over budget',
  'at-risk': 'At risk',
  ok: 'On track',
  none: 'No budget',
};

/** `month` → `Monthly`. */
export const budgetPeriodLabels: Record<BudgetPeriod, string> = {
  month: 'Monthly',
  quarter: 'Quarterly',
};

/** `month` → `this month`. */
function thisPeriod(period: BudgetPeriod): string {
  return period === 'quarter' ? 'this quarter' : 'this month';
}

/**
 * A budget's scope for people: `staging` for `environment:staging` (the
 * environment tag is implied, as in the annotation), `customer=acme` for
 * other tags, `Overall` without a scope.
 */
export function scopeLabel(scope: string | null): string {
  if (scope === null) return 'Overall';
  const parsed = parseBudgetScope(scope);
  if (!parsed) return scope;
  return parsed.tagKey === DEFAULT_BUDGET_SCOPE_TAG
    ? parsed.value
    : `${parsed.tagKey}=${parsed.value}`;
}

/** Where the budget comes from, in words. */
export function budgetSourceText(source: BudgetStatus['source']): string {
  switch (source) {
    case 'portal':
      return 'Set in the portal';
    case 'annotation':
      return 'From the ai-cost/monthly-budget annotation';
    default:
      return 'None';
  }
}

/**
 * When spend exceeds the budget: `Exceeded on Nov 18`, `Projected to exceed
 * on Nov 25`, or `Not projected to exceed this month`.
 */
export function breachText(status: BudgetStatus): string {
  const { projectedBreachDate, period, state } = status;
  if (state === 'over') {
    return projectedBreachDate
      ? `Exceeded on ${formatDay(projectedBreachDate)}`
      : 'Exceeded';
  }
  if (projectedBreachDate) {
    return `Projected to exceed on ${formatDay(projectedBreachDate)}`;
  }
  return `Not projected to exceed ${thisPeriod(period.period)}`;
}

/** `80% ($2,000.00) reached on Nov 20`, `100% ($2,500.00) projected for Nov 25`. */
export function thresholdText(
  threshold: BudgetThresholdStatus,
  status: Pick<BudgetStatus, 'currency' | 'period'>,
): string {
  const head = `${formatFraction(threshold.fraction)} (${formatCurrency(
    threshold.amount,
    status.currency,
  )})`;
  if (threshold.crossed) {
    return threshold.projectedDate
      ? `${head} reached on ${formatDay(threshold.projectedDate)}`
      : `${head} reached`;
  }
  if (threshold.projectedDate) {
    return `${head} projected for ${formatDay(threshold.projectedDate)}`;
  }
  return `${head} not expected ${thisPeriod(status.period.period)}`;
}

/** `Nov 1 – Nov 30 · 9 days remaining · resets on Dec 1` */
export function periodText(period: BudgetStatus['period']): string {
  const days =
    period.daysRemaining === 1
      ? '1 day remaining'
      : `${period.daysRemaining} days remaining`;
  const resets = addDays(period.end, 1);
  const crossesYear = resets.slice(0, 4) !== period.start.slice(0, 4);
  return `${formatDay(period.start)} – ${formatDay(
    period.end,
  )} · ${days} · resets on ${formatDay(resets, { withYear: crossesYear })}`;
}

/** `6.4% average error over 18 past forecasts` */
export function accuracyText(
  accuracy: NonNullable<BudgetStatus['forecastAccuracy']>,
): string {
  const error = formatFraction(accuracy.meanAbsPctError / 100);
  const samples =
    accuracy.samples === 1
      ? '1 past forecast'
      : `${accuracy.samples} past forecasts`;
  return `${error} average error over ${samples}`;
}

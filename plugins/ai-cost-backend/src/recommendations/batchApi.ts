import { eachDay, formatMoney } from '@ai-cost/plugin-ai-cost-common';
import type { Finding, ModelSeries, RuleContext } from './types';
import {
  MIN_MONTHLY_SAVINGS,
  WINDOW_DAYS,
  count,
  mainWindow,
  money,
  priceByDay,
  ratio,
  sumDays,
  tokensOf,
  totalInput,
  windowOf,
} from './usageMath';

/**
 * Batch API: steady traffic without an interactive pattern, on a provider
 * with a batch discount. Attributed spend is daily (`ai_cost_daily` has no
 * hour), so "no interactive pattern" is judged on days only: spend flat
 * across the days of the window and weekends as busy as weekdays. A
 * business-hours pattern inside the day cannot be seen.
 */
export const BATCH_API = {
  /** Batch discounts on input and output, by provider kind. */
  discounts: { openai: 0.5, anthropic: 0.5 } as Record<string, number>,
  /** Days of the 30 with spend: batch-like jobs run every day. */
  minActiveDays: 28,
  /** Coefficient of variation (stdev / mean) of daily spend at or below which traffic is "steady". */
  maxCoefficientOfVariation: 0.25,
  /** Weekend / weekday mean daily spend: interactive traffic drops on weekends. */
  minWeekendRatio: 0.8,
  maxWeekendRatio: 1.25,
  /** Assumption: this share of the traffic tolerates the batch turnaround (up to 24 hours). */
  assumedBatchableShare: 0.5,
  /**
   * Billed spend below this share of list price already carries a discount
   * (batch or negotiated); a further batch discount is not assumed.
   */
  alreadyDiscountedBelow: 0.6,
  /** Medium confidence needs this steadiness and weekend parity. */
  mediumConfidence: { maxCoefficientOfVariation: 0.1, weekendRatio: 0.1 },
};

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/**
 * Saving = batch discount × assumed batchable share × the spend of the last
 * 30 days (a month already).
 */
export function findBatchApi(
  series: ModelSeries,
  context: RuleContext,
): Finding | undefined {
  const { provider, model } = series;
  const discount = BATCH_API.discounts[provider];
  if (!discount) return undefined;
  const window = windowOf(series, context.asOf);
  if (window.days.length < BATCH_API.minActiveDays) return undefined;

  const byDay = new Map(window.days.map(d => [d.date, d.cost]));
  const { from, to } = mainWindow(context.asOf);
  const days = eachDay(from, to);
  const costs = days.map(day => byDay.get(day) ?? 0);
  const avg = mean(costs);
  if (avg <= 0) return undefined;
  const cv = Math.sqrt(mean(costs.map(c => (c - avg) ** 2))) / avg;
  const weekday = mean(costs.filter((_, i) => !isWeekend(days[i])));
  const weekend = mean(costs.filter((_, i) => isWeekend(days[i])));
  const weekendRatio = weekday > 0 ? weekend / weekday : 0;
  if (
    cv > BATCH_API.maxCoefficientOfVariation ||
    weekendRatio < BATCH_API.minWeekendRatio ||
    weekendRatio > BATCH_API.maxWeekendRatio
  ) {
    return undefined;
  }

  const totals = sumDays(window.days);
  const listCost =
    totalInput(totals) + totals.outputTokens > 0
      ? priceByDay(
          context.pricing,
          provider,
          model,
          window.days.map(day => ({ date: day.date, query: tokensOf(day) })),
        )
      : undefined;
  if (
    listCost !== undefined &&
    listCost > 0 &&
    totals.cost < listCost * BATCH_API.alreadyDiscountedBelow
  ) {
    return undefined;
  }
  const saving = Math.round(
    totals.cost * BATCH_API.assumedBatchableShare * discount,
  );
  if (saving < MIN_MONTHLY_SAVINGS) return undefined;

  const steady =
    cv <= BATCH_API.mediumConfidence.maxCoefficientOfVariation &&
    Math.abs(weekendRatio - 1) <= BATCH_API.mediumConfidence.weekendRatio;
  const fmt = (micros: number) => formatMoney(micros, context.currency);
  return {
    entityRef: series.entityRef,
    rule: 'batch-api',
    fingerprint: `${provider}/${model}`,
    title: `Move non-interactive ${model} traffic to the Batch API`,
    description:
      `Spend on ${provider}/${model} is steady every day (variation ${Math.round(
        cv * 100,
      )}% of the mean) and weekends are as busy as weekdays, which looks like ` +
      `background jobs rather than people waiting. The ${provider} Batch API ` +
      `costs ${Math.round(discount * 100)}% less for results within 24 ` +
      `hours; if half of this traffic can wait, that saves about ${fmt(
        saving,
      )} per month. Only daily data is available, so check that the calls ` +
      `do not serve users in real time.`,
    evidence: {
      provider,
      model,
      windowFrom: from,
      windowTo: to,
      activeDays: window.days.length,
      windowDays: WINDOW_DAYS,
      costLast30Days: money(totals.cost),
      requests: count(totals.requests),
      avgDailyCost: money(avg),
      coefficientOfVariation: ratio(cv),
      weekendToWeekdayRatio: ratio(weekendRatio),
      thresholdMaxCoefficientOfVariation: BATCH_API.maxCoefficientOfVariation,
      thresholdWeekendRatio: `${BATCH_API.minWeekendRatio}-${BATCH_API.maxWeekendRatio}`,
      batchDiscount: discount,
      assumedBatchableShare: BATCH_API.assumedBatchableShare,
      granularity: 'daily (no hourly attributed data)',
      ...(listCost === undefined ? {} : { listPriceCost: money(listCost) }),
    },
    estimatedMonthlySavings: saving,
    confidence: steady ? 'medium' : 'low',
  };
}

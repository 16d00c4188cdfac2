import { formatMoney } from '@ai-cost/plugin-ai-cost-common';
import { cheaperSiblingOf } from './cheaperSiblings';
import type { Finding, ModelSeries, RuleContext } from './types';
import {
  MIN_COVERAGE_DAYS,
  MIN_MONTHLY_SAVINGS,
  activeRecently,
  count,
  money,
  perMonth,
  priceByDay,
  sumDays,
  tokensOf,
  totalInput,
  windowOf,
} from './usageMath';

/**
 * Model right-sizing: a premium model used for many short calls, where the
 * same provider has a cheaper sibling (see `cheaperSiblings.ts`).
 */
export const RIGHT_SIZING = {
  /** Requests per 30 days at or above which a model is "high-volume". */
  minMonthlyRequests: 10_000,
  /** Average input per request (uncached + cache reads + cache writes). */
  maxAvgInputTokens: 1_000,
  /** Average output per request (reasoning included). */
  maxAvgOutputTokens: 300,
  /** Coverage from which the estimate is medium rather than low confidence. */
  mediumConfidenceDays: 14,
};

/**
 * Saving = the actual cost of the last 30 days minus the same tokens
 * (uncached, cache reads and writes, output, requests) priced on the cheaper
 * model at the prices of each day, scaled to 30 days. Never high confidence:
 * whether the cheaper model is good enough for the task is not visible in
 * billing data.
 */
export function findModelRightSizing(
  series: ModelSeries,
  context: RuleContext,
): Finding | undefined {
  const { provider, model } = series;
  const cheaper = cheaperSiblingOf(provider, model);
  if (!cheaper) return undefined;
  const window = windowOf(series, context.asOf);
  if (window.coverageDays < MIN_COVERAGE_DAYS) return undefined;
  if (!activeRecently(window.days, context.asOf)) return undefined;

  const totals = sumDays(window.days);
  if (totals.requests <= 0 || totals.cost <= 0) return undefined;
  const monthlyRequests = perMonth(totals.requests, window.coverageDays);
  const avgInput = totalInput(totals) / totals.requests;
  const avgOutput = totals.outputTokens / totals.requests;
  if (
    monthlyRequests < RIGHT_SIZING.minMonthlyRequests ||
    avgInput > RIGHT_SIZING.maxAvgInputTokens ||
    avgOutput > RIGHT_SIZING.maxAvgOutputTokens
  ) {
    return undefined;
  }

  const cheaperCost = priceByDay(
    context.pricing,
    provider,
    cheaper,
    window.days.map(day => ({ date: day.date, query: tokensOf(day) })),
  );
  if (cheaperCost === undefined) return undefined;
  const saving = perMonth(totals.cost - cheaperCost, window.coverageDays);
  if (saving < MIN_MONTHLY_SAVINGS) return undefined;

  const listCost = priceByDay(
    context.pricing,
    provider,
    model,
    window.days.map(day => ({ date: day.date, query: tokensOf(day) })),
  );
  const fmt = (micros: number) => formatMoney(micros, context.currency);
  return {
    entityRef: series.entityRef,
    rule: 'model-right-sizing',
    fingerprint: `${provider}/${model}`,
    title: `Try ${cheaper} instead of ${model} for short calls`,
    description:
      `${count(monthlyRequests)} requests a month to ${provider}/${model} ` +
      `average ${count(avgInput)} input and ${count(
        avgOutput,
      )} output tokens: short calls a cheaper model of the same provider ` +
      `often handles. The same tokens on ${cheaper} would cost about ` +
      `${fmt(saving)} less per month. Compare quality on a sample of ` +
      `requests before switching.`,
    evidence: {
      provider,
      model,
      cheaperModel: cheaper,
      windowFrom: window.from,
      windowTo: window.to,
      coverageDays: window.coverageDays,
      requests: totals.requests,
      requestsPer30Days: monthlyRequests,
      avgInputTokens: count(avgInput),
      avgOutputTokens: count(avgOutput),
      thresholdRequestsPer30Days: RIGHT_SIZING.minMonthlyRequests,
      thresholdMaxAvgInputTokens: RIGHT_SIZING.maxAvgInputTokens,
      thresholdMaxAvgOutputTokens: RIGHT_SIZING.maxAvgOutputTokens,
      actualCost: money(totals.cost),
      ...(listCost === undefined ? {} : { listPriceCost: money(listCost) }),
      costOnCheaperModel: money(cheaperCost),
    },
    estimatedMonthlySavings: saving,
    confidence:
      window.coverageDays >= RIGHT_SIZING.mediumConfidenceDays
        ? 'medium'
        : 'low',
  };
}

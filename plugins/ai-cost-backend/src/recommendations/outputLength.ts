import { addDays, formatMoney } from '@ai-cost/plugin-ai-cost-common';
import type { Finding, ModelSeries, RuleContext } from './types';
import {
  MIN_MONTHLY_SAVINGS,
  count,
  daysBetween,
  hasActivity,
  money,
  perMonth,
  priceByDay,
  ratio,
  sumDays,
  totalInput,
} from './usageMath';

/**
 * Output length: the output/input token ratio of the last 7 days far above
 * the same model's ratio in the 30 days before, for the same entity.
 */
export const OUTPUT_LENGTH = {
  recentDays: 7,
  historyDays: 30,
  /** Recent ratio above this multiple of the historical ratio triggers. */
  minRatioIncrease: 2,
  /** Days with traffic needed in the history for it to be a baseline. */
  minHistoryActiveDays: 14,
  /** Days with traffic needed in the recent week. */
  minRecentActiveDays: 3,
};

/**
 * Saving = the output tokens above the historical ratio (per day: output −
 * historical ratio × input), priced as output tokens at the prices of each
 * day, over the last 7 days scaled to 30 days. Medium confidence: longer
 * answers may be intended (a new feature, a higher reasoning effort).
 */
export function findOutputLength(
  series: ModelSeries,
  context: RuleContext,
): Finding | undefined {
  const { provider, model } = series;
  const recentFrom = addDays(context.asOf, -(OUTPUT_LENGTH.recentDays - 1));
  const historyTo = addDays(recentFrom, -1);
  const historyFrom = addDays(historyTo, -(OUTPUT_LENGTH.historyDays - 1));
  const recent = daysBetween(series.days, recentFrom, context.asOf).filter(
    hasActivity,
  );
  const history = daysBetween(series.days, historyFrom, historyTo).filter(
    hasActivity,
  );
  if (
    recent.length < OUTPUT_LENGTH.minRecentActiveDays ||
    history.length < OUTPUT_LENGTH.minHistoryActiveDays
  ) {
    return undefined;
  }
  const before = sumDays(history);
  const now = sumDays(recent);
  const beforeInput = totalInput(before);
  const nowInput = totalInput(now);
  if (beforeInput <= 0 || nowInput <= 0 || before.outputTokens <= 0) {
    return undefined;
  }
  const historicalRatio = before.outputTokens / beforeInput;
  const recentRatio = now.outputTokens / nowInput;
  if (recentRatio <= historicalRatio * OUTPUT_LENGTH.minRatioIncrease) {
    return undefined;
  }

  const excess = recent.map(day => ({
    date: day.date,
    tokens: Math.max(
      0,
      Math.round(day.outputTokens - historicalRatio * totalInput(day)),
    ),
  }));
  const excessCost = priceByDay(
    context.pricing,
    provider,
    model,
    excess.map(({ date, tokens }) => ({
      date,
      query: { outputTokens: tokens },
    })),
  );
  if (excessCost === undefined) return undefined;
  const saving = perMonth(excessCost, OUTPUT_LENGTH.recentDays);
  if (saving < MIN_MONTHLY_SAVINGS) return undefined;

  const excessTokens = excess.reduce((sum, e) => sum + e.tokens, 0);
  const fmt = (micros: number) => formatMoney(micros, context.currency);
  return {
    entityRef: series.entityRef,
    rule: 'output-length',
    fingerprint: `${provider}/${model}`,
    title: `Output of ${model} is ${ratio(
      recentRatio / historicalRatio,
    )}× longer than usual`,
    description:
      `In the last ${OUTPUT_LENGTH.recentDays} days ${provider}/${model} ` +
      `returned ${ratio(recentRatio)} output tokens per input token, against ` +
      `${ratio(historicalRatio)} in the ${OUTPUT_LENGTH.historyDays} days ` +
      `before. Bringing output back to that ratio (max_tokens, a length ` +
      `instruction, a lower reasoning effort) saves about ${fmt(
        saving,
      )} per month. Check whether the longer answers are intended.`,
    evidence: {
      provider,
      model,
      recentFrom,
      recentTo: context.asOf,
      historyFrom,
      historyTo,
      recentOutputTokens: now.outputTokens,
      recentInputTokens: nowInput,
      recentReasoningTokens: now.reasoningTokens,
      historyOutputTokens: before.outputTokens,
      historyInputTokens: beforeInput,
      recentOutputInputRatio: ratio(recentRatio),
      historicalOutputInputRatio: ratio(historicalRatio),
      thresholdRatioIncrease: OUTPUT_LENGTH.minRatioIncrease,
      excessOutputTokens: count(excessTokens),
      excessOutputCost: money(excessCost),
    },
    estimatedMonthlySavings: saving,
    confidence: 'medium',
  };
}

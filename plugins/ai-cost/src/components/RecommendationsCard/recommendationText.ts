import type {
  Recommendation,
  RecommendationRule,
} from '@ai-cost/plugin-ai-cost-common';
import { daysInclusive } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCurrency,
  formatDay,
  formatNumber,
  humanizeKey,
} from '../../utils/format';

export const ruleLabels: Record<RecommendationRule, string> = {
  'model-right-sizing': 'Model right-sizing',
  'prompt-caching': 'Prompt caching',
  'batch-api': 'Batch API',
  'ownerless-spend': 'Ownerless spend',
  'idle-key': 'Idle key',
  'output-length': 'Output length',
  'idle-seats': 'Idle seats',
};

export const confidenceLabels: Record<Recommendation['confidence'], string> = {
  low: 'Low confidence',
  medium: 'Medium confidence',
  high: 'High confidence',
};

/** Evidence keys the window line already shows. */
const WINDOW_KEYS = new Set(['windowFrom', 'windowTo']);

/** Evidence keys that name an amount of money, such as `avgDailyCost` or `inputPricePerMillion`. */
const MONEY_KEY = /(cost|price|spend|savings)/i;

/**
 * Evidence as label/value pairs for people: `Avg input tokens` / `310`,
 * `Cost last 30 days` / `$919.75` (amounts in the recommendation's currency).
 */
export function evidenceEntries(
  evidence: Recommendation['evidence'],
  currency: string,
): Array<{ key: string; label: string; value: string }> {
  return Object.entries(evidence)
    .filter(([key]) => !WINDOW_KEYS.has(key))
    .map(([key, value]) => {
      let text: string;
      if (typeof value !== 'number') text = String(value);
      else if (MONEY_KEY.test(key)) text = formatCurrency(value, currency);
      else text = formatNumber(value);
      return { key, label: humanizeKey(key), value: text };
    });
}

/**
 * The days a recommendation's figures cover, which are the rule's own
 * window and not the period picked on the page: `30 days, Nov 3 – Dec 2, 2026`.
 */
export function windowText(window: { from: string; to: string }): string {
  const days = daysInclusive(window.from, window.to);
  return `${days} ${days === 1 ? 'day' : 'days'}, ${formatDay(
    window.from,
  )} – ${formatDay(window.to, { withYear: true })}`;
}

/** Open items' savings, the way the API sums them. */
export function openSavings(items: Recommendation[]): number {
  const total = items
    .filter(item => item.status === 'open')
    .reduce((sum, item) => sum + item.estimatedMonthlySavings, 0);
  return Math.round(total * 1e6) / 1e6;
}

import {
  formatCurrency,
  formatInteger,
  formatNumber,
  formatPercentChange,
} from './format';

/** What the UI needs to know of a metric to name it and its values. */
export type MetricDescription = {
  metric: string;
  unit: string | null;
  /** Pushed with a currency code as its unit, e.g. `revenue` in `USD`. */
  money: boolean;
  /** Unit costs are per this many units: 1000 for `tokens`, else 1. */
  per: number;
};

/** `revenue (USD)`, `documents_processed (documents)`, `requests`. */
export function metricOptionLabel(metric: string, unit: string | null): string {
  return unit && unit !== metric ? `${metric} (${unit})` : metric;
}

/** `documents` → `document`; words that do not end in a single `s` stay. */
function singular(noun: string): string {
  return /[^s]s$/.test(noun) ? noun.slice(0, -1) : noun;
}

/**
 * What a unit cost is per: `per request`, `per 1,000 tokens`,
 * `per customer`, `per document`, `per $1.00 of revenue`.
 */
export function perLabel(metric: MetricDescription): string {
  if (metric.money && metric.unit) {
    return `per ${formatCurrency(1, metric.unit)} of ${metric.metric}`;
  }
  const noun = metric.unit ?? metric.metric;
  return metric.per === 1
    ? `per ${singular(noun)}`
    : `per ${formatInteger(metric.per)} ${noun}`;
}

/** A metric value: `$5,000.00` for money, `40,000 requests` for counts. */
export function formatMetricValue(
  value: number,
  metric: Pick<MetricDescription, 'unit' | 'money'>,
): string {
  if (metric.money && metric.unit) return formatCurrency(value, metric.unit);
  const number = formatNumber(value, 2);
  return metric.unit ? `${number} ${metric.unit}` : number;
}

/** Below this relative change a unit cost counts as steady. */
const STEADY = 0.005;

/**
 * The scale effect in one sentence: how the unit cost moved against the
 * volume, e.g. `Volume +40.0%, unit cost -12.0%: costs grow slower than use.`
 * Undefined when either change is unknown (nothing to compare with).
 */
export function scaleEffectSentence(
  volumeChange: number | null,
  unitCostChange: number | null,
): string | undefined {
  if (volumeChange === null || unitCostChange === null) return undefined;
  const head = `Volume ${formatPercentChange(
    volumeChange,
  )}, unit cost ${formatPercentChange(unitCostChange)}`;
  const growing = volumeChange >= 0;
  let verdict: string;
  if (Math.abs(unitCostChange) < STEADY) {
    verdict = 'costs follow use';
  } else if (unitCostChange < 0) {
    verdict = growing
      ? 'costs grow slower than use'
      : 'costs fall faster than use';
  } else {
    verdict = growing
      ? 'unit cost rising with volume'
      : 'unit cost rising while volume falls';
  }
  return `${head}: ${verdict}.`;
}

import {
  anomalySeverities,
  type AnomalySeverity,
} from '@ai-cost/plugin-ai-cost-common';

export type { AnomalySeverity };

/** All severities, least serious first. */
export const ANOMALY_SEVERITIES: readonly AnomalySeverity[] = anomalySeverities;

/** The more serious of two severities. */
export function maxSeverity(
  a: AnomalySeverity,
  b: AnomalySeverity,
): AnomalySeverity {
  return ANOMALY_SEVERITIES.indexOf(a) >= ANOMALY_SEVERITIES.indexOf(b) ? a : b;
}

function minSeverity(a: AnomalySeverity, b: AnomalySeverity): AnomalySeverity {
  return maxSeverity(a, b) === a ? b : a;
}

/**
 * Severity relative to the series' volatility, capped by the money at stake.
 *
 * - Volatility: `|score|` (deviation in robust standard deviations) in
 *   multiples of the detection threshold `k`: below 2k low, below 4k medium,
 *   below 8k high, else critical. So a modest jump on a steady series ranks
 *   above a large jump on an erratic one.
 * - Money: an impact under 4× the dollar floor is at most medium, under 20×
 *   at most high (with the default $5 floor: $20 and $100), so a tiny series
 *   cannot page anyone at "critical".
 */
export function anomalySeverity(
  score: number,
  impact: number,
  thresholds: { k: number; minImpactMicros: number },
): AnomalySeverity {
  const ratio = Math.abs(score) / thresholds.k;
  let byScore: AnomalySeverity = 'critical';
  if (ratio < 2) byScore = 'low';
  else if (ratio < 4) byScore = 'medium';
  else if (ratio < 8) byScore = 'high';

  const money = Math.abs(impact);
  let byMoney: AnomalySeverity = 'critical';
  if (money < 4 * thresholds.minImpactMicros) byMoney = 'medium';
  else if (money < 20 * thresholds.minImpactMicros) byMoney = 'high';
  return minSeverity(byScore, byMoney);
}

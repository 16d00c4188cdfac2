import {
  ANNOTATION_ANOMALY_THRESHOLD,
  microsFromNumber,
  parseAnomalyThresholdAnnotation,
} from '@ai-cost/plugin-ai-cost-common';

/** The smallest anomaly worth raising for an entity (DESIGN §9.4). */
export interface AnomalyThreshold {
  /** Minimum impact (actual − expected), micro-units of the reporting currency. */
  minImpactMicros?: number;
  /** Minimum impact in percent of the expected spend (0–1000). */
  minImpactPercent?: number;
}

/** The threshold in force for an entity and where it comes from. */
export interface EffectiveAnomalyThreshold extends AnomalyThreshold {
  source: 'portal' | 'annotation' | 'default';
}

/**
 * Whether an anomaly is large enough to raise: its impact (actual − expected
 * over its days) is at least `minImpactMicros`, and at least
 * `minImpactPercent` of the expected spend. Spend where nothing was
 * expected meets any percentage. No threshold raises everything.
 */
export function meetsAnomalyThreshold(
  anomaly: { expected: number; actual: number },
  threshold: AnomalyThreshold | undefined,
): boolean {
  if (!threshold) return true;
  const impact = anomaly.actual - anomaly.expected;
  if (
    threshold.minImpactMicros !== undefined &&
    impact < threshold.minImpactMicros
  ) {
    return false;
  }
  if (threshold.minImpactPercent !== undefined && anomaly.expected > 0) {
    // Compared in integers: impact / expected * 100 < percent.
    if (impact * 100 < threshold.minImpactPercent * anomaly.expected) {
      return false;
    }
  }
  return true;
}

/**
 * A threshold set in the portal beats the `ai-cost/anomaly-threshold`
 * annotation, which beats the org default (`aiCost.anomalies.minImpact`,
 * `minImpactPercent`). An annotation that cannot be read, or whose amount is
 * in another currency than the reporting currency, is ignored (the default
 * applies) with a problem that says why.
 */
export function resolveAnomalyThreshold(options: {
  entityRef: string;
  portal?: AnomalyThreshold;
  annotation?: string;
  defaults: AnomalyThreshold;
  currency: string;
}): { threshold: EffectiveAnomalyThreshold; problem?: string } {
  const { entityRef, portal, annotation, defaults, currency } = options;
  if (portal) return { threshold: { ...portal, source: 'portal' } };
  const fallback: EffectiveAnomalyThreshold = {
    ...defaults,
    source: 'default',
  };
  if (annotation === undefined) return { threshold: fallback };
  try {
    const parsed = parseAnomalyThresholdAnnotation(annotation);
    if (!parsed) return { threshold: fallback };
    if (parsed.currency && parsed.currency !== currency) {
      return {
        threshold: fallback,
        problem: `${ANNOTATION_ANOMALY_THRESHOLD} of ${entityRef} is in ${parsed.currency}, but costs are reported in ${currency}; the org default applies`,
      };
    }
    const threshold: EffectiveAnomalyThreshold = { source: 'annotation' };
    if (parsed.minImpact !== undefined) {
      threshold.minImpactMicros = microsFromNumber(parsed.minImpact);
    }
    if (parsed.minImpactPercent !== undefined) {
      threshold.minImpactPercent = parsed.minImpactPercent;
    }
    return { threshold };
  } catch (error) {
    return {
      threshold: fallback,
      problem: `${entityRef}: ${(error as Error).message}`,
    };
  }
}

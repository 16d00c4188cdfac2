import type {
  Anomaly,
  AnomalyFeedbackValue,
  AnomalyRootCause,
  AnomalySeverity,
  TokenType,
} from '@ai-cost/plugin-ai-cost-common';
import { daysInclusive } from '@ai-cost/plugin-ai-cost-common';
import { formatDay, splitProviderKey } from '../../utils/format';
import { providerLabel, tokenTypeLabels } from '../../utils/labels';

export const severityLabels: Record<AnomalySeverity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const feedbackLabels: Record<AnomalyFeedbackValue, string> = {
  accurate: 'Accurate',
  expected: 'Expected',
  'not-an-issue': 'Not an issue',
};

/** `gpt-4o (OpenAI)` for a per-model anomaly, `Total AI spend` otherwise. */
export function anomalySubject(anomaly: Pick<Anomaly, 'model'>): string {
  if (!anomaly.model) return 'Total AI spend';
  const { provider, rest } = splitProviderKey(anomaly.model);
  return rest
    ? `${rest} (${providerLabel(provider)})`
    : providerLabel(provider);
}

/** `Ongoing since Nov 18`, `Nov 3 – Nov 4`, or one day, `Oct 28`. */
export function anomalyDates(
  anomaly: Pick<Anomaly, 'startDate' | 'endDate' | 'status'>,
): string {
  const { startDate, endDate, status } = anomaly;
  if (status === 'open') return `Ongoing since ${formatDay(startDate)}`;
  if (startDate === endDate) return formatDay(startDate);
  return `${formatDay(startDate)} – ${formatDay(endDate)}`;
}

/** What the amounts cover: `That day` or `Over 4 days`. */
export function anomalySpan(
  anomaly: Pick<Anomaly, 'startDate' | 'endDate'>,
): string {
  const days = daysInclusive(anomaly.startDate, anomaly.endDate);
  return days === 1 ? 'That day' : `Over ${days} days`;
}

/** `API key key_shared_eval (OpenAI)`, `Model gpt-4o (OpenAI)`, `Output (incl. reasoning) tokens`. */
export function rootCauseLabel(cause: AnomalyRootCause): string {
  switch (cause.dimension) {
    case 'model': {
      const { provider, rest } = splitProviderKey(cause.key);
      return `Model ${rest || cause.key} (${providerLabel(provider)})`;
    }
    case 'apiKey': {
      const { provider, rest } = splitProviderKey(cause.key);
      return `API key ${rest || cause.key} (${providerLabel(provider)})`;
    }
    case 'provider':
      return `Provider ${providerLabel(cause.key)}`;
    case 'tokenType':
      return `${tokenTypeLabels[cause.key as TokenType] ?? cause.key} tokens`;
    case 'child':
      return `Child ${cause.key}`;
    default:
      return cause.key;
  }
}

/**
 * The causes worth showing: those moving the same way as the anomaly,
 * without the anomaly's own model and provider (which explain all of a
 * per-model anomaly and say nothing new), at most `limit`.
 */
export function topRootCauses(anomaly: Anomaly, limit = 3): AnomalyRootCause[] {
  const own = anomaly.model ? splitProviderKey(anomaly.model) : undefined;
  return anomaly.rootCauses
    .filter(
      cause => Math.sign(cause.contribution) === Math.sign(anomaly.impact),
    )
    .filter(
      cause =>
        !own ||
        !(
          (cause.dimension === 'model' && cause.key === anomaly.model) ||
          (cause.dimension === 'provider' && cause.key === own.provider)
        ),
    )
    .slice(0, limit);
}

/** `guest` for `user:default/guest`; other values as they are. */
export function personLabel(ref: string): string {
  const match = /^user:(?:[^/]+\/)?(.+)$/.exec(ref);
  return match ? match[1] : ref;
}

/** Open anomalies first, then by last day, newest first. */
export function sortAnomalies(anomalies: Anomaly[]): Anomaly[] {
  return [...anomalies].sort(
    (a, b) =>
      (isClosed(a) ? 1 : 0) - (isClosed(b) ? 1 : 0) ||
      (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1) ||
      b.endDate.localeCompare(a.endDate) ||
      b.startDate.localeCompare(a.startDate),
  );
}

/** Feedback that closes an anomaly: "expected" or "not an issue" leave nothing to act on. */
export function isClosed(anomaly: Pick<Anomaly, 'feedback'>): boolean {
  const value = anomaly.feedback?.value;
  return value === 'expected' || value === 'not-an-issue';
}

/** One incident: an anomaly and the per-model anomalies folded into it. */
export interface AnomalyIncident {
  anomaly: Anomaly;
  folded: Anomaly[];
}

/**
 * One incident once: a per-model anomaly of an entity on days its total
 * spend is anomalous too is the same event, folded into the total's
 * anomaly; the order is kept.
 */
export function foldIncidents(anomalies: Anomaly[]): AnomalyIncident[] {
  const incidents = anomalies.map(anomaly => ({
    anomaly,
    folded: [] as Anomaly[],
  }));
  const totals = incidents.filter(incident => !incident.anomaly.model);
  return incidents.filter(({ anomaly }) => {
    if (!anomaly.model) return true;
    const total = totals.find(
      ({ anomaly: t }) =>
        t.entityRef === anomaly.entityRef &&
        t.startDate <= anomaly.endDate &&
        anomaly.startDate <= t.endDate,
    );
    if (!total) return true;
    total.folded.push(anomaly);
    return false;
  });
}

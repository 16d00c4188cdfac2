import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { DailyAnomaly } from './detectAnomalies';
import { AnomalySeverity, maxSeverity } from './severity';

/** Consecutive anomalous days reported as one anomaly; money in micro-units. */
export interface AnomalyGroup {
  startDate: string;
  endDate: string;
  direction: 'increase' | 'decrease';
  /** The days, oldest first (their `baselineDates` feed root-cause analysis). */
  days: DailyAnomaly[];
  /** Sums over the days. */
  expected: number;
  actual: number;
  impact: number;
  /** impact / expected × 100; omitted when expected is 0. */
  impactPct?: number;
  peakSeverity: AnomalySeverity;
  /** The score with the largest magnitude. */
  peakScore: number;
}

/**
 * Merges anomalous days that follow each other without a gap (and go the
 * same way) into one anomaly, so an ongoing incident is one anomaly rather
 * than one per day. Input order does not matter; groups come oldest first.
 */
export function groupOngoing(
  anomalousDays: readonly DailyAnomaly[],
): AnomalyGroup[] {
  const sorted = [...anomalousDays].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  const groups: AnomalyGroup[] = [];
  for (const day of sorted) {
    const dir = day.impact >= 0 ? 'increase' : 'decrease';
    const last = groups[groups.length - 1];
    if (
      last &&
      last.direction === dir &&
      addDays(last.endDate, 1) === day.date
    ) {
      last.endDate = day.date;
      last.days.push(day);
      last.expected += day.expected;
      last.actual += day.actual;
      last.impact += day.impact;
      last.peakSeverity = maxSeverity(last.peakSeverity, day.severity);
      if (Math.abs(day.score) > Math.abs(last.peakScore)) {
        last.peakScore = day.score;
      }
    } else {
      groups.push({
        startDate: day.date,
        endDate: day.date,
        direction: dir,
        days: [day],
        expected: day.expected,
        actual: day.actual,
        impact: day.impact,
        peakSeverity: day.severity,
        peakScore: day.score,
      });
    }
  }
  return groups.map(group =>
    group.expected !== 0
      ? { ...group, impactPct: (group.impact / group.expected) * 100 }
      : group,
  );
}

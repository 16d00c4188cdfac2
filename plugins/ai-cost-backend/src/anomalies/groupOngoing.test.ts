import type { DailyAnomaly } from './detectAnomalies';
import { groupOngoing } from './groupOngoing';

const day = (
  date: string,
  expected: number,
  actual: number,
  severity: DailyAnomaly['severity'],
): DailyAnomaly => ({
  date,
  expected,
  actual,
  impact: actual - expected,
  score: (actual - expected) / 10,
  severity,
  scale: 10,
  baseline: 'weekday',
  baselineDates: [],
});

describe('groupOngoing', () => {
  it('merges consecutive days, in any input order, and splits on gaps and direction', () => {
    const groups = groupOngoing([
      day('2025-03-03', 100, 300, 'high'),
      day('2025-03-01', 100, 200, 'low'),
      day('2025-03-02', 100, 500, 'critical'),
      day('2025-03-05', 100, 150, 'low'),
      day('2025-03-06', 100, 10, 'medium'),
    ]);
    expect(groups.map(g => [g.startDate, g.endDate, g.direction])).toEqual([
      ['2025-03-01', '2025-03-03', 'increase'],
      ['2025-03-05', '2025-03-05', 'increase'],
      ['2025-03-06', '2025-03-06', 'decrease'],
    ]);
    expect(groups[0]).toMatchObject({
      expected: 300,
      actual: 1000,
      impact: 700,
      impactPct: (700 / 300) * 100,
      peakSeverity: 'critical',
      peakScore: 40,
    });
    expect(groups[2]).toMatchObject({ impact: -90, peakScore: -9 });
  });

  it('omits impactPct when nothing was expected', () => {
    const [group] = groupOngoing([day('2025-03-01', 0, 50, 'low')]);
    expect(group).not.toHaveProperty('impactPct');
    expect(groupOngoing([])).toEqual([]);
  });
});

import { lastCompletePeriod } from './digestPeriod';
import { moneyFormat } from './digestText';
import { leadershipReport } from './leadershipReport';

const money = moneyFormat('EUR');
const month = lastCompletePeriod('month', '2026-12-01');

describe('leadershipReport', () => {
  it('gives shares of the total and counts budgets by state', () => {
    const report = leadershipReport(
      {
        period: month,
        total: 3_000_000_000,
        previousTotal: 3_000_000_000,
        unallocated: 250_000_000,
        teams: [
          { entityRef: 'group:default/a', title: 'A', cost: 2_000_000_000 },
          { entityRef: 'group:default/b', cost: 750_000_000 },
        ],
        budgetStates: ['ok', 'over', 'ok', 'at-risk', 'ok'],
        openAnomalies: 4,
      },
      'group:default/leadership',
      money,
    );
    expect(report.description.split('\n')).toEqual([
      '€3,000.00 across the organisation, unchanged from €3,000.00 in October 2026.',
      'Top teams: A €2,000.00 (66.7%), group:default/b €750.00 (25.0%).',
      'Budgets: 1 over, 1 at risk, 3 on track.',
      'Open anomalies: 4.',
      'Unallocated: €250.00 (8.3% of the total).',
    ]);
  });

  it('reports an empty month without dividing by zero', () => {
    const report = leadershipReport(
      {
        period: month,
        total: 0,
        previousTotal: 0,
        unallocated: 0,
        teams: [],
        budgetStates: [],
        openAnomalies: 0,
      },
      'group:default/leadership',
      money,
    );
    expect(report.title).toBe('AI spend in November 2026: €0.00');
    expect(report.description.split('\n')).toEqual([
      '€0.00 across the organisation, nothing in October 2026 either.',
      'Budgets: none set.',
      'Open anomalies: 0.',
      'Unallocated: €0.00 (0.0% of the total).',
    ]);
  });
});

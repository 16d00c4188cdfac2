import { lastCompletePeriod } from './digestPeriod';
import { moneyFormat } from './digestText';
import { ownerDigest, type OwnerDigestFacts } from './ownerDigest';

const money = moneyFormat('EUR');
const week = lastCompletePeriod('week', '2026-11-30');
const month = lastCompletePeriod('month', '2026-12-01');

function facts(more: Partial<OwnerDigestFacts>): OwnerDigestFacts {
  return {
    entityRef: 'user:default/jane',
    period: week,
    spend: 0,
    previousSpend: 0,
    contributors: [],
    budget: null,
    openAnomalies: 0,
    recommendations: [],
    ...more,
  };
}

describe('ownerDigest', () => {
  it('names the three largest contributors and the rest as one amount, which add up to the total', () => {
    const digest = ownerDigest(
      facts({
        entityRef: 'group:default/data',
        title: 'Data',
        spend: 1_000_000_000,
        previousSpend: 1_250_000_000,
        contributors: [
          { entityRef: 'component:default/a', title: 'A', cost: 400_000_000 },
          { entityRef: 'component:default/b', cost: 300_000_000 },
          { entityRef: 'group:default/c', title: 'C', cost: 200_000_000 },
          { entityRef: 'component:default/d', title: 'D', cost: 60_000_000 },
        ],
        budget: {
          state: 'at-risk',
          period: {
            period: 'quarter',
            start: '2026-10-01',
            end: '2026-12-31',
            asOf: '2026-11-29',
            daysRemaining: 32,
          },
          spent: 2_600_000_000,
          amount: 3_000_000_000,
        },
        openAnomalies: 0,
      }),
      money,
    );
    expect(digest.title).toBe(
      'Data spent €1,000.00 on AI in the week of Nov 23 – Nov 29, 2026',
    );
    expect(digest.description.split('\n')).toEqual([
      '€1,000.00 from Nov 23 to Nov 29, down 20.0% from €1,250.00 the week before.',
      'Where it went: A €400.00, component:default/b €300.00, C €200.00, everything else €100.00.',
      'Budget: €2,600.00 of €3,000.00 (86.7%) spent this quarter as of Nov 29; at risk: the forecast exceeds it.',
      'No open anomalies.',
    ]);
    expect(digest.link).toBe('/catalog/default/group/data/ai-cost');
  });

  it('says when there was nothing the period before, and leaves out what it does not know', () => {
    const digest = ownerDigest(
      facts({ period: month, spend: 12_340_000, openAnomalies: 2 }),
      money,
    );
    expect(digest).toMatchObject({
      recipient: 'user:default/jane',
      topic: 'ai-cost-digest-monthly',
      scope: 'ai-cost:digest:monthly:2026-11-01:user:default/jane',
      title: 'user:default/jane spent €12.34 on AI in November 2026',
    });
    expect(digest.description.split('\n')).toEqual([
      '€12.34 from Nov 1 to Nov 30, up from nothing in October 2026.',
      'No budget set.',
      'Open anomalies: 2.',
    ]);
  });
});

import { buildVendorMatcher } from './aiVendors';
import { approvedVendors, shadowAiReport } from './shadowAi';

describe('shadow AI report', () => {
  const matcher = buildVendorMatcher();

  it('reads ai-cost/vendor through the aliases', () => {
    const approvals = approvedVendors(
      [
        {
          entityRef: 'resource:default/chatgpt-enterprise',
          vendors: 'ChatGPT',
        },
        {
          entityRef: 'resource:default/ai-tools',
          vendors: 'openai, Cursor, Acme',
        },
      ],
      matcher,
    );
    expect(Object.fromEntries(approvals)).toEqual({
      openai: [
        'resource:default/ai-tools',
        'resource:default/chatgpt-enterprise',
      ],
      cursor: ['resource:default/ai-tools'],
      acme: ['resource:default/ai-tools'],
    });
  });

  it('adds attributed and unallocated spend; approved + shadow = total', () => {
    const report = shadowAiReport(
      {
        attributed: [
          {
            vendor: 'OpenAI',
            entityRef: 'group:default/team-a',
            cost: 10_000_001,
          },
          {
            vendor: 'OpenAI',
            entityRef: 'group:default/team-b',
            cost: 10_000_000,
          },
          {
            vendor: 'Midjourney',
            entityRef: 'group:default/team-b',
            cost: 30_000_000,
          },
          {
            vendor: 'Midjourney',
            entityRef: 'group:default/team-b',
            cost: -5_000_000,
          },
        ],
        unallocated: [{ vendor: 'OpenAI', cost: 20_000_000 }],
        users: [
          { vendor: 'OpenAI', userId: 'a@example.com' },
          { vendor: 'OpenAI', userId: 'user:default/b' },
          { vendor: 'Midjourney', userId: 'a@example.com' },
        ],
        firstSeen: [
          { vendor: 'OpenAI', date: '2026-01-05' },
          { vendor: 'Midjourney', date: '2026-11-02' },
        ],
      },
      new Map([['openai', ['resource:default/chatgpt']]]),
    );
    expect(report).toEqual({
      total: 65_000_001,
      approved: 40_000_001,
      shadow: 25_000_000,
      vendors: [
        {
          vendor: 'OpenAI',
          cost: 40_000_001,
          unallocated: 20_000_000,
          users: 2,
          groups: ['group:default/team-a', 'group:default/team-b'],
          approved: true,
          approvedBy: ['resource:default/chatgpt'],
          firstSeen: '2026-01-05',
        },
        {
          vendor: 'Midjourney',
          cost: 25_000_000,
          unallocated: 0,
          users: 1,
          groups: ['group:default/team-b'],
          approved: false,
          approvedBy: [],
          firstSeen: '2026-11-02',
        },
      ],
    });
    expect(report.approved + report.shadow).toBe(report.total);
  });

  it('is empty without expensed spend', () => {
    expect(
      shadowAiReport(
        { attributed: [], unallocated: [], users: [], firstSeen: [] },
        new Map(),
      ),
    ).toEqual({ total: 0, approved: 0, shadow: 0, vendors: [] });
  });
});

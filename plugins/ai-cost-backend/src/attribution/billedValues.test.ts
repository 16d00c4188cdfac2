import {
  claimSpend,
  distinctBilledValues,
  type BilledValues,
} from './billedValues';

const BILLED: BilledValues = {
  ids: [
    {
      provider: 'azure',
      dimension: 'resourceId',
      value: '/subscriptions/S1/resourceGroups/RG-Chat/providers/x/a',
      cost: 1_000_000,
      lastSeen: '2026-11-01',
    },
    {
      provider: 'azure',
      dimension: 'resourceId',
      value: '/subscriptions/s1/resourcegroups/rg-chat/providers/x/b',
      cost: 250_001,
      lastSeen: '2026-11-02',
    },
    {
      provider: 'aws',
      dimension: 'resourceId',
      value: 'arn:aws:bedrock:us-east-1:1:Model/A',
      cost: 3_000_000,
      lastSeen: '2026-10-30',
    },
    {
      provider: 'openai',
      dimension: 'projectId',
      value: 'proj_a',
      cost: 7,
      lastSeen: '2026-10-01',
    },
  ],
  tagSets: [
    {
      provider: 'gateway',
      tags: { env: 'prod', service: 'chat' },
      cost: 500_000,
      lastSeen: '2026-11-03',
    },
    {
      provider: 'gateway',
      tags: { service: 'chat' },
      cost: 200_000,
      lastSeen: '2026-10-03',
    },
  ],
};

describe('claimSpend', () => {
  it('matches Azure resource ids by prefix, ignoring case', () => {
    expect(
      claimSpend(
        {
          provider: 'azure',
          dimension: 'resourceId',
          value: '/subscriptions/s1/resourcegroups/rg-chat',
        },
        BILLED,
      ),
    ).toEqual({ cost: 1_250_001, lastSeen: '2026-11-02' });
  });

  it('matches AWS ARNs by prefix with their case', () => {
    const arn = (value: string) =>
      claimSpend({ provider: 'aws', dimension: 'resourceId', value }, BILLED);
    expect(arn('arn:aws:bedrock:us-east-1:1:Model')).toEqual({
      cost: 3_000_000,
      lastSeen: '2026-10-30',
    });
    expect(arn('arn:aws:bedrock:us-east-1:1:model')).toEqual({
      cost: 0,
      lastSeen: null,
    });
  });

  it('matches tag selectors on records carrying all their pairs', () => {
    const tags = (value: string) =>
      claimSpend({ provider: 'gateway', dimension: 'tag', value }, BILLED);
    expect(tags('service=chat')).toEqual({
      cost: 700_000,
      lastSeen: '2026-11-03',
    });
    expect(tags('env=prod,service=chat')).toEqual({
      cost: 500_000,
      lastSeen: '2026-11-03',
    });
    expect(tags('env=dev')).toEqual({ cost: 0, lastSeen: null });
  });

  it('does not match another provider', () => {
    expect(
      claimSpend(
        { provider: 'anthropic', dimension: 'projectId', value: 'proj_a' },
        BILLED,
      ),
    ).toEqual({ cost: 0, lastSeen: null });
  });
});

describe('distinctBilledValues', () => {
  it('splits tag sets into pairs summed across sets', () => {
    expect(
      distinctBilledValues(BILLED).filter(v => v.provider === 'gateway'),
    ).toEqual([
      {
        provider: 'gateway',
        dimension: 'tag',
        value: 'env=prod',
        cost: 500_000,
        lastSeen: '2026-11-03',
      },
      {
        provider: 'gateway',
        dimension: 'tag',
        value: 'service=chat',
        cost: 700_000,
        lastSeen: '2026-11-03',
      },
    ]);
  });
});

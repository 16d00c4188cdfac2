import { AllocationPolicy, readAllocationSettings } from '../allocation';
import { mockServices } from '@backstage/backend-test-utils';
import {
  attributeUsage,
  modelProviderOf,
  type Allocation,
  type UsageGroup,
} from './attributeUsage';
import { ClaimIndex } from './ClaimIndex';
import { readEntityClaims } from './claims';

function group(partial: Partial<UsageGroup>): UsageGroup {
  return {
    sourceId: 'openai-prod',
    provider: 'openai',
    date: '2026-11-02',
    model: 'gpt-4o',
    accountId: null,
    projectId: null,
    resourceId: null,
    apiKeyId: null,
    tags: null,
    cost: 0,
    estimatedOnly: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 0,
    ...partial,
  };
}

const index = new ClaimIndex([
  ...readEntityClaims('component:default/a', {
    'ai-cost/openai-api-key-id': 'k_shared',
  }).claims,
  ...readEntityClaims('component:default/b', {
    'ai-cost/openai-api-key-id': 'k_shared',
  }).claims,
  ...readEntityClaims('component:default/c', {
    'ai-cost/openai-api-key-id': 'k_shared',
    'ai-cost/openai-project-id': 'proj_c',
  }).claims,
]);

describe('attributeUsage', () => {
  it('splits a three-way conflict to the micro-unit, token and request', () => {
    const { attributed, unallocated } = attributeUsage(
      [
        group({
          apiKeyId: 'k_shared',
          cost: 1_000_001,
          estimatedOnly: 2,
          inputTokens: 10,
          outputTokens: 5,
          requests: 2,
        }),
      ],
      index,
    );
    expect(unallocated).toEqual([]);
    expect(
      attributed.map(r => [
        r.entityRef,
        r.cost,
        r.estimatedOnly,
        r.inputTokens,
        r.outputTokens,
        r.requests,
        r.conflict,
      ]),
    ).toEqual([
      ['component:default/a', 333_334, 1, 4, 2, 1, true],
      ['component:default/b', 333_334, 1, 3, 2, 1, true],
      ['component:default/c', 333_333, 0, 3, 1, 0, true],
    ]);
  });

  it('splits negative credits too, and keeps every micro-unit', () => {
    const groups = [
      group({ apiKeyId: 'k_shared', cost: -100 }),
      group({ projectId: 'proj_c', cost: 7, model: 'gpt-4o-mini' }),
      group({ projectId: 'proj_x', cost: 11 }),
      group({ projectId: 'proj_x', cost: 13, date: '2026-11-03' }),
    ];
    const { attributed, unallocated } = attributeUsage(groups, index);
    const sum = (rows: Array<{ cost: number }>) =>
      rows.reduce((t, r) => t + r.cost, 0);
    expect(attributed.map(r => r.cost)).toEqual([-34, -33, -33, 7]);
    expect(
      unallocated.map(u => [u.date, u.dimension, u.value, u.cost]),
    ).toEqual([
      ['2026-11-02', 'projectId', 'proj_x', 11],
      ['2026-11-03', 'projectId', 'proj_x', 13],
    ]);
    expect(sum(attributed) + sum(unallocated)).toBe(sum(groups));
  });

  it('merges groups that land on the same entity, day, model and key', () => {
    const { attributed } = attributeUsage(
      [
        group({ projectId: 'proj_c', tags: { a: '1' }, cost: 5 }),
        group({ projectId: 'proj_c', tags: { a: '2' }, cost: 6 }),
      ],
      index,
    );
    expect(attributed).toHaveLength(1);
    expect(attributed[0]).toMatchObject({
      entityRef: 'component:default/c',
      apiKeyId: '',
      cost: 11,
      conflict: false,
    });
  });

  it("weighs a proportional split by each target's own spend and what rolls up to it, that day", () => {
    const settings = readAllocationSettings(
      mockServices.rootConfig({
        data: {
          aiCost: {
            allocation: {
              splitRules: [
                {
                  id: 'shared',
                  match: { apiKeyId: 'k_platform' },
                  method: 'proportional',
                  targets: ['component:default/c', 'group:default/team'],
                },
              ],
            },
          },
        },
      }),
    );
    const allocation: Allocation = {
      policy: new AllocationPolicy(settings),
      entityTags: () => undefined,
      inCatalog: () => true,
      // component:default/a belongs to the team; c stands alone.
      subtree: ref =>
        ref === 'group:default/team' ? [ref, 'component:default/a'] : [ref],
      metricValue: () => 0,
      memberCount: () => 0,
    };
    const { attributed } = attributeUsage(
      [
        group({ projectId: 'proj_c', cost: 300 }),
        group({ apiKeyId: 'k_shared', cost: 300 }), // 100 each to a, b, c
        group({ apiKeyId: 'k_platform', cost: 1001 }),
        group({ apiKeyId: 'k_platform', date: '2026-11-03', cost: 10 }),
      ],
      index,
      allocation,
    );
    const split = attributed
      .filter(r => r.splitRuleId === 'shared')
      .map(r => [r.date, r.entityRef, r.cost, r.splitMethod]);
    // Nov 2: c has 300 + 100 of its own, the team 100 through a: 4 to 1.
    // Nov 3: nobody has direct spend, so it splits evenly.
    expect(split).toEqual([
      ['2026-11-02', 'component:default/c', 801, 'proportional'],
      ['2026-11-02', 'group:default/team', 200, 'proportional'],
      ['2026-11-03', 'component:default/c', 5, 'proportional'],
      ['2026-11-03', 'group:default/team', 5, 'proportional'],
    ]);
  });

  it("weighs a metric split by each target's pushed value, or by the requests it claimed, that day; without any it splits evenly", () => {
    const settings = readAllocationSettings(
      mockServices.rootConfig({
        data: {
          aiCost: {
            allocation: {
              splitRules: [
                {
                  id: 'by-documents',
                  match: { apiKeyId: 'k_docs' },
                  method: 'metric',
                  metric: 'documents',
                  targets: ['component:default/c', 'group:default/team'],
                },
                {
                  id: 'by-requests',
                  match: { apiKeyId: 'k_requests' },
                  method: 'metric',
                  metric: 'requests',
                  targets: ['component:default/c', 'group:default/team'],
                },
              ],
            },
          },
        },
      }),
    );
    // documents on Nov 2: c 1, the team 2 itself and 1 through a.
    const documents: Record<string, number> = {
      'component:default/c': 1_000_000,
      'group:default/team': 2_000_000,
      'component:default/a': 1_000_000,
    };
    const allocation: Allocation = {
      policy: new AllocationPolicy(settings),
      entityTags: () => undefined,
      inCatalog: () => true,
      subtree: ref =>
        ref === 'group:default/team' ? [ref, 'component:default/a'] : [ref],
      metricValue: (metric, date, ref) =>
        metric === 'documents' && date === '2026-11-02'
          ? documents[ref] ?? 0
          : 0,
      memberCount: () => 0,
    };
    const { attributed } = attributeUsage(
      [
        // Requests claimed directly: c 9 (its project), a 1 + b 1 + c 1 (the shared key).
        group({ projectId: 'proj_c', cost: 300, requests: 9 }),
        group({ apiKeyId: 'k_shared', cost: 300, requests: 3 }),
        group({ apiKeyId: 'k_docs', cost: 1001, requests: 4 }),
        group({ apiKeyId: 'k_docs', date: '2026-11-03', cost: 11 }),
        group({ apiKeyId: 'k_requests', cost: 1000 }),
      ],
      index,
      allocation,
    );
    const split = attributed
      .filter(r => r.splitRuleId !== '')
      .map(r => [r.splitRuleId, r.date, r.entityRef, r.cost, r.requests]);
    expect(split).toEqual([
      // 1 to 3 documents: 250.25 and 750.75 round to 250 and 751; requests 1 and 3.
      ['by-documents', '2026-11-02', 'component:default/c', 250, 1],
      ['by-documents', '2026-11-02', 'group:default/team', 751, 3],
      // No documents on Nov 3: even, the odd micro-unit to the first.
      ['by-documents', '2026-11-03', 'component:default/c', 6, 0],
      ['by-documents', '2026-11-03', 'group:default/team', 5, 0],
      // c claimed 10 requests, the team 1 (through a): 10 to 1.
      ['by-requests', '2026-11-02', 'component:default/c', 909, 0],
      ['by-requests', '2026-11-02', 'group:default/team', 91, 0],
    ]);
  });
});

describe('modelProviderOf', () => {
  it('names the upstream provider of gateway usage as prices know it', () => {
    expect(modelProviderOf({ provider: 'gateway', lineItem: 'openai' })).toBe(
      'openai',
    );
    expect(
      modelProviderOf({ provider: 'gateway', lineItem: 'aws.bedrock' }),
    ).toBe('aws');
    expect(modelProviderOf({ provider: 'gateway', lineItem: 'Azure' })).toBe(
      'azure',
    );
  });

  it('is empty for other sources and gateway usage without an upstream', () => {
    expect(
      modelProviderOf({ provider: 'openai', lineItem: 'organization fee' }),
    ).toBe('');
    expect(modelProviderOf({ provider: 'gateway', lineItem: null })).toBe('');
    expect(modelProviderOf({ provider: 'gateway' })).toBe('');
  });
});

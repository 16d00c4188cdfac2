import { attributeUsage, type UsageGroup } from './attributeUsage';
import { ClaimIndex } from './ClaimIndex';
import { readEntityClaims } from './claims';

/** Attribution of spend converted from another billing currency (DESIGN §9.3). */
function group(partial: Partial<UsageGroup>): UsageGroup {
  return {
    sourceId: 'azure',
    provider: 'azure',
    date: '2026-11-13',
    model: 'gpt-4o',
    accountId: null,
    projectId: null,
    resourceId: null,
    apiKeyId: 'k_shared',
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
]);

describe('attributeUsage of converted spend', () => {
  it('splits the original amount with the cost, so both parts sum exactly, and keeps currencies apart', () => {
    const { attributed } = attributeUsage(
      [
        group({
          provider: 'openai',
          cost: 1_080_001,
          originalCurrency: 'EUR',
          originalCost: 1_000_001,
        }),
        group({
          provider: 'openai',
          cost: 9_750_000,
          originalCurrency: 'JPY',
          originalCost: 1_500_000_001,
        }),
        group({ provider: 'openai', cost: 3 }),
      ],
      index,
    );
    expect(
      attributed
        .map(r => [r.entityRef, r.originalCurrency, r.cost, r.originalCost])
        .sort((x, y) => String(x).localeCompare(String(y))),
    ).toEqual([
      ['component:default/a', '', 2, 0],
      ['component:default/a', 'EUR', 540_001, 500_001],
      ['component:default/a', 'JPY', 4_875_000, 750_000_001],
      ['component:default/b', '', 1, 0],
      ['component:default/b', 'EUR', 540_000, 500_000],
      ['component:default/b', 'JPY', 4_875_000, 750_000_000],
    ]);
  });

  it('keeps the original amount of unclaimed spend', () => {
    const { attributed, unallocated } = attributeUsage(
      [
        group({
          apiKeyId: 'k_nobody',
          provider: 'openai',
          cost: -2_700_001,
          originalCurrency: 'EUR',
          originalCost: -2_500_001,
        }),
      ],
      index,
    );
    expect(attributed).toEqual([]);
    expect(unallocated).toMatchObject([
      { cost: -2_700_001, originalCurrency: 'EUR', originalCost: -2_500_001 },
    ]);
  });
});

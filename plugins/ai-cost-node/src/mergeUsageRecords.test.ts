import { mergeUsageRecords } from './mergeUsageRecords';
import type { UsageRecord } from './UsageRecord';

const base: UsageRecord = {
  date: '2025-03-01',
  model: 'gpt-4o',
  cost: 1_000_000,
  currency: 'USD',
  costKind: 'billed',
};

describe('mergeUsageRecords', () => {
  it('sums cost, every count and requests of records with the same key', () => {
    const merged = mergeUsageRecords([
      {
        ...base,
        cost: 1_250_000,
        inputTokens: 100,
        cachedInputTokens: 20,
        cacheWriteTokens: 3,
        cacheWrite1hTokens: 2,
        outputTokens: 40,
        reasoningTokens: 5,
        requests: 2,
      },
      {
        ...base,
        cost: -250_001,
        inputTokens: 1,
        cachedInputTokens: 2,
        cacheWriteTokens: 3,
        cacheWrite1hTokens: 1,
        outputTokens: 4,
        reasoningTokens: 5,
        requests: 6,
      },
      { ...base, cost: 1, outputTokens: 1000 },
    ]);
    expect(merged).toEqual([
      {
        ...base,
        // 1,250,000 - 250,001 + 1
        cost: 1_000_000,
        inputTokens: 101,
        cachedInputTokens: 22,
        cacheWriteTokens: 6,
        cacheWrite1hTokens: 3,
        outputTokens: 1044,
        reasoningTokens: 10,
        requests: 8,
      },
    ]);
  });

  it('keeps counts no record has absent instead of 0', () => {
    const [merged] = mergeUsageRecords([
      { ...base, inputTokens: 1 },
      { ...base, inputTokens: 2 },
    ]);
    expect(merged).toStrictEqual({ ...base, cost: 2_000_000, inputTokens: 3 });
  });

  it('adds estimates only when every part has one', () => {
    const estimated = (estimatedCost: number | null | undefined) => ({
      ...base,
      estimatedCost,
    });
    const merge = (...parts: UsageRecord[]) =>
      mergeUsageRecords(parts)[0].estimatedCost;
    expect(merge(estimated(300), estimated(45))).toBe(345);
    expect(merge(estimated(300), estimated(null))).toBeNull();
    expect(merge(estimated(null), estimated(300))).toBeNull();
    expect(merge(estimated(300), base)).toBeNull();
    expect(merge(base, estimated(300))).toBeNull();
    expect(merge(base, base)).toBeUndefined();
    expect('estimatedCost' in mergeUsageRecords([base, base])[0]).toBe(false);
  });

  it('keeps a stated exchange rate only when every part states the same', () => {
    const eur = { ...base, currency: 'EUR' };
    const merge = (...parts: UsageRecord[]) => mergeUsageRecords(parts)[0];
    expect(
      merge({ ...eur, exchangeRate: 1.08 }, { ...eur, exchangeRate: 1.08 }),
    ).toMatchObject({ cost: 2_000_000, exchangeRate: 1.08 });
    expect(
      merge({ ...eur, exchangeRate: 1.08 }, { ...eur, exchangeRate: 1.09 }),
    ).not.toHaveProperty('exchangeRate');
    expect(merge({ ...eur, exchangeRate: 1.08 }, eur)).not.toHaveProperty(
      'exchangeRate',
    );
  });

  it('is unpriced when any part is', () => {
    const merge = (...parts: UsageRecord[]) =>
      mergeUsageRecords(parts)[0].unpriced;
    expect(
      merge({ ...base, unpriced: false }, { ...base, unpriced: true }),
    ).toBe(true);
    expect(merge({ ...base, unpriced: true }, base)).toBe(true);
    expect(merge(base, { ...base, unpriced: false })).toBe(false);
    expect(merge(base, base)).toBeUndefined();
  });

  it.each<[string, Partial<UsageRecord>]>([
    ['date', { date: '2025-03-02' }],
    ['hour', { hour: 13 }],
    ['accountId', { accountId: '123456789012' }],
    ['projectId', { projectId: 'proj_a' }],
    ['resourceId', { resourceId: '/subscriptions/x/resource' }],
    ['apiKeyId', { apiKeyId: 'key_a' }],
    ['userId', { userId: 'user_a' }],
    ['region', { region: 'us-east-1' }],
    ['serviceTier', { serviceTier: 'batch' }],
    ['tags', { tags: { team: 'a' } }],
    ['model', { model: 'gpt-4o-mini' }],
    ['lineItem', { lineItem: 'File search storage' }],
    ['costKind', { costKind: 'estimated' }],
    ['currency', { currency: 'EUR' }],
  ])('keeps records apart that differ in %s', (_, difference) => {
    const other = { ...base, ...difference };
    const merged = mergeUsageRecords([base, other, base, other]);
    expect(merged).toHaveLength(2);
    expect(merged).toContainEqual({ ...base, cost: 2_000_000 });
    expect(merged).toContainEqual({ ...other, cost: 2_000_000 });
  });

  it('treats a missing dimension like null, and tags in any key order alike', () => {
    const merged = mergeUsageRecords([
      { ...base, accountId: null, tags: { team: 'a', env: 'prod' } },
      { ...base, hour: undefined, tags: { env: 'prod', team: 'a' } },
    ]);
    expect(merged).toEqual([
      {
        ...base,
        accountId: null,
        tags: { team: 'a', env: 'prod' },
        cost: 2_000_000,
      },
    ]);
  });

  it('tells no tags from empty tags apart, as the engine does', () => {
    expect(
      mergeUsageRecords([
        { ...base, tags: null },
        { ...base, tags: {} },
      ]),
    ).toHaveLength(2);
  });

  it('sorts by the key in code-unit order, whatever the input order', () => {
    const records: UsageRecord[] = [
      { ...base, date: '2025-03-02', model: 'a' },
      { ...base, date: '2025-03-01', model: 'b' },
      { ...base, date: '2025-03-01', model: 'B' },
      { ...base, date: '2025-03-01', model: null },
      { ...base, date: '2025-03-01', region: 'eu-west-1', model: 'a' },
    ];
    const order = (list: UsageRecord[]) =>
      mergeUsageRecords(list).map(r => [r.date, r.region ?? null, r.model]);
    // Dimension by dimension; within one, values before null.
    const expected = [
      ['2025-03-01', 'eu-west-1', 'a'],
      ['2025-03-01', null, 'B'],
      ['2025-03-01', null, 'b'],
      ['2025-03-01', null, null],
      ['2025-03-02', null, 'a'],
    ];
    expect(order(records)).toEqual(expected);
    expect(order([...records].reverse())).toEqual(expected);
  });

  it('does not modify its input', () => {
    const first: UsageRecord = { ...base, inputTokens: 1 };
    const second: UsageRecord = { ...base, inputTokens: 2 };
    const third: UsageRecord = { ...base, inputTokens: 4 };
    const other: UsageRecord = { ...base, model: 'other', inputTokens: 8 };
    const merged = mergeUsageRecords([first, second, other, third]);
    expect(first).toEqual({ ...base, inputTokens: 1 });
    expect(second).toEqual({ ...base, inputTokens: 2 });
    expect(third).toEqual({ ...base, inputTokens: 4 });
    expect(merged).toEqual([
      { ...base, cost: 3 * base.cost, inputTokens: 7 },
      other,
    ]);
  });

  it('answers an empty list with an empty list', () => {
    expect(mergeUsageRecords([])).toEqual([]);
  });
});

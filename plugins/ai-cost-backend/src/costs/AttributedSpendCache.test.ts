import { emptyAmounts } from '../attribution/usageAmounts';
import type { AttributedSpendStore } from '../database';
import { AttributedSpendCache } from './AttributedSpendCache';

const WINDOW = { from: '2026-11-01', to: '2026-11-30' };

type Query = Parameters<AttributedSpendStore['sumAttributed']>[0];

/**
 * A store of two sources whose spend per model is its version in
 * micro-units: 1,000 × the openai version on gpt-4o and the same on
 * claude, plus the anthropic version on claude. It records the queries it
 * is asked.
 */
function fakeStore() {
  const versions = new Map([
    ['anthropic', 1],
    ['openai', 1],
  ]);
  const queries: Query[] = [];
  const rowsOf = (sourceId: string) => {
    const v = versions.get(sourceId)!;
    return sourceId === 'openai'
      ? [
          { model: 'gpt-4o', cost: 1_000 * v },
          { model: 'claude', cost: 1_000 * v },
        ]
      : [{ model: 'claude', cost: v }];
  };
  const store = {
    attributedVersions: async () =>
      [...versions].map(([sourceId, version]) => ({ sourceId, version })),
    historyStarts: async () => [],
    sumUnallocated: async () => [],
    sumAttributed: async (query: Query) => {
      queries.push(query);
      if (!query.groupBy.every(key => ['model', 'sourceId'].includes(key))) {
        throw new Error(`unexpected grouping ${query.groupBy}`);
      }
      return [...versions.keys()]
        .filter(
          sourceId => !query.sourceIds || query.sourceIds.includes(sourceId),
        )
        .flatMap(sourceId =>
          rowsOf(sourceId).map(row => ({
            ...emptyAmounts(),
            ...row,
            sourceId,
          })),
        );
    },
  } as unknown as AttributedSpendStore;
  return { store, versions, queries };
}

const byModel = { window: WINDOW, groupBy: ['model' as const] };

const costs = (rows: Array<{ model: string; cost: number }>) =>
  Object.fromEntries(rows.map(row => [row.model, row.cost]));

describe('AttributedSpendCache', () => {
  it('answers a query asked before under the same versions from memory, summed over sources', async () => {
    const { store, queries } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });

    const first = await (await cache.reader()).sumAttributed(byModel);
    expect(costs(first)).toEqual({ 'gpt-4o': 1_000, claude: 1_001 });
    expect(first[0]).not.toHaveProperty('sourceId');
    const again = await (await cache.reader()).sumAttributed(byModel);
    expect(again).toEqual(first);
    // One query, of every source, grouped by source too.
    expect(queries).toEqual([
      { ...byModel, groupBy: ['model', 'sourceId'], sourceIds: undefined },
    ]);
  });

  it('reads again only the sources whose spend changed', async () => {
    const { store, versions, queries } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    await (await cache.reader()).sumAttributed(byModel);

    versions.set('anthropic', 5);
    const after = await (await cache.reader()).sumAttributed(byModel);
    expect(costs(after)).toEqual({ 'gpt-4o': 1_000, claude: 1_005 });
    expect(queries[1].sourceIds).toEqual(['anthropic']);

    versions.set('openai', 2);
    versions.set('anthropic', 6);
    const both = await (await cache.reader()).sumAttributed(byModel);
    expect(costs(both)).toEqual({ 'gpt-4o': 2_000, claude: 2_006 });
    expect(queries[2].sourceIds).toBeUndefined();
    expect(queries).toHaveLength(3);
  });

  it('tells queries apart by window, grouping, entities and sources', async () => {
    const { store, queries } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const reader = await cache.reader();
    const query = {
      ...byModel,
      entityRefs: ['group:default/a', 'component:default/b'],
    };
    await reader.sumAttributed(query);
    await reader.sumAttributed(query);
    await reader.sumAttributed({
      ...query,
      window: { ...WINDOW, to: '2026-11-29' },
    });
    await reader.sumAttributed({ ...query, groupBy: ['sourceId'] as any });
    await reader.sumAttributed({ ...query, entityRefs: ['group:default/a'] });
    await reader.sumAttributed({ ...query, entityRefs: undefined });
    await reader.sumAttributed({ ...query, entityRefs: [] });
    expect(queries).toHaveLength(6);

    // One source asked for: only its answer is read and cached.
    const openai = await reader.sumAttributed({
      ...query,
      sourceIds: ['openai'],
    });
    expect(costs(openai)).toEqual({ 'gpt-4o': 1_000, claude: 1_000 });
    await reader.sumAttributed(query);
    expect(queries).toHaveLength(6);
  });

  it('answers grouped by source as the store does', async () => {
    const { store } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const query = {
      window: WINDOW,
      groupBy: ['sourceId' as const, 'model' as const],
    };
    const expected = await store.sumAttributed(query);
    expect(await (await cache.reader()).sumAttributed(query)).toEqual(expected);
    expect(await (await cache.reader()).sumAttributed(query)).toEqual(expected);
  });

  it('keeps the versions it read for all queries of a reader', async () => {
    const { store, versions, queries } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const reader = await cache.reader();
    versions.set('openai', 2);
    // Cached under openai's version 1: later readers never ask for it again.
    await reader.sumAttributed(byModel);
    const later = await (await cache.reader()).sumAttributed(byModel);
    expect(costs(later)).toEqual({ 'gpt-4o': 2_000, claude: 2_001 });
    expect(queries).toHaveLength(2);
  });

  it('freezes what it shares between requests', async () => {
    const { store } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const query = { window: WINDOW, groupBy: ['sourceId' as const] };
    await (await cache.reader()).sumAttributed(query);
    const rows = await (await cache.reader()).sumAttributed(query);
    expect(() => {
      rows[0].cost += 1;
    }).toThrow(TypeError);
  });

  it('forgets the least recently used answers beyond its size', async () => {
    const { store, queries } = fakeStore();
    // Room for three answers of a source (400 bytes per row, at least one).
    const cache = new AttributedSpendCache(store, { maxBytes: 2_400 });
    const reader = await cache.reader();
    const ask = (to: string) =>
      reader.sumAttributed({ window: { ...WINDOW, to }, groupBy: ['model'] });
    await ask('2026-11-28'); // openai 800 + anthropic 400 bytes
    await ask('2026-11-29'); // 1,200 more: full
    await ask('2026-11-28');
    expect(queries).toHaveLength(2);
    await ask('2026-11-30'); // evicts the 29th, used least recently
    await ask('2026-11-28');
    expect(queries).toHaveLength(3);
    await ask('2026-11-29');
    expect(queries).toHaveLength(4);
  });

  it('is the store itself when turned off', async () => {
    const { store, queries } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 0 });
    const reader = await cache.reader();
    expect(reader).toBe(store);
    await reader.sumAttributed(byModel);
    await reader.sumAttributed(byModel);
    expect(queries).toHaveLength(2);
  });
});

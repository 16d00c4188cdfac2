import type { AttributedSpendStore } from '../database';
import { AttributedSpendCache } from './AttributedSpendCache';

const WINDOW = { from: '2026-11-01', to: '2026-11-30' };

/** A store whose answers name the query and the data version they were read at. */
function fakeStore() {
  const state = { version: 1, queries: 0 };
  const store = {
    attributedVersion: async () => `openai-prod:${state.version}`,
    historyStarts: async () => [],
    sumAttributed: async (options: {
      window: { from: string; to: string };
      entityRefs?: string[];
      groupBy: string[];
    }) => {
      state.queries++;
      return [
        {
          query: JSON.stringify(options),
          version: state.version,
          cost: 1,
        },
        { query: 'second row', version: state.version, cost: 2 },
      ];
    },
    sumUnallocated: async () => {
      state.queries++;
      return [];
    },
  } as unknown as AttributedSpendStore;
  return { store, state };
}

describe('AttributedSpendCache', () => {
  it('answers a query asked before under the same data version from memory', async () => {
    const { store, state } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const query = {
      window: WINDOW,
      entityRefs: ['group:default/a', 'component:default/b'],
      groupBy: ['entityRef' as const],
    };

    const first = await (await cache.reader()).sumAttributed(query);
    const again = await (await cache.reader()).sumAttributed(query);
    expect(again).toBe(first);
    expect(state.queries).toBe(1);

    // Another window, grouping or set of entities is another answer.
    const reader = await cache.reader();
    await reader.sumAttributed({
      ...query,
      window: { ...WINDOW, to: '2026-11-29' },
    });
    await reader.sumAttributed({ ...query, groupBy: ['date'] as any });
    await reader.sumAttributed({ ...query, entityRefs: ['group:default/a'] });
    await reader.sumAttributed({ ...query, entityRefs: undefined });
    await reader.sumAttributed({ ...query, entityRefs: [] });
    expect(state.queries).toBe(6);
  });

  it('reads the store again once attributed spend changed', async () => {
    const { store, state } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const query = { window: WINDOW, groupBy: ['entityRef' as const] };
    const before = await (await cache.reader()).sumAttributed(query);

    state.version = 2;
    const after = await (await cache.reader()).sumAttributed(query);
    expect(before[0]).toMatchObject({ version: 1 });
    expect(after[0]).toMatchObject({ version: 2 });
    expect(state.queries).toBe(2);
  });

  it('keeps one version for all queries of a reader', async () => {
    const { store, state } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const query = { window: WINDOW, groupBy: ['entityRef' as const] };
    const reader = await cache.reader();
    state.version = 2;
    // Read at version 1's key: later readers never ask for it again.
    await reader.sumAttributed(query);
    expect(
      (await (await cache.reader()).sumAttributed(query))[0],
    ).toMatchObject({ version: 2 });
    expect(state.queries).toBe(2);
  });

  it('freezes what it shares between requests', async () => {
    const { store } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const rows = await (
      await cache.reader()
    ).sumAttributed({ window: WINDOW, groupBy: ['entityRef'] });
    expect(() => {
      rows[0].cost += 1;
    }).toThrow(TypeError);
    expect(() => rows.push(rows[0])).toThrow(TypeError);
  });

  it('forgets the least recently used answers beyond its size', async () => {
    const { store, state } = fakeStore();
    // Room for two answers of two rows each (400 bytes per row).
    const cache = new AttributedSpendCache(store, { maxBytes: 1_600 });
    const reader = await cache.reader();
    const ask = (to: string) =>
      reader.sumAttributed({ window: { ...WINDOW, to }, groupBy: ['date'] });
    await ask('2026-11-28');
    await ask('2026-11-29');
    await ask('2026-11-28');
    await ask('2026-11-30');
    expect(state.queries).toBe(3);
    await ask('2026-11-28');
    expect(state.queries).toBe(3);
    await ask('2026-11-29');
    expect(state.queries).toBe(4);
  });

  it('is the store itself when turned off', async () => {
    const { store, state } = fakeStore();
    const cache = new AttributedSpendCache(store, { maxBytes: 0 });
    expect(await cache.reader()).toBe(store);
    const reader = await cache.reader();
    await reader.sumAttributed({ window: WINDOW, groupBy: ['entityRef'] });
    await reader.sumAttributed({ window: WINDOW, groupBy: ['entityRef'] });
    expect(state.queries).toBe(2);
  });
});

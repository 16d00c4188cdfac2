import { emptyAmounts } from '../attribution/usageAmounts';
import type { AttributedSpendStore } from '../database';
import { AttributedSpendCache } from './AttributedSpendCache';

/** October and November, and the first five days of December. */
const WINDOW = { from: '2026-10-01', to: '2026-12-05' };

type Query = Parameters<AttributedSpendStore['sumAttributed']>[0];

interface Spend {
  sourceId: string;
  date: string;
  model: string;
  cost: number;
}

/**
 * Attributed spend in memory, summed as the database store sums it, with
 * versions per source and month raised by `reattribute` (a whole window)
 * and per source and day raised by `push` (some days only), as the
 * database store raises them; records the queries it is asked.
 */
function fakeStore(spend: Spend[]) {
  const versions = new Map<string, number>();
  const queries: Query[] = [];
  const raise = (key: string) =>
    versions.set(key, (versions.get(key) ?? 0) + 1);
  const raiseMonth = (sourceId: string, date: string) => {
    const month = date.slice(0, 7);
    raise(`${sourceId}|${month}|`);
    // The new month version supersedes the versions of its days.
    for (const key of versions.keys()) {
      if (key.startsWith(`${sourceId}|${month}|${month}`)) versions.delete(key);
    }
  };
  /** Gives one source's spend on a model and day a new cost. */
  const setCost = (
    sourceId: string,
    date: string,
    model: string,
    cost: number,
  ) => {
    const row = spend.find(
      r => r.sourceId === sourceId && r.date === date && r.model === model,
    )!;
    row.cost = cost;
  };
  type Change = Parameters<typeof setCost>;
  /** A re-attribution of the day's whole month. */
  const reattribute = (...change: Change) => {
    setCost(...change);
    raiseMonth(change[0], change[1]);
  };
  /** A re-attribution of the day alone, as after a push. */
  const push = (...[sourceId, date, ...rest]: Change) => {
    setCost(sourceId, date, ...rest);
    raise(`${sourceId}|${date.slice(0, 7)}|${date}`);
  };
  for (const row of spend) raiseMonth(row.sourceId, row.date);
  const store = {
    attributedVersions: async () =>
      [...versions].map(([key, version]) => {
        const [sourceId, month, day] = key.split('|');
        return { sourceId, month, ...(day ? { day } : {}), version };
      }),
    historyStarts: async () => [],
    sumUnallocated: async () => [],
    sumAttributed: async (query: Query) => {
      queries.push(query);
      const sums = new Map<string, Record<string, unknown>>();
      for (const row of spend) {
        if (row.date < query.window.from || row.date > query.window.to) {
          continue;
        }
        if (query.sourceIds && !query.sourceIds.includes(row.sourceId)) {
          continue;
        }
        const values: Record<string, string> = {
          sourceId: row.sourceId,
          date: row.date,
          month: row.date.slice(0, 7),
          model: row.model,
        };
        const key = query.groupBy.map(column => values[column]).join('|');
        const sum = sums.get(key) ?? {
          ...Object.fromEntries(query.groupBy.map(c => [c, values[c]])),
          ...emptyAmounts(),
        };
        (sum.cost as number) += row.cost;
        sums.set(key, sum);
      }
      if (sums.size === 0 && query.groupBy.length === 0) {
        return [emptyAmounts()];
      }
      return [...sums.values()];
    },
  } as unknown as AttributedSpendStore;
  return { store, queries, reattribute, push };
}

function exampleSpend(): Spend[] {
  return [
    { sourceId: 'openai', date: '2026-10-10', model: 'gpt-4o', cost: 1_000 },
    { sourceId: 'openai', date: '2026-11-10', model: 'gpt-4o', cost: 2_000 },
    { sourceId: 'openai', date: '2026-11-10', model: 'claude', cost: 30 },
    { sourceId: 'gateway', date: '2026-11-20', model: 'claude', cost: 400 },
    { sourceId: 'gateway', date: '2026-12-03', model: 'claude', cost: 5 },
    { sourceId: 'gateway', date: '2026-12-05', model: 'claude', cost: 600 },
    // Outside the window.
    { sourceId: 'gateway', date: '2026-12-06', model: 'claude', cost: 60_000 },
  ];
}

const byModel = { window: WINDOW, groupBy: ['model' as const] };

/** The query of one span's parts of {@link byModel}, for every source. */
const part = (from: string, to: string) => ({
  ...byModel,
  window: { from, to },
  sourceIds: undefined,
  groupBy: ['model', 'sourceId'],
});

/** The one read of a single day's parts, by every column. */
const dayPart = (day: string) => ({
  window: { from: day, to: day },
  sourceIds: undefined,
  groupBy: [
    'entityRef',
    'date',
    'sourceId',
    'provider',
    'model',
    'modelProvider',
    'category',
    'apiKeyId',
    'allocationTags',
    'splitRuleId',
    'splitMethod',
  ],
});

const costs = (rows: Array<{ model: string; cost: number }>) =>
  Object.fromEntries(rows.map(row => [row.model, row.cost]));

describe('AttributedSpendCache', () => {
  it('answers as the store does, from memory the second time', async () => {
    const { store, queries } = fakeStore(exampleSpend());
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });

    const expected = await store.sumAttributed(byModel);
    const first = await (await cache.reader()).sumAttributed(byModel);
    expect(first).toEqual(expect.arrayContaining(expected));
    expect(first).toHaveLength(2);
    expect(costs(first)).toEqual({ 'gpt-4o': 3_000, claude: 1_035 });
    const again = await (await cache.reader()).sumAttributed(byModel);
    expect(again).toEqual(first);
    // One query for the months before the last, one for the last, grouped
    // by source too.
    expect(queries.slice(1)).toEqual([
      part('2026-10-01', '2026-11-30'),
      part('2026-12-01', '2026-12-05'),
    ]);
  });

  it('reads again only the days and months of the sources that changed', async () => {
    const { store, queries, reattribute, push } = fakeStore(exampleSpend());
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const read = async () => {
      const before = queries.length;
      const answer = await (await cache.reader()).sumAttributed(byModel);
      return { costs: costs(answer), read: queries.slice(before) };
    };
    expect((await read()).read).toHaveLength(2);

    // A first push re-attributes the window's last day: from now on that
    // day is kept apart from the rest of its month.
    push('gateway', '2026-12-05', 'claude', 700);
    expect(await read()).toEqual({
      costs: { 'gpt-4o': 3_000, claude: 1_135 },
      read: [part('2026-12-01', '2026-12-04'), dayPart('2026-12-05')],
    });
    // Every push after it: only that day is read.
    push('gateway', '2026-12-05', 'claude', 750);
    expect(await read()).toEqual({
      costs: { 'gpt-4o': 3_000, claude: 1_185 },
      read: [dayPart('2026-12-05')],
    });
    // Late events of an earlier day: the rest of the month is read.
    push('gateway', '2026-12-03', 'claude', 7);
    expect(await read()).toEqual({
      costs: { 'gpt-4o': 3_000, claude: 1_187 },
      read: [part('2026-12-01', '2026-12-04')],
    });

    // A catalog change re-attributes October and November of openai.
    reattribute('openai', '2026-10-10', 'gpt-4o', 1_100);
    reattribute('openai', '2026-11-10', 'gpt-4o', 2_200);
    expect(await read()).toEqual({
      costs: { 'gpt-4o': 3_300, claude: 1_187 },
      read: [{ ...part('2026-10-01', '2026-11-30'), sourceIds: ['openai'] }],
    });

    // A run re-attributes the gateway's December: the month's version
    // supersedes its days', and December is read in one part again.
    reattribute('gateway', '2026-12-05', 'claude', 800);
    expect(await read()).toEqual({
      costs: { 'gpt-4o': 3_300, claude: 1_237 },
      read: [part('2026-12-01', '2026-12-05')],
    });
  });

  it("reads a pushed day once for all of a page view's queries", async () => {
    const { store, queries, push } = fakeStore(exampleSpend());
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    push('gateway', '2026-12-05', 'claude', 700);
    const bySource = { window: WINDOW, groupBy: ['sourceId' as const] };
    const first = await cache.reader();
    await Promise.all([
      first.sumAttributed(byModel),
      first.sumAttributed(bySource),
    ]);
    push('gateway', '2026-12-05', 'claude', 900);
    const before = queries.length;
    const reader = await cache.reader();
    const [models, sources] = await Promise.all([
      reader.sumAttributed(byModel),
      reader.sumAttributed(bySource),
    ]);
    expect(costs(models)).toEqual({ 'gpt-4o': 3_000, claude: 1_335 });
    expect(
      Object.fromEntries(sources.map(row => [row.sourceId, row.cost])),
    ).toEqual({ openai: 3_030, gateway: 1_305 });
    expect(queries.slice(before)).toEqual([dayPart('2026-12-05')]);
  });

  it('tells queries apart by grouping, entities and sources', async () => {
    const { store, queries } = fakeStore(exampleSpend());
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const reader = await cache.reader();
    const query = {
      ...byModel,
      entityRefs: ['group:default/a', 'component:default/b'],
    };
    await reader.sumAttributed(query);
    await reader.sumAttributed(query);
    await reader.sumAttributed({ ...query, groupBy: ['sourceId'] as any });
    await reader.sumAttributed({ ...query, entityRefs: ['group:default/a'] });
    await reader.sumAttributed({ ...query, entityRefs: undefined });
    await reader.sumAttributed({ ...query, entityRefs: [] });
    // Two queries each: the months before the last, the last.
    expect(queries).toHaveLength(10);

    // One source asked for: the parts of the others are left out.
    const openai = await reader.sumAttributed({
      ...query,
      sourceIds: ['openai'],
    });
    expect(costs(openai)).toEqual({ 'gpt-4o': 3_000, claude: 30 });
    expect(queries).toHaveLength(10);
  });

  it('sums over sources and months for every grouping, none included', async () => {
    const { store } = fakeStore(exampleSpend());
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    for (const groupBy of [['sourceId'], ['date', 'model'], []] as any[]) {
      const query = { window: WINDOW, groupBy };
      const expected = await store.sumAttributed(query);
      for (let i = 0; i < 2; i++) {
        const answer = await (await cache.reader()).sumAttributed(query);
        expect(answer).toEqual(expect.arrayContaining(expected));
        expect(answer).toHaveLength(expected.length);
      }
    }
    const nothing = {
      window: { from: '2027-01-01', to: '2027-01-31' },
      groupBy: [],
    };
    expect(await (await cache.reader()).sumAttributed(nothing)).toEqual([
      emptyAmounts(),
    ]);
  });

  it('keeps the versions it read for all queries of a reader', async () => {
    const { store, queries, reattribute } = fakeStore(exampleSpend());
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const reader = await cache.reader();
    reattribute('gateway', '2026-12-03', 'claude', 7);
    // Cached under the version before: later readers never ask for it again.
    await reader.sumAttributed(byModel);
    const later = await (await cache.reader()).sumAttributed(byModel);
    expect(costs(later)).toEqual({ 'gpt-4o': 3_000, claude: 1_037 });
    expect(queries).toHaveLength(3);
  });

  it('keeps what it cached as it was when a caller changes its answer', async () => {
    const { store } = fakeStore(exampleSpend());
    const cache = new AttributedSpendCache(store, { maxBytes: 1_000_000 });
    const query = { window: WINDOW, groupBy: ['sourceId' as const] };
    const first = await (await cache.reader()).sumAttributed(query);
    for (const row of first) row.cost = 0;
    const again = await (await cache.reader()).sumAttributed(query);
    expect(again.map(row => row.cost).sort((a, b) => a - b)).toEqual([
      1_005, 3_030,
    ]);
  });

  it('forgets the least recently used parts beyond its size', async () => {
    const { store, queries } = fakeStore(exampleSpend());
    // 400 bytes per row: room for four parts of one row each.
    const cache = new AttributedSpendCache(store, { maxBytes: 1_600 });
    const reader = await cache.reader();
    const ask = (from: string, to: string) =>
      reader.sumAttributed({ window: { from, to }, groupBy: [] });
    await ask('2026-10-01', '2026-10-28'); // openai's October
    await ask('2026-11-01', '2026-11-28'); // openai's and gateway's November
    await ask('2026-12-01', '2026-12-28'); // gateway's December: full
    await ask('2026-10-01', '2026-10-28');
    expect(queries).toHaveLength(3);
    await ask('2026-10-01', '2026-10-27'); // evicts openai's November
    await ask('2026-12-01', '2026-12-28');
    expect(queries).toHaveLength(4);
    await ask('2026-11-01', '2026-11-28');
    expect(queries).toHaveLength(5);
    expect(queries[4].sourceIds).toEqual(['openai']);
    await ask('2027-01-01', '2027-01-31'); // no spend: no part, nothing read
    expect(queries).toHaveLength(5);
  });

  it('is the store itself when turned off', async () => {
    const { store, queries } = fakeStore(exampleSpend());
    const cache = new AttributedSpendCache(store, { maxBytes: 0 });
    const reader = await cache.reader();
    expect(reader).toBe(store);
    await reader.sumAttributed(byModel);
    await reader.sumAttributed(byModel);
    expect(queries).toHaveLength(2);
  });
});

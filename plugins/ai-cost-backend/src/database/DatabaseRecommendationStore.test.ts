import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from './createStores';
import { DatabaseRecommendationStore } from './DatabaseRecommendationStore';
import type { DetectedRecommendation } from './RecommendationStore';

jest.setTimeout(60_000);

const SVC = 'component:default/svc';
const OTHER = 'component:default/other';
const DAY1 = new Date('2026-11-21T08:00:00Z');
const DAY2 = new Date('2026-11-22T08:00:00Z');

function finding(
  overrides: Partial<DetectedRecommendation> = {},
): DetectedRecommendation {
  return {
    entityRef: SVC,
    rule: 'model-right-sizing',
    fingerprint: 'openai/gpt-4o',
    title: 'Try gpt-4o-mini instead of gpt-4o for short calls',
    description: 'Short calls.',
    evidence: { requests: 15_000, cheaperModel: 'gpt-4o-mini' },
    estimatedMonthlySavings: 121_500_000,
    confidence: 'medium',
    ...overrides,
  };
}

const caching = finding({
  rule: 'prompt-caching',
  title: 'Cache the prefix',
  estimatedMonthlySavings: 19_687_500,
  confidence: 'low',
});
const ownerless = finding({
  entityRef: '',
  rule: 'ownerless-spend',
  fingerprint: 'openai:projectId:proj_x',
  title: 'Unowned',
  estimatedMonthlySavings: 0,
  confidence: 'high',
});

describe('DatabaseRecommendationStore', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return (await createStores({ database })).recommendations;
  }
  /** Every recommendation of a filter, in one page. */
  const listAll = async (
    store: DatabaseRecommendationStore,
    filter: Omit<
      Parameters<DatabaseRecommendationStore['listRecommendations']>[0],
      'limit'
    > = {},
  ) => {
    const page = await store.listRecommendations({ ...filter, limit: 500 });
    expect(page.nextCursor).toBeNull();
    return page.items;
  };
  const sync = (
    store: DatabaseRecommendationStore,
    findings: DetectedRecommendation[],
    now: Date,
  ) => store.syncRecommendations(findings, { now, staleRetentionDays: 90 });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores findings open, refreshes figures and keeps decisions', async () => {
      const store = await createStore(databaseId);
      expect(await sync(store, [finding(), caching, ownerless], DAY1)).toEqual({
        created: 3,
        updated: 0,
        removed: 0,
        stale: 0,
      });
      const listed = await listAll(store);
      // Largest saving first; the org-level item is listed org-wide.
      expect(listed.map(r => [r.entityRef, r.rule])).toEqual([
        [SVC, 'model-right-sizing'],
        [SVC, 'prompt-caching'],
        ['', 'ownerless-spend'],
      ]);
      const [sizing] = listed;
      expect(sizing).toMatchObject({
        status: 'open',
        snoozedUntil: null,
        decidedBy: null,
        decisionReason: null,
        staleSince: null,
        evidence: { requests: 15_000, cheaperModel: 'gpt-4o-mini' },
        estimatedMonthlySavings: 121_500_000,
        createdAt: DAY1.toISOString(),
      });

      const dismissed = await store.decide(sizing.id, {
        status: 'dismissed',
        reason: 'quality matters here',
        by: 'user:default/owner',
        at: DAY1,
      });
      expect(dismissed).toMatchObject({
        status: 'dismissed',
        decidedBy: 'user:default/owner',
        decisionReason: 'quality matters here',
        decidedAt: DAY1.toISOString(),
      });

      expect(
        await sync(
          store,
          [
            finding({
              estimatedMonthlySavings: 99_000_000,
              evidence: { requests: 12_000 },
            }),
            caching,
            ownerless,
          ],
          DAY2,
        ),
      ).toEqual({ created: 0, updated: 3, removed: 0, stale: 0 });
      expect(await store.getRecommendation(sizing.id)).toMatchObject({
        status: 'dismissed',
        decidedBy: 'user:default/owner',
        decisionReason: 'quality matters here',
        estimatedMonthlySavings: 99_000_000,
        evidence: { requests: 12_000 },
        createdAt: DAY1.toISOString(),
        updatedAt: DAY2.toISOString(),
      });
      expect(
        (await listAll(store, { status: 'open' })).map(r => r.rule),
      ).toEqual(['prompt-caching', 'ownerless-spend']);
      expect((await listAll(store, { entityRefs: [OTHER] })).length).toBe(0);
      expect((await listAll(store, { entityRefs: [SVC] })).length).toBe(2);
    });

    it('deletes undecided findings that stop triggering and hides decided ones until they return', async () => {
      const store = await createStore(databaseId);
      await sync(store, [finding(), caching], DAY1);
      const [sizing, cache] = await listAll(store);
      await store.decide(sizing.id, {
        status: 'snoozed',
        until: '2026-12-31',
        reason: null,
        by: 'user:default/owner',
        at: DAY1,
      });

      expect(await sync(store, [], DAY2)).toEqual({
        created: 0,
        updated: 0,
        removed: 1,
        stale: 1,
      });
      expect(await store.getRecommendation(cache.id)).toBeUndefined();
      expect(await listAll(store)).toEqual([]);
      expect(await store.getRecommendation(sizing.id)).toMatchObject({
        status: 'snoozed',
        staleSince: DAY2.toISOString(),
      });

      // It triggers again: visible, still snoozed, same id.
      await sync(store, [finding()], new Date('2026-11-23T08:00:00Z'));
      const [back] = await listAll(store);
      expect(back).toMatchObject({
        id: sizing.id,
        status: 'snoozed',
        snoozedUntil: '2026-12-31',
        staleSince: null,
      });

      // Stale for more than the retention: forgotten.
      await sync(store, [], new Date('2026-11-24T08:00:00Z'));
      expect(await sync(store, [], new Date('2027-03-01T08:00:00Z'))).toEqual({
        created: 0,
        updated: 0,
        removed: 1,
        stale: 0,
      });
      expect(await store.getRecommendation(sizing.id)).toBeUndefined();
    });

    it('reopens a snooze the day after its last day', async () => {
      const store = await createStore(databaseId);
      await sync(store, [finding()], DAY1);
      const [rec] = await listAll(store);
      await store.decide(rec.id, {
        status: 'snoozed',
        until: '2026-11-25',
        reason: 'next sprint',
        by: 'user:default/owner',
        at: DAY1,
      });
      expect(
        await store.reopenExpiredSnoozes(new Date('2026-11-25T23:59:59Z')),
      ).toBe(0);
      expect(await store.getRecommendation(rec.id)).toMatchObject({
        status: 'snoozed',
        snoozedUntil: '2026-11-25',
        decisionReason: 'next sprint',
      });
      expect(
        await store.reopenExpiredSnoozes(new Date('2026-11-26T00:00:00Z')),
      ).toBe(1);
      expect(await store.getRecommendation(rec.id)).toMatchObject({
        status: 'open',
        snoozedUntil: null,
      });
    });

    it('answers unknown and malformed ids with undefined', async () => {
      const store = await createStore(databaseId);
      expect(await store.getRecommendation('12345')).toBeUndefined();
      expect(await store.getRecommendation('abc')).toBeUndefined();
      expect(
        await store.decide('12345', {
          status: 'open',
          reason: null,
          by: 'x',
          at: DAY1,
        }),
      ).toBeUndefined();
    });

    it('pages through every recommendation once, largest saving first, ties by id', async () => {
      const store = await createStore(databaseId);
      // 7 findings, 3 of them tied on the saving so the tie-break matters.
      const savings = [5, 9, 9, 9, 1, 7, 3].map(n => n * 1_000_000);
      await sync(
        store,
        savings.map((estimatedMonthlySavings, i) =>
          finding({ fingerprint: `f${i}`, estimatedMonthlySavings }),
        ),
        DAY1,
      );
      const everything = await listAll(store);
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listRecommendations({ limit: 3, cursor });
        pages.push(page.items.map(r => r.fingerprint));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.map(p => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(everything.map(r => r.fingerprint));
      expect(everything.map(r => r.estimatedMonthlySavings)).toEqual(
        [9, 9, 9, 7, 5, 3, 1].map(n => n * 1_000_000),
      );
      const tied = everything.slice(0, 3).map(r => Number(r.id));
      expect(tied).toEqual([...tied].sort((a, b) => a - b));

      // Filtered by entity (the chunked path) pages the same way.
      const first = await store.listRecommendations({
        entityRefs: [SVC],
        limit: 4,
      });
      const rest = await store.listRecommendations({
        entityRefs: [SVC],
        limit: 4,
        cursor: first.nextCursor!,
      });
      expect(rest.nextCursor).toBeNull();
      expect([...first.items, ...rest.items].map(r => r.id)).toEqual(
        everything.map(r => r.id),
      );
      expect(await store.openSavings({})).toBe(43_000_000);
      expect(await store.openSavings({ entityRefs: [OTHER] })).toBe(0);
      expect(await store.countOpen()).toBe(7);
    });

    it('refuses a cursor it did not make, naming the field', async () => {
      const store = await createStore(databaseId);
      await expect(
        store.listRecommendations({ limit: 3, cursor: 'not-a-cursor' }),
      ).rejects.toThrow(/^cursor: is not a cursor of this list/);
    });

    it('survives two evaluations storing the same findings at once', async () => {
      const store = await createStore(databaseId);
      await Promise.all([
        sync(store, [finding(), caching], DAY1),
        sync(store, [finding(), caching], DAY1),
      ]);
      expect((await listAll(store)).length).toBe(2);
    });
  });
});

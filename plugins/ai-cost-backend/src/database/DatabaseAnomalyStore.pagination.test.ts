import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from './createStores';
import type { DetectedAnomaly } from './AnomalyStore';
import { DatabaseAnomalyStore } from './DatabaseAnomalyStore';

jest.setTimeout(60_000);

const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';
const D = 'component:default/d';

function anomaly(
  entityRef: string,
  model: string,
  startDate: string,
  impact: number,
  status: DetectedAnomaly['status'] = 'open',
): DetectedAnomaly {
  return {
    entityRef,
    model,
    startDate,
    endDate: startDate,
    expected: 1_000_000,
    actual: 1_000_000 + impact,
    impact,
    impactPct: impact / 10_000,
    severity: 'high',
    rootCauses: [],
    status,
  };
}

describe('DatabaseAnomalyStore.listAnomalies', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = (await createStores({ database })).anomalies;
      // Ties on day and impact so the id tie-break is exercised.
      for (const detected of [
        anomaly(A, '', '2026-11-01', 5_000_000),
        anomaly(A, 'openai/gpt-4o', '2026-11-03', 2_000_000),
        anomaly(B, '', '2026-11-03', 2_000_000, 'resolved'),
        anomaly(C, 'openai/gpt-4o', '2026-11-03', 2_000_000),
        anomaly(D, 'openai/o3', '2026-11-03', 9_000_000),
        anomaly(B, 'openai/o3', '2026-10-20', 1_000_000, 'resolved'),
        anomaly(A, 'anthropic/claude', '2026-11-02', 3_000_000),
      ]) {
        await store.upsertAnomaly(detected);
      }
      return store;
    }

    async function pageThrough(
      store: DatabaseAnomalyStore,
      filter: { entityRefs?: string[]; status?: 'open' | 'resolved' },
      limit: number,
    ) {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listAnomalies({ ...filter, limit, cursor });
        pages.push(
          page.items.map(a => `${a.entityRef}|${a.model}|${a.startDate}`),
        );
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return pages;
    }

    it('pages newest first, then largest impact, without duplicates or gaps', async () => {
      const store = await createStore();
      const { items: all, nextCursor } = await store.listAnomalies({
        limit: 500,
      });
      expect(nextCursor).toBeNull();
      expect(all.map(a => [a.startDate, a.impact])).toEqual([
        ['2026-11-03', 9_000_000],
        ['2026-11-03', 2_000_000],
        ['2026-11-03', 2_000_000],
        ['2026-11-03', 2_000_000],
        ['2026-11-02', 3_000_000],
        ['2026-11-01', 5_000_000],
        ['2026-10-20', 1_000_000],
      ]);
      // Ties: the newest row first.
      const tied = all.slice(1, 4).map(a => Number(a.id));
      expect(tied).toEqual([...tied].sort((a, b) => b - a));

      const pages = await pageThrough(store, {}, 3);
      expect(pages.map(p => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(
        all.map(a => `${a.entityRef}|${a.model}|${a.startDate}`),
      );
    });

    it('pages the same way filtered by entity and status', async () => {
      const store = await createStore();
      expect(await pageThrough(store, { entityRefs: [A] }, 2)).toEqual([
        [`${A}|openai/gpt-4o|2026-11-03`, `${A}|anthropic/claude|2026-11-02`],
        [`${A}||2026-11-01`],
      ]);
      expect(
        await pageThrough(store, { entityRefs: [A, B], status: 'resolved' }, 1),
      ).toEqual([[`${B}||2026-11-03`], [`${B}|openai/o3|2026-10-20`]]);
    });

    it('refuses a cursor it did not make, naming the field', async () => {
      const store = await createStore();
      const wrongShape = Buffer.from('[1,2]').toString('base64url');
      await expect(
        store.listAnomalies({ limit: 2, cursor: wrongShape }),
      ).rejects.toThrow(/^cursor: is not a cursor of this list/);
    });
  });
});

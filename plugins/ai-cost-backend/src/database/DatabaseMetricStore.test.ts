import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { MetricPoint } from '../metrics/types';
import { applyMigrations } from './migrations';
import { DatabaseMetricStore } from './DatabaseMetricStore';

jest.setTimeout(60_000);

const point = (p: Partial<MetricPoint>): MetricPoint => ({
  metric: 'documents',
  date: '2026-11-01',
  entityRef: 'component:default/a',
  tags: {},
  valueMicros: 1_000_000,
  unit: null,
  ...p,
});

describe('DatabaseMetricStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyMigrations(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
      return { knex, store: new DatabaseMetricStore(knex) };
    }

    it('replaces a point with the same metric, day, entity and tags, whatever the key order of its tags', async () => {
      const { store } = await setup();
      await store.upsert('push', [
        point({
          tags: { customer: 'acme', feature: 'search' },
          valueMicros: 5,
        }),
        point({ entityRef: 'component:default/b', valueMicros: 7 }),
      ]);
      await store.upsert('push', [
        point({
          tags: { feature: 'search', customer: 'acme' },
          valueMicros: 11,
        }),
      ]);
      expect(
        await store.dailyValues({
          metric: 'documents',
          window: { from: '2026-11-01', to: '2026-11-01' },
        }),
      ).toEqual([{ date: '2026-11-01', valueMicros: 18 }]);
      expect(
        await store.dailyValues({
          metric: 'documents',
          window: { from: '2026-11-01', to: '2026-11-01' },
          entityRefs: ['component:default/a'],
        }),
      ).toEqual([{ date: '2026-11-01', valueMicros: 11 }]);
    });

    it('keeps the last of two points with one identity in a batch', async () => {
      const { store } = await setup();
      expect(
        await store.upsert('push', [
          point({ valueMicros: 1 }),
          point({ valueMicros: 2 }),
        ]),
      ).toBe(1);
      const [row] = await store.dailyValues({
        metric: 'documents',
        window: { from: '2026-11-01', to: '2026-11-30' },
      });
      expect(row.valueMicros).toBe(2);
    });

    it('sums by tag value, null for points without the tag', async () => {
      const { store } = await setup();
      await store.upsert('push', [
        point({
          metric: 'revenue',
          entityRef: null,
          tags: { customer: 'acme' },
          valueMicros: 100,
        }),
        point({
          metric: 'revenue',
          entityRef: 'component:default/a',
          tags: { customer: 'acme' },
          valueMicros: 20,
        }),
        point({
          metric: 'revenue',
          entityRef: null,
          tags: { customer: 'globex' },
          valueMicros: 30,
        }),
        point({ metric: 'revenue', entityRef: null, tags: {}, valueMicros: 4 }),
        point({
          metric: 'revenue',
          date: '2026-11-02',
          entityRef: null,
          tags: { customer: 'acme' },
          valueMicros: 9,
        }),
      ]);
      const rows = await store.dailyValues({
        metric: 'revenue',
        window: { from: '2026-11-01', to: '2026-11-02' },
        byTag: 'customer',
      });
      expect(rows).toEqual(
        expect.arrayContaining([
          { date: '2026-11-01', tagValue: 'acme', valueMicros: 120 },
          { date: '2026-11-01', tagValue: 'globex', valueMicros: 30 },
          { date: '2026-11-01', tagValue: null, valueMicros: 4 },
          { date: '2026-11-02', tagValue: 'acme', valueMicros: 9 },
        ]),
      );
      expect(rows).toHaveLength(4);
    });

    it('replaces what one origin holds in a window and leaves other origins and days alone', async () => {
      const { store } = await setup();
      await store.upsert('prom', [
        point({ date: '2026-11-01', valueMicros: 1 }),
        point({ date: '2026-11-02', valueMicros: 2 }),
        point({ date: '2026-11-05', valueMicros: 5 }),
      ]);
      await store.upsert('push', [
        point({
          date: '2026-11-03',
          entityRef: 'component:default/b',
          valueMicros: 30,
        }),
      ]);
      await store.replaceWindow(
        'prom',
        { from: '2026-11-01', to: '2026-11-03' },
        [point({ date: '2026-11-02', valueMicros: 20 })],
      );
      expect(
        await store.dailyValues({
          metric: 'documents',
          window: { from: '2026-11-01', to: '2026-11-30' },
        }),
      ).toEqual([
        { date: '2026-11-02', valueMicros: 20 },
        { date: '2026-11-03', valueMicros: 30 },
        { date: '2026-11-05', valueMicros: 5 },
      ]);
    });

    it('lists metrics with their unit, last day and entity count, and reads units', async () => {
      const { store } = await setup();
      await store.upsert('push', [
        point({
          metric: 'revenue',
          unit: 'USD',
          entityRef: null,
          date: '2026-11-04',
        }),
        point({
          metric: 'revenue',
          unit: 'USD',
          entityRef: 'component:default/a',
        }),
        point({ metric: 'documents', entityRef: 'component:default/a' }),
        point({
          metric: 'documents',
          entityRef: 'component:default/b',
          date: '2026-11-09',
        }),
      ]);
      expect(await store.listMetrics()).toEqual([
        {
          metric: 'documents',
          unit: null,
          lastDate: '2026-11-09',
          entities: 2,
        },
        { metric: 'revenue', unit: 'USD', lastDate: '2026-11-04', entities: 1 },
      ]);
      // Of some entities only: b has documents, nobody listed has revenue.
      expect(
        await store.listMetrics({
          entityRefs: ['component:default/b', 'component:default/c'],
        }),
      ).toEqual([
        {
          metric: 'documents',
          unit: null,
          lastDate: '2026-11-09',
          entities: 1,
        },
      ]);
      expect(await store.listMetrics({ entityRefs: [] })).toEqual([]);
      expect(await store.unitsOf(['revenue', 'documents', 'absent'])).toEqual(
        new Map([
          ['documents', null],
          ['revenue', 'USD'],
        ]),
      );
    });
  });
});

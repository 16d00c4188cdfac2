import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type {
  AllocationTags,
  AttributedRow,
  UnallocatedRow,
} from '../attribution/attributeUsage';
import { emptyAmounts } from '../attribution/usageAmounts';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const migrationsDir = path.resolve(__dirname, '../../migrations');

function attributed(
  entityRef: string,
  date: string,
  cost: number,
  allocationTags: AllocationTags = {},
): AttributedRow {
  return {
    ...emptyAmounts(),
    entityRef,
    date,
    sourceId: 'openai-prod',
    provider: 'openai',
    model: 'gpt-4o',
    modelProvider: '',
    category: 'model-api',
    apiKeyId: '',
    conflict: false,
    allocationTags,
    splitRuleId: '',
    splitMethod: '',
    originalCurrency: '',
    originalCost: 0,
    cost,
  };
}

function unallocated(
  date: string,
  cost: number,
  allocationTags: AllocationTags = {},
): UnallocatedRow {
  return {
    ...emptyAmounts(),
    date,
    sourceId: 'openai-prod',
    provider: 'openai',
    dimension: 'projectId',
    value: 'proj_x',
    model: 'gpt-4o',
    category: 'model-api',
    allocationTags,
    originalCurrency: '',
    originalCost: 0,
    cost,
  };
}

const OCT_1 = '2026-10-01';
const OCT_2 = '2026-10-02';
const WINDOW = { from: OCT_1, to: OCT_2 };

describe('DatabaseAttributedSpendStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { attribution } = await createStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      /** Replaces the source's attributed spend of the window (or of some days) with these rows. */
      const replace = (
        rows: { attributed?: AttributedRow[]; unallocated?: UnallocatedRow[] },
        days?: string[],
      ) =>
        attribution.reattribute({
          sourceId: 'openai-prod',
          window: WINDOW,
          days,
          attribute: () => ({
            attributed: rows.attributed ?? [],
            unallocated: rows.unallocated ?? [],
          }),
        });
      return { knex, store: attribution, replace };
    }

    it('raises the versions of the days or months a re-attribution rewrites, and only then', async () => {
      const { store, replace } = await setup();
      expect(await store.attributedVersions()).toEqual([]);

      await replace({
        attributed: [attributed('component:default/a', OCT_1, 1)],
      });
      expect(await store.attributedVersions()).toEqual([
        { sourceId: 'openai-prod', month: '2026-10', version: 1 },
      ]);
      await store.sumAttributed({ window: WINDOW, groupBy: ['entityRef'] });
      // The same rows again still count: the version does not compare data.
      await replace({
        attributed: [attributed('component:default/a', OCT_1, 1)],
      });
      // A source with no row in ai_cost_sources, and nothing to attribute,
      // over a window of two months.
      await store.reattribute({
        sourceId: 'anthropic-prod',
        window: { from: '2026-10-20', to: '2026-11-05' },
        attribute: () => ({ attributed: [], unallocated: [] }),
      });
      // Some days only (a push's today): those days, twice for one.
      const someDays = (days: string[]) =>
        store.reattribute({
          sourceId: 'openai-prod',
          window: { from: '2026-09-01', to: '2026-11-30' },
          days,
          attribute: () => ({ attributed: [], unallocated: [] }),
        });
      await someDays(['2026-10-30', '2026-11-02', '2026-11-03']);
      await someDays(['2026-11-03']);
      const openaiDay = (day: string, version: number) => ({
        sourceId: 'openai-prod',
        month: day.slice(0, 7),
        day,
        version,
      });
      const months = [
        { sourceId: 'anthropic-prod', month: '2026-10', version: 1 },
        { sourceId: 'anthropic-prod', month: '2026-11', version: 1 },
        { sourceId: 'openai-prod', month: '2026-10', version: 2 },
      ];
      expect(await store.attributedVersions()).toEqual([
        ...months,
        openaiDay('2026-10-30', 1),
        openaiDay('2026-11-02', 1),
        openaiDay('2026-11-03', 2),
      ]);
      // A whole window: its months' versions supersede their days'.
      await store.reattribute({
        sourceId: 'openai-prod',
        window: { from: '2026-11-01', to: '2026-11-30' },
        attribute: () => ({ attributed: [], unallocated: [] }),
      });
      const expected = [
        ...months,
        openaiDay('2026-10-30', 1),
        { sourceId: 'openai-prod', month: '2026-11', version: 1 },
      ];
      expect(await store.attributedVersions()).toEqual(expected);

      // A failed re-attribution leaves the versions as they were.
      await expect(
        store.reattribute({
          sourceId: 'openai-prod',
          window: WINDOW,
          attribute: () => {
            throw new Error('attribution failed');
          },
        }),
      ).rejects.toThrow('attribution failed');
      expect(await store.attributedVersions()).toEqual(expected);
    });

    it('sums the spend of some sources only', async () => {
      const { store, replace } = await setup();
      await replace({
        attributed: [attributed('component:default/a', OCT_1, 1_000)],
      });
      await store.reattribute({
        sourceId: 'anthropic-prod',
        window: WINDOW,
        attribute: () => ({
          attributed: [
            {
              ...attributed('component:default/a', OCT_2, 20),
              sourceId: 'anthropic-prod',
            },
          ],
          unallocated: [],
        }),
      });
      const sum = (sourceIds?: string[]) =>
        store.sumAttributed({
          window: WINDOW,
          entityRefs: ['component:default/a'],
          sourceIds,
          groupBy: ['entityRef'],
        });
      expect((await sum())[0].cost).toBe(1_020);
      expect((await sum(['anthropic-prod']))[0].cost).toBe(20);
      expect((await sum(['openai-prod', 'anthropic-prod']))[0].cost).toBe(
        1_020,
      );
      expect(await sum(['aws-prod'])).toEqual([]);
    });

    it('sums cost per tag value, unallocated parts and spend without a value included', async () => {
      const { store, replace } = await setup();
      await replace({
        attributed: [
          attributed('component:default/a', OCT_1, 5_000_000, {
            environment: 'production',
            team: 'search',
          }),
          attributed('component:default/b', OCT_1, 3_000_000, {
            environment: 'staging',
          }),
          attributed('component:default/b', OCT_2, 1_500_000),
        ],
        unallocated: [
          unallocated(OCT_2, 700_000, { environment: 'production' }),
          unallocated(OCT_2, 300_000),
        ],
      });

      const byValue = await store.sumTagValues({
        window: WINDOW,
        tag: 'environment',
      });
      expect(byValue).toEqual(
        expect.arrayContaining([
          { value: 'production', cost: 5_700_000, unallocatedCost: 700_000 },
          { value: 'staging', cost: 3_000_000, unallocatedCost: 0 },
          { value: null, cost: 1_800_000, unallocatedCost: 300_000 },
        ]),
      );
      expect(byValue).toHaveLength(3);
      expect(await store.sumTagValues({ window: WINDOW, tag: 'team' })).toEqual(
        expect.arrayContaining([
          { value: 'search', cost: 5_000_000, unallocatedCost: 0 },
          { value: null, cost: 5_500_000, unallocatedCost: 1_000_000 },
        ]),
      );
      // One day of the window only.
      expect(
        await store.sumTagValues({
          window: { from: OCT_1, to: OCT_1 },
          tag: 'environment',
        }),
      ).toEqual(
        expect.arrayContaining([
          { value: 'production', cost: 5_000_000, unallocatedCost: 0 },
          { value: 'staging', cost: 3_000_000, unallocatedCost: 0 },
        ]),
      );
      // A key no spend carries: everything is without a value.
      expect(
        await store.sumTagValues({ window: WINDOW, tag: 'customer' }),
      ).toEqual([
        { value: null, cost: 10_500_000, unallocatedCost: 1_000_000 },
      ]);
    });

    it('replaces the sums of the re-attributed days only, as it replaces the attributed rows', async () => {
      const { store, replace } = await setup();
      await replace({
        attributed: [
          attributed('component:default/a', OCT_1, 2_000_000, {
            environment: 'production',
          }),
          attributed('component:default/a', OCT_2, 4_000_000, {
            environment: 'production',
          }),
        ],
        unallocated: [],
      });
      await replace(
        {
          attributed: [
            attributed('component:default/a', OCT_2, 4_000_000, {
              environment: 'staging',
            }),
          ],
          unallocated: [],
        },
        [OCT_2],
      );

      const tagged = await store.sumTagValues({
        window: WINDOW,
        tag: 'environment',
      });
      expect(tagged).toEqual(
        expect.arrayContaining([
          { value: 'production', cost: 2_000_000, unallocatedCost: 0 },
          { value: 'staging', cost: 4_000_000, unallocatedCost: 0 },
        ]),
      );
      expect(tagged).toHaveLength(2);
      // The sums agree with the rows they are kept from.
      const rows = await store.sumAttributed({
        window: WINDOW,
        groupBy: ['allocationTags'],
      });
      expect(rows.map(r => [r.allocationTags, r.cost]).sort()).toEqual([
        ['{"environment":"production"}', 2_000_000],
        ['{"environment":"staging"}', 4_000_000],
      ]);
    });

    it("keeps each entity's cost per day over all sources as sources are re-attributed, side by side too", async () => {
      const { knex, store } = await setup();
      const A = 'component:default/a';
      const B = 'component:default/b';
      const C = 'component:default/c';
      const reattribute = (
        sourceId: string,
        rows: AttributedRow[],
        days?: string[],
      ) =>
        store.reattribute({
          sourceId,
          window: WINDOW,
          days,
          attribute: () => ({
            attributed: rows.map(row => ({ ...row, sourceId })),
            unallocated: [],
          }),
        });
      const fromDaily = async () =>
        (
          await knex('ai_cost_daily')
            .select('date', 'entity_ref')
            .sum({ cost: 'cost_micros' })
            .groupBy('date', 'entity_ref')
            .orderBy(['date', 'entity_ref'])
        ).map((row: any) => [row.date, row.entity_ref, Number(row.cost)]);
      const kept = async () =>
        (
          await knex('ai_cost_entity_daily').orderBy(['date', 'entity_ref'])
        ).map(row => [row.date, row.entity_ref, Number(row.cost_micros)]);

      // Three sources at once, on the same days and entities.
      await Promise.all(
        ['openai-prod', 'openai-dev', 'anthropic-prod'].map((sourceId, i) =>
          reattribute(sourceId, [
            attributed(A, OCT_1, 1_000_000 * (i + 1)),
            attributed(B, OCT_1, 300_000),
            attributed(A, OCT_2, 200_000),
            attributed(B, OCT_2, 50_000 * (i + 1)),
          ]),
        ),
      );
      expect(await kept()).toEqual([
        [OCT_1, A, 6_000_000],
        [OCT_1, B, 900_000],
        [OCT_2, A, 600_000],
        [OCT_2, B, 300_000],
      ]);

      // One day of one source moves from b to c: b keeps the other sources' part.
      await reattribute(
        'openai-dev',
        [attributed(A, OCT_2, 200_000), attributed(C, OCT_2, 100_000)],
        [OCT_2],
      );
      // Another source loses a's spend of the first day altogether.
      await reattribute('anthropic-prod', [
        attributed(B, OCT_1, 300_000),
        attributed(A, OCT_2, 200_000),
        attributed(B, OCT_2, 150_000),
      ]);
      expect(await kept()).toEqual(await fromDaily());
      expect(await kept()).toEqual([
        [OCT_1, A, 3_000_000],
        [OCT_1, B, 900_000],
        [OCT_2, A, 600_000],
        [OCT_2, B, 200_000],
        [OCT_2, C, 100_000],
      ]);

      // An entity whose spend all moved leaves no row behind.
      await Promise.all(
        ['openai-prod', 'openai-dev', 'anthropic-prod'].map(sourceId =>
          reattribute(sourceId, [], [OCT_2]),
        ),
      );
      expect(await kept()).toEqual([
        [OCT_1, A, 3_000_000],
        [OCT_1, B, 900_000],
      ]);
      expect(
        await store.sumAttributedCost({
          window: WINDOW,
          groupBy: ['entityRef'],
        }),
      ).toEqual(
        expect.arrayContaining([
          { entityRef: A, cost: 3_000_000 },
          { entityRef: B, cost: 900_000 },
        ]),
      );
      expect(
        await store.sumAttributedCost({ window: WINDOW, groupBy: [] }),
      ).toEqual([{ cost: 3_900_000 }]);
    });

    it('sums the spend attributed before the daily sums and versions existed when migrating', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      for (const name of [
        '20261210000000_attributed_versions.js',
        '20261209000001_entity_daily.js',
        '20261209000000_tag_daily.js',
      ]) {
        await knex.migrate.down({ directory: migrationsDir, name });
      }
      const daily = {
        source_id: 'openai-prod',
        provider: 'openai',
        model: 'gpt-4o',
        date: OCT_1,
        cost_micros: 2_000_000,
      };
      await knex('ai_cost_daily').insert([
        {
          ...daily,
          entity_ref: 'component:default/a',
          allocation_tags: '{"environment":"production"}',
        },
        { ...daily, entity_ref: 'component:default/b', allocation_tags: '{}' },
      ]);
      await knex('ai_cost_unallocated_daily').insert({
        ...daily,
        source_id: 'openai-dev',
        dimension: 'projectId',
        value: 'proj_x',
        cost_micros: 500_000,
        allocation_tags: '{"environment":"production"}',
      });
      await knex.migrate.latest({ directory: migrationsDir });

      const { attribution } = await createStores({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(
        await attribution.sumTagValues({ window: WINDOW, tag: 'environment' }),
      ).toEqual(
        expect.arrayContaining([
          { value: 'production', cost: 2_500_000, unallocatedCost: 500_000 },
          { value: null, cost: 2_000_000, unallocatedCost: 0 },
        ]),
      );
      expect(
        await attribution.sumAttributedCost({
          window: WINDOW,
          groupBy: ['entityRef'],
        }),
      ).toEqual(
        expect.arrayContaining([
          { entityRef: 'component:default/a', cost: 2_000_000 },
          { entityRef: 'component:default/b', cost: 2_000_000 },
        ]),
      );
      // Every source with attributed or unallocated spend has a version.
      expect(await attribution.attributedVersions()).toEqual([
        { sourceId: 'openai-dev', month: '2026-10', version: 0 },
        { sourceId: 'openai-prod', month: '2026-10', version: 0 },
      ]);
    });
  });
});

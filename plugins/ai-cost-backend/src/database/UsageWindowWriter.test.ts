import { mockServices } from '@backstage/backend-test-utils';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createStores } from './createStores';
import { usageRecordKey } from './recordKey';
import type { DbSourceRow } from './tables';
import { usageRow } from './usageRow';
import { UsageWindowWriter, type UsageWindowWrite } from './UsageWindowWriter';

jest.setTimeout(60_000);

function row(
  sourceId: string,
  overrides: Partial<UsageRecord>,
  runId: number | null = null,
) {
  const record: UsageRecord = {
    date: '2026-11-01',
    model: 'gpt-4o',
    cost: 1_000_000,
    currency: 'USD',
    costKind: 'billed',
    ...overrides,
  };
  return usageRow(record, {
    sourceId,
    provider: 'openai',
    recordKey: usageRecordKey(record),
    runId,
  });
}

/** A column as read back: bigints are strings on PostgreSQL, booleans numbers on SQLite. */
function normalize(value: unknown) {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return value ?? null;
}

describe('UsageWindowWriter', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { usage } = await createStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await usage.registerSources([
        { id: 'pulled', provider: 'openai' },
        { id: 'pushed', provider: 'gateway' },
      ]);
      const writer = new UsageWindowWriter();
      const write = (w: UsageWindowWrite) =>
        knex.transaction(tx => writer.replace(tx, w));
      return { knex, usage, write };
    }

    async function stored(knex: Knex, sourceId: string) {
      const rows = await knex('ai_cost_usage')
        .where({ source_id: sourceId })
        .orderBy(['date', 'model']);
      return rows.map(r => [r.date, r.model, Number(r.cost_micros)]);
    }

    async function source(knex: Knex, id: string) {
      return (await knex<DbSourceRow>('ai_cost_sources')
        .where({ id })
        .first())!;
    }

    it('replaces a restated day: changed rows updated, unreported rows deleted, other days kept', async () => {
      const { knex, usage, write } = await setup();
      const window = { from: '2026-11-01', to: '2026-11-02' };
      const first = await usage.startRun({
        sourceId: 'pulled',
        trigger: 'schedule',
        window,
      });
      expect(
        await write({
          sourceId: 'pulled',
          days: window,
          run: { id: first.id, backfill: true },
          rows: [
            row('pulled', { model: 'a', cost: 100 }, first.id),
            row('pulled', { model: 'b', cost: 200 }, first.id),
            row('pulled', { date: '2026-11-02', cost: 300 }, first.id),
          ],
        }),
      ).toEqual({ written: 3, deleted: 0 });

      // The provider restates 11-01: a costs more, b is gone.
      const second = await usage.startRun({
        sourceId: 'pulled',
        trigger: 'schedule',
        window: { from: '2026-11-01', to: '2026-11-01' },
      });
      expect(
        await write({
          sourceId: 'pulled',
          days: { from: '2026-11-01', to: '2026-11-01' },
          run: { id: second.id, backfill: false },
          rows: [row('pulled', { model: 'a', cost: 150 }, second.id)],
        }),
      ).toEqual({ written: 1, deleted: 1 });
      expect(await stored(knex, 'pulled')).toEqual([
        ['2026-11-01', 'a', 150],
        ['2026-11-02', 'gpt-4o', 300],
      ]);
      const runs = await usage.listRuns('pulled');
      expect(
        runs.map(r => [r.id, r.status, r.rowsUpserted, r.rowsDeleted]),
      ).toEqual([
        [second.id, 'succeeded', 1, 1],
        [first.id, 'succeeded', 3, 0],
      ]);
      // freshThrough never moves back; the backfill of the first run stays.
      expect(await source(knex, 'pulled')).toMatchObject({
        status: 'succeeded',
        fresh_through: '2026-11-02',
        backfilled_from: '2026-11-01',
      });
      expect(Number((await source(knex, 'pulled')).rows_upserted)).toBe(1);
    });

    it('lets a superseded run write nothing over the newer run', async () => {
      const { knex, usage, write } = await setup();
      const window = { from: '2026-11-01', to: '2026-11-01' };
      const old = await usage.startRun({
        sourceId: 'pulled',
        trigger: 'schedule',
        window,
      });
      const newer = await usage.startRun({
        sourceId: 'pulled',
        trigger: 'manual',
        window,
      });
      await write({
        sourceId: 'pulled',
        days: window,
        run: { id: newer.id, backfill: false },
        rows: [row('pulled', { cost: 700 }, newer.id)],
      });
      await expect(
        write({
          sourceId: 'pulled',
          days: window,
          run: { id: old.id, backfill: false },
          rows: [
            row('pulled', { cost: 1 }, old.id),
            row('pulled', { model: 'x', cost: 2 }, old.id),
          ],
        }),
      ).rejects.toThrow(
        `Run ${old.id} of source "pulled" is no longer running`,
      );
      expect(await stored(knex, 'pulled')).toEqual([
        ['2026-11-01', 'gpt-4o', 700],
      ]);
      const runs = await usage.listRuns('pulled');
      expect(runs.map(r => [r.id, r.status])).toEqual([
        [newer.id, 'succeeded'],
        [old.id, 'failed'],
      ]);
    });

    it('recomputes only the pushed days and stamps the push as the run', async () => {
      const { knex, write } = await setup();
      await write({
        sourceId: 'pushed',
        days: { days: ['2026-11-01', '2026-11-03'] },
        rows: [
          row('pushed', { model: 'a', cost: 10 }),
          row('pushed', { model: 'b', cost: 20 }),
          row('pushed', { date: '2026-11-03', cost: 30 }),
        ],
      });
      expect(await source(knex, 'pushed')).toMatchObject({
        status: 'succeeded',
        fresh_through: '2026-11-03',
        backfilled_from: null,
      });
      expect((await source(knex, 'pushed')).last_run_at).not.toBeNull();

      // 11-01 recomputed: a grew, b has no events any more; 11-03 untouched.
      expect(
        await write({
          sourceId: 'pushed',
          days: { days: ['2026-11-01'] },
          rows: [row('pushed', { model: 'a', cost: 15 })],
        }),
      ).toEqual({ written: 1, deleted: 1 });
      expect(await stored(knex, 'pushed')).toEqual([
        ['2026-11-01', 'a', 15],
        ['2026-11-03', 'gpt-4o', 30],
      ]);
      expect((await source(knex, 'pushed')).fresh_through).toBe('2026-11-03');

      // No days, no write: the source is left as it is.
      const before = await source(knex, 'pushed');
      expect(
        await write({ sourceId: 'pushed', days: { days: [] }, rows: [] }),
      ).toEqual({ written: 0, deleted: 0 });
      expect(await source(knex, 'pushed')).toEqual(before);
    });

    it('replaces thousands of rows in one write and stores every column as given', async () => {
      const { knex, write } = await setup();
      const days = { from: '2026-11-01', to: '2026-11-03' };
      const full = (cost: number) =>
        row('pushed', {
          date: '2026-11-02',
          hour: 7,
          accountId: 'acct',
          projectId: 'proj',
          resourceId: 'res',
          apiKeyId: 'key',
          userId: 'user',
          region: 'eu',
          serviceTier: 'flex',
          tags: { team: 'b', app: 'a' },
          model: 'full',
          lineItem: 'input',
          category: 'model-api',
          inputTokens: 11,
          cachedInputTokens: 12,
          cacheWriteTokens: 13,
          cacheWrite1hTokens: 4,
          outputTokens: 15,
          reasoningTokens: 16,
          requests: 17,
          cost,
          estimatedCost: 99,
          currency: 'EUR',
          costKind: 'estimated',
          unpriced: true,
          exchangeRate: 1.25,
        });
      // 12,000 rows over three days: more than one statement carries.
      const many = (restated: (i: number) => boolean) =>
        Array.from({ length: 12_000 }, (_, i) =>
          row('pushed', {
            date: `2026-11-0${(i % 3) + 1}`,
            model: `m${i}`,
            cost: restated(i) ? 1_000 + i : i,
          }),
        );
      expect(
        await write({
          sourceId: 'pushed',
          days,
          rows: [...many(() => false), full(5)],
        }),
      ).toEqual({ written: 12_001, deleted: 0 });

      // Every third row gone, every other one restated, the rest unchanged.
      const second = many(i => i % 2 === 0).filter((_, i) => i % 3 !== 0);
      expect(
        await write({ sourceId: 'pushed', days, rows: [...second, full(6)] }),
      ).toEqual({ written: 8_001, deleted: 4_000 });
      const [{ rows, cost }] = await knex('ai_cost_usage')
        .where({ source_id: 'pushed' })
        .whereNot({ model: 'full' })
        .count({ rows: '*' })
        .sum({ cost: 'cost_micros' });
      expect([Number(rows), Number(cost)]).toEqual([
        8_000,
        second.reduce((sum, r) => sum + Number(r.cost_micros), 0),
      ]);
      const fullRow = await knex('ai_cost_usage')
        .where({ source_id: 'pushed', model: 'full' })
        .first();
      const expected = full(6);
      for (const [column, value] of Object.entries(expected)) {
        expect([column, normalize(fullRow[column])]).toEqual([
          column,
          normalize(value),
        ]);
      }
    });

    it('refuses rows outside the replaced days or of another source, writing nothing', async () => {
      const { knex, write } = await setup();
      await expect(
        write({
          sourceId: 'pushed',
          days: { days: ['2026-11-01'] },
          rows: [row('pushed', { date: '2026-11-02' })],
        }),
      ).rejects.toThrow(
        'Usage row of source "pushed" dated 2026-11-02 is outside the replaced days of source "pushed"',
      );
      await expect(
        write({
          sourceId: 'pushed',
          days: { from: '2026-11-01', to: '2026-11-02' },
          rows: [row('pulled', {})],
        }),
      ).rejects.toThrow(
        'Usage row of source "pulled" dated 2026-11-01 is outside the replaced days of source "pushed"',
      );
      await expect(
        write({
          sourceId: 'nobody',
          days: { days: ['2026-11-01'] },
          rows: [],
        }),
      ).rejects.toThrow('Unknown source "nobody"');
      expect(await stored(knex, 'pushed')).toEqual([]);
    });
  });
});

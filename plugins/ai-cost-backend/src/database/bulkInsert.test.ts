import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { BulkStatement, isPostgres, pgArray } from './bulkInsert';

jest.setTimeout(60_000);

interface Row {
  label: string | null;
  amount: number | null;
  ratio?: number | null;
  flag: boolean | null;
  at: Date | null;
}

/** Text an array literal must keep as it is: quotes, backslashes, its own syntax. */
const TRICKY = [
  'plain',
  '',
  'NULL',
  'null',
  'with "quotes"',
  'back\\slash',
  '\\"',
  '{braces},commas',
  ' spaces around ',
  'line\nbreak\ttab',
  '{"environment":"prod","team":"a\\"b"}',
  'ünïcödé ✓ 😀',
];

describe('bulk writes', () => {
  const databases = createTestDatabases();

  it('writes array literals PostgreSQL reads back as sent', () => {
    expect(pgArray(['a', null, undefined, 1, -2.5, true, false])).toBe(
      '{"a",NULL,NULL,1,-2.5,t,f}',
    );
    expect(pgArray(['say "hi"', 'c:\\dir'])).toBe(
      '{"say \\"hi\\"","c:\\\\dir"}',
    );
    expect(pgArray([new Date('2026-12-05T06:00:00.000Z')])).toBe(
      '{"2026-12-05T06:00:00.000Z"}',
    );
    expect(pgArray([])).toBe('{}');
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function table(): Promise<Knex> {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('bulk_probe', t => {
        t.integer('id').primary();
        t.text('label').nullable();
        t.bigInteger('amount').nullable();
        t.double('ratio').nullable();
        t.boolean('flag').nullable();
        t.timestamp('at', { useTz: true }).nullable();
      });
      return knex;
    }

    it('stores every value as given, text that looks like syntax included', async () => {
      const knex = await table();
      const insert = new BulkStatement<Row & { id: number }>('bulk_probe', [
        ['id', 'integer'],
        ['label', 'text'],
        ['amount', 'bigint'],
        ['ratio', 'double precision', 0.5],
        ['flag', 'boolean'],
        ['at', 'timestamptz'],
      ]);
      const at = new Date('2026-12-05T06:00:00.000Z');
      const rows = [
        ...TRICKY.map((label, id) => ({
          id,
          label,
          amount: 9_007_199_254_740_991 - id,
          ratio: id / 4,
          flag: id % 2 === 0,
          at,
        })),
        // Nulls, and a column left undefined takes its default.
        { id: 100, label: null, amount: null, flag: null, at: null },
      ];
      await knex.transaction(tx => insert.run(tx, rows));

      const stored = await knex('bulk_probe').orderBy('id');
      expect(stored.map(row => row.label)).toEqual([...TRICKY, null]);
      expect(
        stored.map(row => (row.amount === null ? null : Number(row.amount))),
      ).toEqual([...TRICKY.map((_, id) => 9_007_199_254_740_991 - id), null]);
      expect(stored.map(row => row.ratio)).toEqual([
        ...TRICKY.map((_, id) => id / 4),
        0.5,
      ]);
      expect(
        stored.map(row => (row.flag === null ? null : Boolean(row.flag))),
      ).toEqual([...TRICKY.map((_, id) => id % 2 === 0), null]);
      expect(new Date(stored[0].at).getTime()).toBe(at.getTime());
      expect(stored[TRICKY.length].at).toBeNull();
      // A filter parameter (`= any(?::text[])`) reads the same text back.
      const echoed = isPostgres(knex)
        ? (
            await knex.raw('select unnest(?::text[]) as label', [
              pgArray(TRICKY),
            ])
          ).rows.map((row: { label: string }) => row.label)
        : TRICKY;
      expect(echoed).toEqual(TRICKY);
    });
  });
});

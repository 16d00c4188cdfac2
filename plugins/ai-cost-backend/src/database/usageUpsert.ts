import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import {
  BulkStatement,
  isPostgres,
  pgArray,
  type PgColumnType,
} from './bulkInsert';
import type { DbUsageRow } from './tables';
import type { UsageDays } from './UsageWindowWriter';

/**
 * The statements that write `ai_cost_usage`, the table every ingest path
 * fills (docs/benchmarks.md, upsert throughput). Knex's multi-row insert
 * costs a new statement with thousands of parameters per 500 rows; here
 * PostgreSQL gets one `insert … select * from unnest(<one array per
 * column>)` per 5,000 rows and SQLite one prepared single-row statement
 * reused for every row of the transaction. A row whose every column is
 * already stored as written is left alone instead of rewritten. The
 * natural key is `(source_id, date, record_key)` on both (ordered by day, so
 * a run's inserts land together in the unique index).
 *
 * A row meeting a stored row of the same pulled run (`run_id` equal: a
 * streamed run states a key again in a later chunk) is added to it as
 * `mergeUsageRecords` adds records: money and counts summed, the estimate
 * null when either part has none, unpriced when either part is, the rate
 * kept only when both parts state the same one. Any other row replaces the
 * stored one.
 */

type UsageColumn = Exclude<keyof DbUsageRow, 'id'>;

/** Every written column and its PostgreSQL array type, in statement order. */
export const COLUMNS: ReadonlyArray<[UsageColumn, PgColumnType]> = [
  ['source_id', 'text'],
  ['provider', 'text'],
  ['record_key', 'text'],
  ['date', 'text'],
  ['hour', 'integer'],
  ['account_id', 'text'],
  ['project_id', 'text'],
  ['resource_id', 'text'],
  ['api_key_id', 'text'],
  ['user_id', 'text'],
  ['region', 'text'],
  ['service_tier', 'text'],
  ['tags', 'text'],
  ['model', 'text'],
  ['line_item', 'text'],
  ['category', 'text'],
  ['input_tokens', 'bigint'],
  ['cached_input_tokens', 'bigint'],
  ['cache_write_tokens', 'bigint'],
  ['cache_write_1h_tokens', 'bigint'],
  ['output_tokens', 'bigint'],
  ['reasoning_tokens', 'bigint'],
  ['requests', 'bigint'],
  ['cost_micros', 'bigint'],
  ['estimated_cost_micros', 'bigint'],
  ['currency', 'text'],
  ['cost_kind', 'text'],
  ['unpriced', 'boolean'],
  ['run_id', 'bigint'],
  ['original_cost', 'bigint'],
  ['original_currency', 'text'],
  ['exchange_rate', 'double precision'],
];

/** The conflict target of every `ai_cost_usage` upsert: its natural key. */
export const KEY = ['source_id', 'date', 'record_key'];
const UPDATED = COLUMNS.map(([name]) => name).filter(
  name => !KEY.includes(name),
);

/**
 * The counts and money of a usage row that adding two parts of one key sums
 * (`null + x` is null, as an estimate must be): a streamed run's parts here,
 * pushed batches in usageAdd.ts.
 */
export const SUMMED_USAGE_COLUMNS = [
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'cache_write_1h_tokens',
  'output_tokens',
  'reasoning_tokens',
  'requests',
  'cost_micros',
  'estimated_cost_micros',
] as const;

/** Columns a same-run conflict adds up: the sums and the billed currency's cost. */
const SUMMED = new Set<UsageColumn>([...SUMMED_USAGE_COLUMNS, 'original_cost']);

const SAME_RUN = 'ai_cost_usage.run_id = excluded.run_id';

/** The value a conflict stores in `name`: merged within a run, else replaced. */
function conflictValue(name: UsageColumn): string {
  const stored = `ai_cost_usage.${name}`;
  const written = `excluded.${name}`;
  let merged: string | undefined;
  if (SUMMED.has(name)) merged = `${stored} + ${written}`;
  else if (name === 'unpriced') merged = `${stored} or ${written}`;
  else if (name === 'exchange_rate')
    merged = `case when ${stored} = ${written} then ${written} end`;
  return merged
    ? `case when ${SAME_RUN} then ${merged} else ${written} end`
    : written;
}

/**
 * `on conflict … do update` of every other column, unless the row is of
 * another run and all columns are equal.
 */
function onConflictUpdate(distinct: 'is distinct from' | 'is not'): string {
  const set = UPDATED.map(name => `${name} = ${conflictValue(name)}`).join(
    ', ',
  );
  const stored = UPDATED.map(name => `ai_cost_usage.${name}`).join(', ');
  const written = UPDATED.map(name => `excluded.${name}`).join(', ');
  return `on conflict (${KEY.join(
    ', ',
  )}) do update set ${set} where ${SAME_RUN} or (${stored}) ${distinct} (${written})`;
}

const UPSERT = new BulkStatement<DbUsageRow>('ai_cost_usage', COLUMNS, {
  postgres: onConflictUpdate('is distinct from'),
  sqlite: onConflictUpdate('is not'),
});

/** Inserts the rows, or updates the stored row of the same natural key. */
export async function upsertUsageRows(
  tx: Knex.Transaction,
  rows: readonly DbUsageRow[],
): Promise<void> {
  await UPSERT.run(tx, rows);
}

/** Restricts a query to the days (a list as one parameter, however long). */
export function inDays(tx: Knex, days: UsageDays) {
  return (query: Knex.QueryBuilder) => {
    if (!('days' in days)) query.whereBetween('date', [days.from, days.to]);
    else if (isPostgres(tx))
      query.whereRaw('date = any(?::text[])', [pgArray(days.days)]);
    else
      query.whereRaw('date in (select value from json_each(?))', [
        JSON.stringify(days.days),
      ]);
  };
}

/**
 * Deletes a source's rows of the days whose key is not among `stated` (all
 * of which the write has just upserted). When the days hold exactly as many
 * rows as were stated, nothing is unstated and a count of the days (from
 * the natural key's `(source_id, date)` prefix) is all it takes. Otherwise one statement
 * deletes them: the stated keys go in as one array, which PostgreSQL looks
 * up in a hash table whatever its statistics say, or one JSON list, of
 * which SQLite builds a temporary index.
 */
export async function deleteUnstatedUsage(
  tx: Knex.Transaction,
  sourceId: string,
  days: UsageWindow | { days: string[] },
  stated: readonly string[],
): Promise<number> {
  const ofDays = () =>
    tx('ai_cost_usage').where('source_id', sourceId).modify(inDays(tx, days));
  const [{ rows }] = await ofDays().count({ rows: '*' });
  if (Number(rows) === stated.length) return 0;
  return isPostgres(tx)
    ? ofDays()
        .whereRaw('not (record_key = any(?::text[]))', [pgArray(stated)])
        .delete()
    : ofDays()
        .whereRaw('record_key not in (select value from json_each(?))', [
          JSON.stringify(stated),
        ])
        .delete();
}

/**
 * Deletes a source's rows of a run's window that the run did not write:
 * every row the run wrote carries its `run_id`, so a streamed run need not
 * hold the keys it stated. One pass over the window (through the natural
 * key's `(source_id, date)` prefix) counts its rows and the run's; only
 * when they differ does a second statement delete the others. Returns the
 * run's rows (`kept`) and the rows deleted.
 */
export async function deleteUsageOfOtherRuns(
  tx: Knex.Transaction,
  sourceId: string,
  window: UsageWindow,
  runId: number,
): Promise<{ kept: number; deleted: number }> {
  const ofWindow = () =>
    tx('ai_cost_usage')
      .where('source_id', sourceId)
      .whereBetween('date', [window.from, window.to]);
  const [counts] = await ofWindow().select(
    tx.raw('count(*) as ??', ['rows']),
    tx.raw('sum(case when run_id = ? then 1 else 0 end) as ??', [
      runId,
      'kept',
    ]),
  );
  const kept = Number(counts.kept ?? 0);
  if (Number(counts.rows) === kept) return { kept, deleted: 0 };
  const deleted = await ofWindow()
    .andWhere(query => query.whereNot('run_id', runId).orWhereNull('run_id'))
    .delete();
  return { kept, deleted };
}

import type { Knex } from 'knex';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { chunks } from './dbHelpers';

/**
 * Writes many rows at once on both databases (docs/benchmarks.md, upsert
 * throughput and attribution rebuild). Knex's multi-row insert costs a new
 * statement with thousands of parameters per 500 rows; here PostgreSQL gets
 * one `insert … select * from unnest(<one array per column>)` per 5,000
 * rows and SQLite one prepared single-row statement, reused for every row,
 * on the transaction's own better-sqlite3 connection.
 */

/** The PostgreSQL array element type a column is sent as. */
export type PgColumnType =
  | 'text'
  | 'integer'
  | 'bigint'
  | 'boolean'
  | 'double precision'
  | 'timestamptz';

/** A written column: its name, its PostgreSQL type, and what `undefined` stores. */
export type BulkColumn<Row> = readonly [
  name: keyof Row & string,
  type: PgColumnType,
  whenUndefined?: string | number | boolean | null,
];

/** Rows per PostgreSQL statement: one array parameter per column, however many rows. */
const PG_ROWS_PER_STATEMENT = 5_000;

/** SQLite rows written between two yields to the event loop. */
const SQLITE_ROWS_PER_YIELD = 5_000;

/** The subset of a better-sqlite3 connection the SQLite writes and reads use. */
interface SqliteConnection {
  prepare(sql: string): {
    run(...values: unknown[]): { changes: number };
    raw(on: boolean): { all(...values: unknown[]): unknown[][] };
  };
}

export function isPostgres(db: Knex | Knex.Transaction): boolean {
  return db.client.dialect === 'postgresql';
}

/** Characters an array element escapes with a backslash. */
const ESCAPED = /[\\"]/g;

/**
 * An array parameter, sent as the array literal node-postgres would send
 * (`{"a",NULL,1,t}`) but built in one pass: its conversion of each
 * element, and knex's search of the bindings for `undefined`, took about a
 * seventh of the client's time in a re-attribution (docs/benchmarks.md,
 * attribution rebuild). Strings are quoted, so any text stays text.
 */
export function pgArray(values: readonly unknown[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else if (typeof value === 'number') literal += value;
    else if (typeof value === 'boolean') literal += value ? 't' : 'f';
    else if (value instanceof Date) literal += `"${value.toISOString()}"`;
    else {
      const text = String(value);
      literal += `"${
        text.indexOf('"') === -1 && text.indexOf('\\') === -1
          ? text
          : text.replace(ESCAPED, '\\$&')
      }"`;
    }
  }
  return `${literal}}`;
}

/** The transaction's better-sqlite3 connection (knex's own, so its transaction). */
async function sqliteConnection(
  tx: Knex | Knex.Transaction,
): Promise<SqliteConnection> {
  if (tx.client.driverName !== 'better-sqlite3') {
    throw new Error(
      `Bulk writes on SQLite need the better-sqlite3 client, not ${tx.client.driverName}`,
    );
  }
  return tx.client.acquireConnection();
}

/**
 * The rows a select answers as arrays of its columns' values, in the order
 * selected: without an object per row, which halves what reading a large
 * answer costs (docs/benchmarks.md, attribution rebuild).
 */
export async function selectArrays(
  db: Knex | Knex.Transaction,
  query: Knex.QueryBuilder,
): Promise<unknown[][]> {
  const { sql, bindings } = query.toSQL();
  if (isPostgres(db)) {
    const result = await db.raw(sql, bindings).options({ rowMode: 'array' });
    return result.rows;
  }
  // A transaction's client hands out its own connection and releases nothing.
  const connection = await sqliteConnection(db);
  try {
    return connection
      .prepare(sql)
      .raw(true)
      .all(...bindings.map(sqliteValue));
  } finally {
    await db.client.releaseConnection(connection);
  }
}

/** A value as better-sqlite3 binds it (it takes no booleans, dates or undefined). */
function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  // Epoch milliseconds, as knex binds a Date on SQLite.
  if (value instanceof Date) return value.getTime();
  return value;
}

/**
 * One bulk write statement for a table: `insert into <table> (<columns>)`,
 * then `tail` (e.g. an `on conflict` clause; one per database when their
 * SQL differs), run for any number of rows.
 */
export class BulkStatement<Row extends object> {
  private readonly names: Array<keyof Row & string>;
  /** What each column stores for `undefined`. */
  private readonly defaults: unknown[];
  private readonly pgSql: string;
  private readonly sqliteSql: string;

  constructor(
    table: string,
    private readonly columns: ReadonlyArray<BulkColumn<Row>>,
    tail: string | { postgres: string; sqlite: string } = '',
  ) {
    this.names = columns.map(([name]) => name);
    this.defaults = columns.map(([, , whenUndefined = null]) => whenUndefined);
    const tails =
      typeof tail === 'string' ? { postgres: tail, sqlite: tail } : tail;
    const insert = `insert into ${table} (${this.names.join(', ')})`;
    this.pgSql = `${insert} select * from unnest(${columns
      .map(([, type]) => `?::${type}[]`)
      .join(', ')}) ${tails.postgres}`;
    this.sqliteSql = `${insert} values (${this.names
      .map(() => '?')
      .join(', ')}) ${tails.sqlite}`;
  }

  private value(row: Row, c: number): unknown {
    const value = row[this.names[c]];
    return value === undefined ? this.defaults[c] : value;
  }

  /**
   * Writes the rows. Returns what a `returning` clause of the PostgreSQL
   * tail gives back, in the order written (nothing on SQLite, whose
   * prepared statement returns no rows).
   */
  async run(
    tx: Knex.Transaction,
    rows: readonly Row[],
  ): Promise<Array<Record<string, unknown>>> {
    const returned: Array<Record<string, unknown>> = [];
    if (rows.length === 0) return returned;
    if (isPostgres(tx)) {
      for (const batch of chunks(rows, PG_ROWS_PER_STATEMENT)) {
        const arrays = this.columns.map((_, c) =>
          pgArray(batch.map(row => this.value(row, c))),
        );
        const result = await tx.raw(this.pgSql, arrays);
        returned.push(...(result.rows ?? []));
      }
      return returned;
    }
    const statement = (await sqliteConnection(tx)).prepare(this.sqliteSql);
    const values = new Array<unknown>(this.columns.length);
    for (let i = 0; i < rows.length; i++) {
      for (let c = 0; c < this.columns.length; c++) {
        values[c] = sqliteValue(this.value(rows[i], c));
      }
      statement.run(...values);
      // better-sqlite3 is synchronous: let other requests in between.
      if ((i + 1) % SQLITE_ROWS_PER_YIELD === 0) await yieldToEventLoop();
    }
    return returned;
  }
}

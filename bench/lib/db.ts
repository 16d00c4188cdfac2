/**
 * Throwaway databases: a better-sqlite3 file under /tmp, or a fresh
 * PostgreSQL database created on the server named by `AI_COST_BENCH_PG`
 * (default `postgresql://postgres@127.0.0.1:5433`; `off` skips PostgreSQL).
 * Both are removed when the suite ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type DbKind = 'sqlite' | 'postgres';

export interface BenchDb {
  kind: DbKind;
  knex: Knex;
  /** What the results call it, e.g. `PostgreSQL 15.18`. */
  label: string;
  sizeBytes(): Promise<number>;
  /** Disconnects; drops the database unless `keep` (then says where it is). */
  close(keep?: boolean): Promise<void>;
}

export const DEFAULT_PG = 'postgresql://postgres@127.0.0.1:5433';

export function pgBaseUrl(): string | undefined {
  const value = process.env.AI_COST_BENCH_PG ?? DEFAULT_PG;
  return value === '' || value === 'off' ? undefined : value;
}

function withDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function openSqlite(runId: string): Promise<BenchDb> {
  const file = path.join(os.tmpdir(), `ai-cost-bench-${runId}.sqlite`);
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // As Backstage's SQLite connector does.
    pool: {
      afterCreate: (conn: any, done: (err: unknown, conn: unknown) => void) => {
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  });
  const [{ version }] = await knex.raw('select sqlite_version() as version');
  return {
    kind: 'sqlite',
    knex,
    label: `SQLite ${version} (better-sqlite3, file)`,
    async sizeBytes() {
      return fs.statSync(file).size;
    },
    async close(keep) {
      await knex.destroy();
      if (keep) {
        console.log(`kept the SQLite database ${file}`);
        return;
      }
      for (const suffix of ['', '-journal', '-wal', '-shm']) {
        fs.rmSync(`${file}${suffix}`, { force: true });
      }
    },
  };
}

/** Connects to the server's `postgres` database; throws when unreachable. */
export async function pgAdmin(base: string): Promise<Knex> {
  const admin = knexFactory({
    client: 'pg',
    connection: {
      connectionString: withDatabase(base, 'postgres'),
      connectionTimeoutMillis: 5000,
    },
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw('select 1');
    return admin;
  } catch (error) {
    await admin.destroy();
    throw error;
  }
}

async function openPostgres(runId: string): Promise<BenchDb> {
  const base = pgBaseUrl();
  if (!base) throw new Error('PostgreSQL disabled (AI_COST_BENCH_PG=off)');
  const admin = await pgAdmin(base);
  const name = `ai_cost_bench_${runId.replace(/[^a-z0-9_]/gi, '_')}`;
  await admin.raw('create database ??', [name]);
  // Backstage's PostgreSQL connector leaves knex's default pool (2..10).
  const knex = knexFactory({
    client: 'pg',
    connection: withDatabase(base, name),
    useNullAsDefault: true,
  });
  const {
    rows: [{ server_version: version }],
  } = await knex.raw('show server_version');
  return {
    kind: 'postgres',
    knex,
    label: `PostgreSQL ${version}`,
    async sizeBytes() {
      const { rows } = await knex.raw(
        'select pg_database_size(current_database()) as size',
      );
      return Number(rows[0].size);
    },
    async close(keep) {
      await knex.destroy();
      if (keep)
        console.log(`kept the PostgreSQL database ${withDatabase(base, name)}`);
      else await admin.raw('drop database if exists ?? with (force)', [name]);
      await admin.destroy();
    },
  };
}

export function openDb(kind: DbKind, runId: string): Promise<BenchDb> {
  return kind === 'sqlite' ? openSqlite(runId) : openPostgres(runId);
}

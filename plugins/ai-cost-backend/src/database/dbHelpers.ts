import type { Knex } from 'knex';

/**
 * What every store needs to talk to SQLite and PostgreSQL alike: bind
 * parameter budgets, reading bigint / numeric columns (strings on
 * PostgreSQL, numbers on SQLite) and timestamps (Date on PostgreSQL, string
 * or number on SQLite).
 */

/** Values per `IN (...)` list. */
export const IN_CHUNK = 500;

/**
 * Bind parameters one statement may use: under SQLite's 32766 and
 * PostgreSQL's 65535, with room for the rest of the statement.
 */
const PARAMETERS_PER_STATEMENT = 10_000;

/** Splits items into consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Rows per multi-row insert: knex writes one on SQLite as a compound
 * `SELECT ... UNION ALL ...`, which SQLite limits to 500 terms.
 */
const ROWS_PER_INSERT = 500;

/** Splits rows into batches one multi-row insert can carry. */
export function insertBatches<T extends object>(rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, Object.keys(rows[0]).length);
  return chunks(
    rows,
    Math.max(
      1,
      Math.min(ROWS_PER_INSERT, Math.floor(PARAMETERS_PER_STATEMENT / columns)),
    ),
  );
}

/** A bigint, numeric or count column as a number; null reads as 0. */
export function dbNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A nullable bigint or numeric column as a number or null. */
export function dbNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A timestamp column as an ISO 8601 instant. */
export function dbIso(value: Date | string | number): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** A nullable timestamp column as an ISO 8601 instant or null. */
export function dbIsoOrNull(
  value: Date | string | number | null | undefined,
): string | null {
  return value === null || value === undefined ? null : dbIso(value);
}

/** `coalesce(sum(column), 0) as alias` for each alias → column. */
export function sumsAs(db: Knex, columns: Record<string, string>) {
  return Object.entries(columns).map(([alias, column]) =>
    db.raw('coalesce(sum(??), 0) as ??', [column, alias]),
  );
}

/** Token counts and requests, as every table that stores usage names them. */
export interface TokenCounts {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  requests: number;
}

/** {@link TokenCounts} as columns of a row to write. */
export function tokenColumns(counts: TokenCounts) {
  return {
    input_tokens: counts.inputTokens,
    cached_input_tokens: counts.cachedInputTokens,
    cache_write_tokens: counts.cacheWriteTokens,
    output_tokens: counts.outputTokens,
    reasoning_tokens: counts.reasoningTokens,
    requests: counts.requests,
  };
}

/** {@link TokenCounts} read from the columns of a row (bigints as strings on PostgreSQL). */
export function tokenCounts(row: Record<string, unknown>): TokenCounts {
  return {
    inputTokens: dbNumber(row.input_tokens),
    cachedInputTokens: dbNumber(row.cached_input_tokens),
    cacheWriteTokens: dbNumber(row.cache_write_tokens),
    outputTokens: dbNumber(row.output_tokens),
    reasoningTokens: dbNumber(row.reasoning_tokens),
    requests: dbNumber(row.requests),
  };
}

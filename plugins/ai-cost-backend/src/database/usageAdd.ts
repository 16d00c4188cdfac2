import type { Knex } from 'knex';
import { BulkStatement } from './bulkInsert';
import { chunks, dbNumber, IN_CHUNK } from './dbHelpers';
import type { DbUsageRow } from './tables';
import { COLUMNS, KEY, SUMMED_USAGE_COLUMNS as ADDED } from './usageUpsert';

/**
 * Adding rows to the stored `ai_cost_usage` rows of their keys, for pushes
 * that bring new events of a day already summed (docs/benchmarks.md, push
 * ingest): a write costs time proportional to the rows written, not to the
 * day. The result equals summing every event of the group at once: amounts
 * and counts add up, an estimate is null when either part has none (as a
 * sum over events is null when any event has none), unpriced when either
 * part is (the `max` over events). Every other column is a dimension of the
 * key, the same on both parts.
 */

const ADD = new BulkStatement<DbUsageRow>(
  'ai_cost_usage',
  COLUMNS,
  `on conflict (${KEY.join(', ')}) do update set ${[
    ...ADDED.map(name => `${name} = ai_cost_usage.${name} + excluded.${name}`),
    'unpriced = (ai_cost_usage.unpriced or excluded.unpriced)',
  ].join(', ')}`,
);

/** Inserts the rows, or adds each to the stored row of its key. */
export async function addUsageRows(
  tx: Knex.Transaction,
  rows: readonly DbUsageRow[],
): Promise<void> {
  await ADD.run(tx, rows);
}

/**
 * Rows in a currency the writer converts, each added in that currency to
 * the stored row of its key: the stored row's cost before its conversion
 * (`original_cost`) plus the row's, counts summed. Converting the sum once
 * gives what converting the recomputed group gives; adding two converted
 * parts could be a micro-unit off. A converted estimate cannot be taken back
 * into its currency, so two parts that both have one are refused (an event
 * costed in another currency has none: push/pricing.ts).
 */
export async function addedToStored(
  tx: Knex.Transaction,
  sourceId: string,
  rows: readonly DbUsageRow[],
): Promise<DbUsageRow[]> {
  const keyOf = (row: DbUsageRow) => JSON.stringify([row.date, row.record_key]);
  const stored = new Map<string, DbUsageRow>();
  for (const batch of chunks(rows, IN_CHUNK)) {
    const found = await tx<DbUsageRow>('ai_cost_usage')
      .where('source_id', sourceId)
      .whereIn('date', [...new Set(batch.map(row => row.date))])
      .whereIn(
        'record_key',
        batch.map(row => row.record_key),
      );
    for (const row of found) stored.set(keyOf(row), row);
  }
  return rows.map(row => {
    const old = stored.get(keyOf(row));
    if (!old) return row;
    if (
      row.estimated_cost_micros !== null &&
      old.estimated_cost_micros !== null
    ) {
      throw new Error(
        `Usage row ${row.record_key} of source "${sourceId}" in ${row.currency}: an estimate cannot be added to a converted one`,
      );
    }
    const sum: DbUsageRow = { ...row, estimated_cost_micros: null };
    for (const name of ADDED) {
      if (name !== 'estimated_cost_micros') {
        sum[name] = dbNumber(old[name]) + dbNumber(row[name]);
      }
    }
    // A row stored before aiCost.currency changed may be unconverted.
    sum.cost_micros =
      dbNumber(old.original_cost ?? old.cost_micros) +
      dbNumber(row.cost_micros);
    sum.unpriced = Boolean(old.unpriced) || Boolean(row.unpriced);
    return sum;
  });
}

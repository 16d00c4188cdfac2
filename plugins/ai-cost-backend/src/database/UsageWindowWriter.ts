import { ConflictError, InputError } from '@backstage/errors';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import { convertUsageRow } from '../currency/convertUsageRow';
import { ExchangeRates } from '../currency/ExchangeRates';
import type { DatabaseExchangeRateStore } from './DatabaseExchangeRateStore';
import type { DbRunRow, DbSourceRow, DbUsageRow } from './tables';
import { addedToStored, addUsageRows } from './usageAdd';
import { markUsageStale } from './usageGroups';
import {
  deleteUnstatedUsage,
  deleteUsageOfOtherRuns,
  upsertUsageRows,
} from './usageUpsert';

/** The days of a source a write replaces. */
export type UsageDays =
  /** A pulled run's window: every day from `from` to `to`. */
  | UsageWindow
  /** The days pushed events or an imported file touched. */
  | { days: string[] };

/** One replacement of a source's usage for some days. */
export interface UsageWindowWrite {
  sourceId: string;
  days: UsageDays;
  /** Every row the days now have, each keyed by its natural key. */
  rows: DbUsageRow[];
  /**
   * The pulled run writing the window. A run that is no longer running (a
   * newer run of the source superseded it) writes nothing; on success the
   * run is marked succeeded with its counts.
   */
  run?: { id: number; backfill: boolean };
}

function lastDay(days: UsageDays): string | undefined {
  if ('days' in days) return [...days.days].sort().at(-1);
  return days.to;
}

function firstDay(days: UsageDays): string | undefined {
  if ('days' in days) return [...days.days].sort()[0];
  return days.from;
}

/**
 * The one owner of `ai_cost_usage` writes. Pulled runs and pushed sources
 * (gateway events, FOCUS files) alike replace a source's usage for some
 * days: rows are upserted by natural key, rows of those days the write does
 * not restate are deleted, and the source is marked succeeded with its
 * `freshThrough` moved forward. Runs inside the caller's transaction, after
 * taking the source's row lock, so writes, runs and re-attribution of one
 * source are serialised. A streamed run instead writes its window chunk by
 * chunk (`writeRunChunk`, a transaction each) and `finishRun` then deletes
 * what it did not write: a failed run deletes nothing, but keeps the chunks
 * it wrote. Every write marks the days it changed (usageGroups), so
 * re-attribution sums them again.
 */
export class UsageWindowWriter {
  /**
   * @param currency - The reporting currency (`aiCost.currency`) and the
   * known exchange rates: rows in another currency are converted into it
   * here, the one place usage enters the store (DESIGN §9.3). Without it
   * (store tests) rows are stored as given.
   */
  constructor(
    private readonly currency?: {
      reporting: string;
      rates: DatabaseExchangeRateStore;
    },
  ) {}

  async replace(
    tx: Knex.Transaction,
    write: UsageWindowWrite,
  ): Promise<{ written: number; deleted: number }> {
    const { sourceId, days, run } = write;
    const last = lastDay(days);
    if (last === undefined) return { written: 0, deleted: 0 };
    this.assertRows(write);
    const rows = await this.inReportingCurrency(tx, write.rows);

    const source = await this.lockSource(tx, sourceId);
    if (run) await this.assertStillRunning(tx, sourceId, run.id);

    await upsertUsageRows(tx, rows);
    const deleted = await deleteUnstatedUsage(
      tx,
      sourceId,
      days,
      rows.map(row => row.record_key),
    );
    await markUsageStale(tx, sourceId, days);
    await this.markSucceeded(tx, source, days, run, {
      written: rows.length,
      deleted,
    });
    return { written: rows.length, deleted };
  }

  /**
   * Adds pushed rows (the sums of new events alone) to a source's stored
   * usage: each row to the stored row of its key, or inserted (see
   * usageAdd), so a push costs time proportional to itself, not to its
   * days; then marks the source succeeded like `replace`. Rows in another
   * currency are added before converting, at the rate of their day.
   */
  async add(
    tx: Knex.Transaction,
    write: { sourceId: string; rows: DbUsageRow[] },
  ): Promise<{ written: number }> {
    const { sourceId, rows } = write;
    const days = { days: [...new Set(rows.map(row => row.date))] };
    if (rows.length === 0) return { written: 0 };
    this.assertRows({ sourceId, days, rows });
    const source = await this.lockSource(tx, sourceId);
    const converted = (row: DbUsageRow) =>
      this.currency !== undefined && row.currency !== this.currency.reporting;
    const same = rows.filter(row => !converted(row));
    const other = rows.filter(converted);
    await addUsageRows(tx, await this.inReportingCurrency(tx, same));
    if (other.length > 0) {
      const sums = await addedToStored(tx, sourceId, other);
      await upsertUsageRows(tx, await this.inReportingCurrency(tx, sums));
    }
    await markUsageStale(tx, sourceId, days);
    await this.markSucceeded(tx, source, days, undefined, {
      written: rows.length,
      deleted: 0,
    });
    return { written: rows.length };
  }

  /**
   * One chunk of a streamed run: upserts the rows (all of the run's window
   * and stamped with its id; a key the run wrote in an earlier chunk is
   * added to, see usageUpsert) and deletes nothing. A superseded run writes
   * nothing.
   */
  async writeRunChunk(
    tx: Knex.Transaction,
    write: { sourceId: string; window: UsageWindow; rows: DbUsageRow[] },
    run: { id: number },
  ): Promise<number> {
    this.assertRows({ ...write, days: write.window });
    const rows = await this.inReportingCurrency(tx, write.rows);
    await this.lockSource(tx, write.sourceId);
    await this.assertStillRunning(tx, write.sourceId, run.id);
    await upsertUsageRows(tx, rows);
    await markUsageStale(tx, write.sourceId, {
      days: [...new Set(rows.map(row => row.date))],
    });
    return rows.length;
  }

  /**
   * Ends a streamed run whose chunks are written: deletes the rows of the
   * window this run did not write (their `run_id` is another's) and marks
   * the run and the source succeeded. A superseded run deletes nothing.
   */
  async finishRun(
    tx: Knex.Transaction,
    sourceId: string,
    window: UsageWindow,
    run: { id: number; backfill: boolean },
  ): Promise<{ written: number; deleted: number }> {
    const source = await this.lockSource(tx, sourceId);
    await this.assertStillRunning(tx, sourceId, run.id);
    const { kept, deleted } = await deleteUsageOfOtherRuns(
      tx,
      sourceId,
      window,
      run.id,
    );
    if (deleted > 0) await markUsageStale(tx, sourceId, window);
    const counts = { written: kept, deleted };
    await this.markSucceeded(tx, source, window, run, counts);
    return counts;
  }

  private async lockSource(
    tx: Knex.Transaction,
    sourceId: string,
  ): Promise<DbSourceRow> {
    const source = await tx<DbSourceRow>('ai_cost_sources')
      .where({ id: sourceId })
      .forUpdate()
      .first();
    if (!source) throw new InputError(`Unknown source "${sourceId}"`);
    return source;
  }

  /** Marks the run (if any) and the source succeeded, moving freshThrough on. */
  private async markSucceeded(
    tx: Knex.Transaction,
    source: DbSourceRow,
    days: UsageDays,
    run: { id: number; backfill: boolean } | undefined,
    counts: { written: number; deleted: number },
  ) {
    const last = lastDay(days)!;
    const now = new Date();
    if (run) {
      await tx<DbRunRow>('ai_cost_runs').where({ id: run.id }).update({
        status: 'succeeded',
        finished_at: now,
        rows_upserted: counts.written,
        rows_deleted: counts.deleted,
      });
    }
    const freshThrough =
      source.fresh_through && source.fresh_through > last
        ? source.fresh_through
        : last;
    await tx<DbSourceRow>('ai_cost_sources')
      .where({ id: source.id })
      .update({
        status: 'succeeded',
        last_success_at: now,
        last_error: null,
        rows_upserted: counts.written,
        fresh_through: freshThrough,
        // A pulled run set last_run_at when it started; a push is its own run.
        ...(run ? {} : { last_run_at: now }),
        ...(run?.backfill ? { backfilled_from: firstDay(days) } : {}),
      });
  }

  /**
   * The rows in the reporting currency: each row in another currency is
   * converted once, at the rate its bill stated or else the known rate of
   * its day. A missing rate throws naming currency and day, so the whole
   * write (and its transaction) fails and nothing is stored.
   */
  private async inReportingCurrency(
    tx: Knex.Transaction,
    rows: DbUsageRow[],
  ): Promise<DbUsageRow[]> {
    if (!this.currency) return rows;
    const { reporting } = this.currency;
    const foreign = [
      ...new Set(rows.map(row => row.currency).filter(c => c !== reporting)),
    ].sort();
    const rates = foreign.length
      ? await this.currency.rates.rates(tx, foreign)
      : new ExchangeRates();
    return rows.map(row => convertUsageRow(row, reporting, rates));
  }

  private assertRows(
    write: Pick<UsageWindowWrite, 'sourceId' | 'days' | 'rows'>,
  ) {
    const { sourceId, days } = write;
    let inDays: (date: string) => boolean;
    if ('days' in days) {
      const listed = new Set(days.days);
      inDays = date => listed.has(date);
    } else {
      inDays = date => date >= days.from && date <= days.to;
    }
    for (const row of write.rows) {
      if (row.source_id !== sourceId || !inDays(row.date)) {
        throw new Error(
          `Usage row of source "${row.source_id}" dated ${row.date} is outside the replaced days of source "${sourceId}"`,
        );
      }
    }
  }

  private async assertStillRunning(
    tx: Knex.Transaction,
    sourceId: string,
    runId: number,
  ) {
    const current = await tx<DbRunRow>('ai_cost_runs')
      .where({ id: runId, status: 'running' })
      .forUpdate()
      .first('id');
    if (!current) {
      throw new ConflictError(
        `Run ${runId} of source "${sourceId}" is no longer running`,
      );
    }
  }
}

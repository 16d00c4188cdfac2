import { InputError } from '@backstage/errors';
import type { SourceInfo, SourceStatus } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord, UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import type {
  AiCostStore,
  DailyReconciliation,
  IngestionRun,
  RunTrigger,
  StoredUsageRecord,
  UsageTotals,
} from './AiCostStore';
import { dbIso, dbIsoOrNull, dbNumber, dbNumberOrNull } from './dbHelpers';
import type { DbRunRow, DbSourceRow, DbUsageRow } from './tables';
import { usageRecordKey } from './recordKey';
import { usageRow } from './usageRow';
import type { UsageWindowWriter } from './UsageWindowWriter';

function assertRecord(record: UsageRecord, index: number): void {
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.date))
    problems.push(`date "${record.date}" is not YYYY-MM-DD`);
  if (!Number.isSafeInteger(record.cost))
    problems.push(`cost ${record.cost} is not integer micro-units`);
  if (
    record.estimatedCost !== undefined &&
    record.estimatedCost !== null &&
    !Number.isSafeInteger(record.estimatedCost)
  ) {
    problems.push(
      `estimatedCost ${record.estimatedCost} is not integer micro-units`,
    );
  }
  if (!/^[A-Z]{3}$/.test(record.currency))
    problems.push(`currency "${record.currency}" is not an ISO 4217 code`);
  if (
    record.exchangeRate !== undefined &&
    !(Number.isFinite(record.exchangeRate) && record.exchangeRate > 0)
  ) {
    problems.push(
      `exchangeRate ${record.exchangeRate} is not a positive finite number`,
    );
  }
  for (const field of [
    'inputTokens',
    'cachedInputTokens',
    'cacheWriteTokens',
    'cacheWrite1hTokens',
    'outputTokens',
    'reasoningTokens',
    'requests',
  ] as const) {
    const value = record[field];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      problems.push(`${field} ${value} is not a non-negative integer`);
    }
  }
  if ((record.cacheWrite1hTokens ?? 0) > (record.cacheWriteTokens ?? 0)) {
    problems.push(
      `cacheWrite1hTokens ${
        record.cacheWrite1hTokens
      } exceeds cacheWriteTokens ${
        record.cacheWriteTokens ?? 0
      }, which counts every cache write`,
    );
  }
  if (problems.length) {
    throw new InputError(
      `Usage record ${index} is invalid: ${problems.join('; ')}`,
    );
  }
}

/** The knex implementation of {@link AiCostStore}, on SQLite and PostgreSQL. */
export class DatabaseAiCostStore implements AiCostStore {
  constructor(
    private readonly db: Knex,
    private readonly writer: UsageWindowWriter,
  ) {}

  async registerSources(
    sources: Array<{ id: string; provider: string; demo?: boolean }>,
  ) {
    for (const source of sources) {
      await this.db<DbSourceRow>('ai_cost_sources')
        .insert({
          id: source.id,
          provider: source.provider,
          demo: Boolean(source.demo),
          status: 'never-run',
          rows_upserted: 0,
        })
        .onConflict('id')
        .merge(['provider', 'demo']);
    }
  }

  async listSources() {
    const rows = await this.db<DbSourceRow>('ai_cost_sources').orderBy('id');
    return rows.map(row => ({
      id: row.id,
      provider: row.provider,
      status: row.status as SourceStatus,
      lastRunAt: dbIsoOrNull(row.last_run_at),
      lastSuccessAt: dbIsoOrNull(row.last_success_at),
      lastError: row.last_error,
      rowsUpserted: dbNumber(row.rows_upserted),
      freshThrough: row.fresh_through,
      backfilledFrom: row.backfilled_from,
      ...(row.demo ? { demo: true } : {}),
    })) satisfies Array<SourceInfo & { backfilledFrom: string | null }>;
  }

  async startRun(options: {
    sourceId: string;
    trigger: RunTrigger;
    window: UsageWindow;
  }) {
    const now = new Date();
    return this.db.transaction(async tx => {
      // The source's row lock comes first in every transaction that
      // touches a source's runs or usage (see UsageWindowWriter).
      const source = await tx<DbSourceRow>('ai_cost_sources')
        .where({ id: options.sourceId })
        .forUpdate()
        .first();
      if (!source) throw new InputError(`Unknown source "${options.sourceId}"`);
      const [inserted] = await tx<DbRunRow>('ai_cost_runs')
        .insert({
          source_id: options.sourceId,
          trigger: options.trigger,
          window_from: options.window.from,
          window_to: options.window.to,
          started_at: now,
          status: 'running',
          rows_upserted: 0,
          rows_deleted: 0,
        })
        .returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      // The scheduler runs a source's task once at a time, so an earlier run
      // still marked running was interrupted (the backend stopped, or lost
      // its database, mid-run) or outlived its timeout. Close it: the run
      // log stops showing it as running, and if it is in fact still going,
      // its completeRun fails instead of overwriting this newer run's data.
      await tx<DbRunRow>('ai_cost_runs')
        .where({ source_id: options.sourceId, status: 'running' })
        .whereNot({ id })
        .update({
          status: 'failed',
          finished_at: now,
          error: `Interrupted: the run never finished (the backend stopped or lost its database during the run); run ${id} replaced it`,
        });
      await tx<DbSourceRow>('ai_cost_sources')
        .where({ id: options.sourceId })
        .update({ status: 'running', last_run_at: now });
      return {
        id,
        sourceId: options.sourceId,
        trigger: options.trigger,
        window: options.window,
        startedAt: now.toISOString(),
        finishedAt: null,
        status: 'running' as const,
        rowsUpserted: 0,
        rowsDeleted: 0,
        error: null,
      };
    });
  }

  async completeRun(options: {
    run: IngestionRun;
    provider: string;
    records: UsageRecord[];
    backfill: boolean;
  }) {
    const { run, provider, records } = options;
    const rows = this.toRows(run, provider, records);
    return this.db.transaction(async tx => {
      const { written, deleted } = await this.writer.replace(tx, {
        sourceId: run.sourceId,
        days: run.window,
        rows,
        run: { id: run.id, backfill: options.backfill },
      });
      return { upserted: written, deleted };
    });
  }

  async writeRunChunk(options: {
    run: IngestionRun;
    provider: string;
    records: UsageRecord[];
  }) {
    const { run, provider, records } = options;
    const rows = this.toRows(run, provider, records);
    return this.db.transaction(tx =>
      this.writer.writeRunChunk(
        tx,
        { sourceId: run.sourceId, window: run.window, rows },
        run,
      ),
    );
  }

  async finishRun(options: { run: IngestionRun; backfill: boolean }) {
    const { run, backfill } = options;
    return this.db.transaction(async tx => {
      const { written, deleted } = await this.writer.finishRun(
        tx,
        run.sourceId,
        run.window,
        { id: run.id, backfill },
      );
      return { upserted: written, deleted };
    });
  }

  async failRun(run: IngestionRun, error: string) {
    const now = new Date();
    await this.db.transaction(async tx => {
      await tx<DbSourceRow>('ai_cost_sources')
        .where({ id: run.sourceId })
        .forUpdate()
        .first();
      await tx<DbRunRow>('ai_cost_runs')
        .where({ id: run.id })
        .update({ status: 'failed', finished_at: now, error });
      // A run replaced by a newer one (see startRun) leaves the source's
      // state to that newer run.
      const newer = await tx<DbRunRow>('ai_cost_runs')
        .where({ source_id: run.sourceId })
        .andWhere('id', '>', run.id)
        .first('id');
      if (newer) return;
      await tx<DbSourceRow>('ai_cost_sources')
        .where({ id: run.sourceId })
        .update({ status: 'failed', last_error: error });
    });
  }

  async listRuns(sourceId: string, limit = 20) {
    const rows = await this.db<DbRunRow>('ai_cost_runs')
      .where({ source_id: sourceId })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(row => ({
      id: Number(row.id),
      sourceId: row.source_id,
      trigger: row.trigger as RunTrigger,
      window: { from: row.window_from, to: row.window_to },
      startedAt: dbIso(row.started_at),
      finishedAt: dbIsoOrNull(row.finished_at),
      status: row.status as IngestionRun['status'],
      rowsUpserted: dbNumber(row.rows_upserted),
      rowsDeleted: dbNumber(row.rows_deleted),
      error: row.error,
    }));
  }

  async listUsage(
    options: UsageWindow & { sourceId?: string },
  ): Promise<StoredUsageRecord[]> {
    const query = this.db<DbUsageRow>('ai_cost_usage')
      .whereBetween('date', [options.from, options.to])
      .orderBy(['date', 'id']);
    if (options.sourceId) query.where('source_id', options.sourceId);
    const rows = await query;
    return rows.map(row => ({
      sourceId: row.source_id,
      provider: row.provider,
      date: row.date,
      hour: row.hour,
      accountId: row.account_id,
      projectId: row.project_id,
      resourceId: row.resource_id,
      apiKeyId: row.api_key_id,
      userId: row.user_id,
      region: row.region,
      serviceTier: row.service_tier,
      tags: row.tags ? JSON.parse(row.tags) : null,
      model: row.model,
      lineItem: row.line_item,
      inputTokens: dbNumber(row.input_tokens),
      cachedInputTokens: dbNumber(row.cached_input_tokens),
      cacheWriteTokens: dbNumber(row.cache_write_tokens),
      cacheWrite1hTokens: dbNumber(row.cache_write_1h_tokens),
      outputTokens: dbNumber(row.output_tokens),
      reasoningTokens: dbNumber(row.reasoning_tokens),
      requests: dbNumber(row.requests),
      cost: dbNumber(row.cost_micros),
      estimatedCost: dbNumberOrNull(row.estimated_cost_micros),
      currency: row.currency,
      costKind: row.cost_kind as UsageRecord['costKind'],
      unpriced: Boolean(row.unpriced),
    }));
  }

  async sumUsage(
    options: UsageWindow & { sourceId?: string },
  ): Promise<UsageTotals> {
    const query = this.db('ai_cost_usage')
      .whereBetween('date', [options.from, options.to])
      .sum({
        cost: 'cost_micros',
        estimatedCost: 'estimated_cost_micros',
        inputTokens: 'input_tokens',
        cachedInputTokens: 'cached_input_tokens',
        cacheWriteTokens: 'cache_write_tokens',
        outputTokens: 'output_tokens',
        requests: 'requests',
      })
      .count({ rows: '*' });
    if (options.sourceId) query.where('source_id', options.sourceId);
    const [row] = await query;
    return {
      cost: dbNumber(row.cost),
      estimatedCost: dbNumber(row.estimatedCost),
      inputTokens: dbNumber(row.inputTokens),
      cachedInputTokens: dbNumber(row.cachedInputTokens),
      cacheWriteTokens: dbNumber(row.cacheWriteTokens),
      outputTokens: dbNumber(row.outputTokens),
      requests: dbNumber(row.requests),
      rows: dbNumber(row.rows),
    };
  }

  async dailyReconciliation(
    window: UsageWindow,
  ): Promise<DailyReconciliation[]> {
    const rows = await this.db('ai_cost_usage')
      .select('date', 'source_id', 'provider')
      .sum({
        billed: this.db.raw(
          "case when cost_kind = 'billed' then cost_micros else 0 end",
        ),
        estimatedOfBilled: this.db.raw(
          "case when cost_kind = 'billed' then coalesce(estimated_cost_micros, 0) else 0 end",
        ),
        estimatedOnly: this.db.raw(
          "case when cost_kind = 'estimated' then cost_micros else 0 end",
        ),
        unpricedRecords: this.db.raw('case when unpriced then 1 else 0 end'),
      })
      .whereBetween('date', [window.from, window.to])
      .groupBy('date', 'source_id', 'provider')
      .orderBy(['date', 'source_id']);
    return (rows as Array<Record<string, string | number>>).map(row => ({
      date: String(row.date),
      sourceId: String(row.source_id),
      provider: String(row.provider),
      billed: dbNumber(row.billed),
      estimatedOfBilled: dbNumber(row.estimatedOfBilled),
      estimatedOnly: dbNumber(row.estimatedOnly),
      unpricedRecords: dbNumber(row.unpricedRecords),
    }));
  }

  /** Checks every record, then maps them to rows of the run. */
  private toRows(
    run: IngestionRun,
    provider: string,
    records: UsageRecord[],
  ): DbUsageRow[] {
    const { from, to } = run.window;
    records.forEach((record, index) => {
      assertRecord(record, index);
      if (record.date < from || record.date > to) {
        throw new InputError(
          `Usage record ${index} is dated ${record.date}, outside the run window ${from}..${to}`,
        );
      }
    });
    const keys = new Set<string>();
    const rows: DbUsageRow[] = [];
    for (const record of records) {
      const key = usageRecordKey(record);
      if (keys.has(key)) {
        throw new InputError(
          `Source "${
            run.sourceId
          }" returned two usage records with the same natural key for ${
            record.date
          } (model ${record.model ?? 'none'}, line item ${
            record.lineItem ?? 'none'
          })`,
        );
      }
      keys.add(key);
      rows.push(
        usageRow(record, {
          sourceId: run.sourceId,
          provider,
          recordKey: key,
          runId: run.id,
        }),
      );
    }
    return rows;
  }
}

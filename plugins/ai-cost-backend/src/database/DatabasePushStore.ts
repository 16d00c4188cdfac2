import { createHash } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { tagsJson, usageRow } from './usageRow';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import type { FocusRow } from '../push/focus';
import type { PricedPushEvent } from '../push/pricing';
import type {
  FocusFileInfo,
  FocusFileInput,
  FocusImportOutcome,
  IngestEventsOutcome,
  PushEventOutcome,
  PushStore,
} from './PushStore';
import type { DbFocusFileRow, DbFocusRow, DbPushEventRow } from './pushTables';
import type { DbSourceRow, DbUsageRow } from './tables';
import { usageRecordKey } from './recordKey';

const migrationsDir = resolvePackagePath(
  '@ai-cost/plugin-ai-cost-backend',
  'migrations',
);

/** Rows per insert: 28 columns × 400 stays under every database's parameter limit. */
const BATCH_SIZE = 400;
/** Values per `IN (...)` list. */
const IN_CHUNK = 500;

const TOKEN_COLUMNS = [
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'requests',
] as const;

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Tags as stored: JSON with sorted keys (so equal tag sets group), or null. */

/**
 * The `ai_cost_usage` key of a recomputed record: the natural key plus what
 * else tells records of a pushed source apart (provider kind for FOCUS,
 * billed against estimated for gateway events).
 */
function pushRecordKey(record: UsageRecord, extra: string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([usageRecordKey(record), ...extra]))
    .digest('hex');
}

/** Sums of the token columns, named as the columns. */
function tokenSums(db: Knex) {
  return TOKEN_COLUMNS.map(column =>
    db.raw('coalesce(sum(??), 0) as ??', [column, column]),
  );
}

function eventRow(
  sourceId: string,
  event: PricedPushEvent,
  receivedAt: Date,
): DbPushEventRow {
  return {
    source_id: sourceId,
    event_id: event.eventId,
    content_hash: event.contentHash,
    format: event.format,
    occurred_at: event.occurredAt,
    date: event.date,
    upstream_provider: event.upstreamProvider,
    model: event.model,
    api_key_id: event.apiKeyId,
    user_id: event.userId,
    tags: tagsJson(event.tags),
    input_tokens: event.inputTokens,
    cached_input_tokens: event.cachedInputTokens,
    cache_write_tokens: event.cacheWriteTokens,
    output_tokens: event.outputTokens,
    reasoning_tokens: event.reasoningTokens,
    requests: event.requests,
    cost_micros: event.cost,
    estimated_cost_micros: event.estimatedCost,
    currency: event.currency,
    cost_kind: event.costKind,
    unpriced: event.unpriced,
    received_at: receivedAt,
  };
}

function focusRow(sourceId: string, fileId: string, row: FocusRow): DbFocusRow {
  return {
    source_id: sourceId,
    file_id: fileId,
    line: row.line,
    date: row.date,
    provider: row.provider,
    provider_name: row.providerName,
    service_name: row.serviceName,
    charge_category: row.chargeCategory,
    account_id: row.accountId,
    project_id: row.projectId,
    resource_id: row.resourceId,
    region: row.region,
    tags: tagsJson(row.tags),
    model: row.model,
    line_item: row.lineItem,
    input_tokens: row.inputTokens,
    cached_input_tokens: row.cachedInputTokens,
    cache_write_tokens: row.cacheWriteTokens,
    output_tokens: row.outputTokens,
    reasoning_tokens: row.reasoningTokens,
    requests: row.requests,
    billed_cost_micros: row.billedCost,
    effective_cost_micros: row.effectiveCost,
    list_cost_micros: row.listCost,
    currency: row.currency,
  };
}

/** A usage row of a pushed source; `extraKey` keeps otherwise equal records apart. */
function pushUsageRow(
  sourceId: string,
  provider: string,
  record: UsageRecord,
  extraKey: string[],
): DbUsageRow {
  return usageRow(
    { ...record, hour: null, serviceTier: null },
    {
      sourceId,
      provider,
      recordKey: pushRecordKey(record, extraKey),
      runId: null,
    },
  );
}

function tokensOf(row: Record<string, unknown>) {
  return {
    inputTokens: num(row.input_tokens),
    cachedInputTokens: num(row.cached_input_tokens),
    cacheWriteTokens: num(row.cache_write_tokens),
    outputTokens: num(row.output_tokens),
    reasoningTokens: num(row.reasoning_tokens),
    requests: num(row.requests),
  };
}

/** The knex implementation of {@link PushStore}, on SQLite and PostgreSQL. */
export class DatabasePushStore implements PushStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabasePushStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabasePushStore(client);
  }

  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async ingestEvents(options: {
    sourceId: string;
    events: PricedPushEvent[];
  }): Promise<IngestEventsOutcome> {
    const { sourceId, events } = options;
    return this.db.transaction(async tx => {
      await this.lockSource(tx, sourceId, 'gateway');
      const stored = new Map<string, string>();
      const ids = [...new Set(events.map(e => e.eventId))];
      for (const batch of chunks(ids, IN_CHUNK)) {
        const rows = await tx<DbPushEventRow>('ai_cost_push_events')
          .select('event_id', 'content_hash')
          .where('source_id', sourceId)
          .whereIn('event_id', batch);
        for (const row of rows) stored.set(row.event_id, row.content_hash);
      }
      const receivedAt = this.now();
      const outcomes: PushEventOutcome[] = [];
      const fresh: DbPushEventRow[] = [];
      for (const event of events) {
        const hash = stored.get(event.eventId);
        if (hash === undefined) {
          stored.set(event.eventId, event.contentHash);
          fresh.push(eventRow(sourceId, event, receivedAt));
          outcomes.push('accepted');
        } else {
          outcomes.push(hash === event.contentHash ? 'duplicate' : 'conflict');
        }
      }
      for (const batch of chunks(fresh, BATCH_SIZE)) {
        await tx('ai_cost_push_events')
          .insert(batch)
          .onConflict(['source_id', 'event_id'])
          .ignore();
      }
      const days = [...new Set(fresh.map(e => e.date))].sort();
      const usageRows = await this.recomputeGatewayDays(tx, sourceId, days);
      if (days.length > 0) {
        await this.markSource(tx, sourceId, days, usageRows);
      }
      return { outcomes, recomputedDays: days, usageRows };
    });
  }

  async importFocusFile(input: FocusFileInput): Promise<FocusImportOutcome> {
    const { sourceId, sha256, rows } = input;
    const expected = rows.reduce((sum, row) => sum + row.billedCost, 0);
    return this.db.transaction(async tx => {
      await this.lockSource(tx, sourceId, 'focus');
      const same = await tx<DbFocusFileRow>('ai_cost_focus_files')
        .where({ source_id: sourceId, sha256 })
        .orderBy('id')
        .first();
      if (same) {
        return {
          status: 'duplicate' as const,
          fileId: same.file_id,
          rowsImported: 0,
          days: await this.fileDays(tx, sourceId, same.file_id),
          storedBilledCost: await this.fileBilledCost(
            tx,
            sourceId,
            same.file_id,
          ),
        };
      }

      const { fileId } = input;
      let status: FocusImportOutcome['status'] = 'imported';
      let previousDays: string[] = [];
      const existing = await tx<DbFocusFileRow>('ai_cost_focus_files')
        .where({ source_id: sourceId, file_id: fileId })
        .first();
      if (existing) {
        if (!input.replace) {
          throw new ConflictError(
            `FOCUS file "${fileId}" of source "${sourceId}" was imported before with other content (sha256 ${existing.sha256}); import this version under another fileId, or pass replace=true to replace it`,
          );
        }
        previousDays = await this.fileDays(tx, sourceId, fileId);
        await tx('ai_cost_focus_rows')
          .where({ source_id: sourceId, file_id: fileId })
          .delete();
        await tx('ai_cost_focus_files')
          .where({ source_id: sourceId, file_id: fileId })
          .delete();
        status = 'replaced';
      }

      const fileDays = [...new Set(rows.map(r => r.date))].sort();
      const file: DbFocusFileRow = {
        source_id: sourceId,
        file_id: fileId,
        sha256,
        rows: rows.length,
        billed_cost_micros: expected,
        effective_cost_micros: rows.reduce(
          (sum, r) => sum + (r.effectiveCost ?? 0),
          0,
        ),
        list_cost_micros: rows.reduce((sum, r) => sum + (r.listCost ?? 0), 0),
        first_day: fileDays[0] ?? null,
        last_day: fileDays[fileDays.length - 1] ?? null,
        imported_by: input.importedBy,
        imported_at: this.now(),
      };
      await tx('ai_cost_focus_files').insert(file);
      for (const batch of chunks(rows, BATCH_SIZE)) {
        await tx('ai_cost_focus_rows')
          .insert(batch.map(row => focusRow(sourceId, fileId, row)))
          .onConflict(['source_id', 'file_id', 'line'])
          .ignore();
      }

      const stored = await this.fileBilledCost(tx, sourceId, fileId);
      if (stored !== expected) {
        throw new Error(
          `FOCUS file "${fileId}": stored rows sum to ${stored} micro-units but the file to ${expected}; nothing was imported`,
        );
      }
      const days = [...new Set([...previousDays, ...fileDays])].sort();
      const usageRows = await this.recomputeFocusDays(tx, sourceId, days);
      await this.assertFocusReconciled(tx, sourceId, days);
      if (days.length > 0) {
        await this.markSource(tx, sourceId, days, usageRows);
      }
      return {
        status,
        fileId,
        rowsImported: rows.length,
        days,
        storedBilledCost: stored,
      };
    });
  }

  async listFocusFiles(sourceId: string): Promise<FocusFileInfo[]> {
    const rows = await this.db<DbFocusFileRow>('ai_cost_focus_files')
      .where({ source_id: sourceId })
      .orderBy('id');
    return rows.map(row => ({
      sourceId: row.source_id,
      fileId: row.file_id,
      sha256: row.sha256,
      rows: num(row.rows),
      billedCost: num(row.billed_cost_micros),
      effectiveCost: num(row.effective_cost_micros),
      listCost: num(row.list_cost_micros),
      firstDay: row.first_day,
      lastDay: row.last_day,
      importedBy: row.imported_by,
      importedAt: toIso(row.imported_at),
    }));
  }

  async countEvents(sourceId: string): Promise<number> {
    const [row] = await this.db('ai_cost_push_events')
      .where({ source_id: sourceId })
      .count({ count: '*' });
    return num(row.count);
  }

  /**
   * Makes sure the source has a row of the given kind and locks it for the
   * transaction: pushes to one source are serialised with each other and
   * with its re-attribution. A source id of another kind is refused, so a
   * push can never rewrite a provider source's usage.
   */
  private async lockSource(
    tx: Knex.Transaction,
    sourceId: string,
    kind: string,
  ) {
    await tx<DbSourceRow>('ai_cost_sources')
      .insert({
        id: sourceId,
        provider: kind,
        demo: false,
        status: 'never-run',
        rows_upserted: 0,
      })
      .onConflict('id')
      .ignore();
    const source = await tx<DbSourceRow>('ai_cost_sources')
      .where({ id: sourceId })
      .forUpdate()
      .first();
    if (source && source.provider !== kind) {
      throw new ConflictError(
        `Source "${sourceId}" is a ${source.provider} source; ${kind} data needs a source id of its own`,
      );
    }
  }

  private async markSource(
    tx: Knex.Transaction,
    sourceId: string,
    days: string[],
    usageRows: number,
  ) {
    const now = this.now();
    const source = await tx<DbSourceRow>('ai_cost_sources')
      .where({ id: sourceId })
      .first();
    const last = days[days.length - 1];
    const freshThrough =
      source?.fresh_through && source.fresh_through > last
        ? source.fresh_through
        : last;
    await tx<DbSourceRow>('ai_cost_sources').where({ id: sourceId }).update({
      status: 'succeeded',
      last_run_at: now,
      last_success_at: now,
      last_error: null,
      rows_upserted: usageRows,
      fresh_through: freshThrough,
    });
  }

  /** Replaces the usage of some days of a gateway source with the sum of its events. */
  private async recomputeGatewayDays(
    tx: Knex.Transaction,
    sourceId: string,
    days: string[],
  ): Promise<number> {
    let written = 0;
    const dimensions = [
      'date',
      'upstream_provider',
      'model',
      'api_key_id',
      'user_id',
      'tags',
      'currency',
      'cost_kind',
    ];
    for (const dayBatch of chunks(days, IN_CHUNK)) {
      const groups = await tx('ai_cost_push_events')
        .select(
          ...dimensions,
          ...tokenSums(tx),
          tx.raw('coalesce(sum(cost_micros), 0) as cost'),
          tx.raw('sum(estimated_cost_micros) as estimated'),
          tx.raw(
            'sum(case when estimated_cost_micros is null then 1 else 0 end) as missing_estimates',
          ),
          tx.raw('max(case when unpriced then 1 else 0 end) as unpriced'),
        )
        .where('source_id', sourceId)
        .whereIn('date', dayBatch)
        .groupBy(dimensions);
      const rows = groups.map((group: Record<string, any>) => {
        const costKind = group.cost_kind as UsageRecord['costKind'];
        const record: UsageRecord = {
          date: group.date,
          apiKeyId: group.api_key_id,
          userId: group.user_id,
          tags: group.tags ? JSON.parse(group.tags) : null,
          model: group.model,
          lineItem: group.upstream_provider,
          ...tokensOf(group),
          cost: num(group.cost),
          estimatedCost:
            num(group.missing_estimates) > 0 ? null : num(group.estimated),
          currency: group.currency,
          costKind,
          unpriced: num(group.unpriced) > 0,
        };
        return pushUsageRow(sourceId, 'gateway', record, [costKind]);
      });
      written += await this.replaceUsage(tx, sourceId, dayBatch, rows);
    }
    return written;
  }

  /** Replaces the usage of some days of a FOCUS source with the sum of its rows. */
  private async recomputeFocusDays(
    tx: Knex.Transaction,
    sourceId: string,
    days: string[],
  ): Promise<number> {
    let written = 0;
    const dimensions = [
      'date',
      'provider',
      'account_id',
      'project_id',
      'resource_id',
      'region',
      'tags',
      'model',
      'line_item',
      'currency',
    ];
    for (const dayBatch of chunks(days, IN_CHUNK)) {
      const groups = await tx('ai_cost_focus_rows')
        .select(
          ...dimensions,
          ...tokenSums(tx),
          tx.raw('coalesce(sum(billed_cost_micros), 0) as cost'),
          tx.raw('sum(list_cost_micros) as estimated'),
          tx.raw(
            'sum(case when list_cost_micros is null then 1 else 0 end) as missing_estimates',
          ),
        )
        .where('source_id', sourceId)
        .whereIn('date', dayBatch)
        .groupBy(dimensions);
      const rows = groups.map((group: Record<string, any>) => {
        const record: UsageRecord = {
          date: group.date,
          accountId: group.account_id,
          projectId: group.project_id,
          resourceId: group.resource_id,
          region: group.region,
          tags: group.tags ? JSON.parse(group.tags) : null,
          model: group.model,
          lineItem: group.line_item,
          ...tokensOf(group),
          cost: num(group.cost),
          estimatedCost:
            num(group.missing_estimates) > 0 ? null : num(group.estimated),
          currency: group.currency,
          costKind: 'billed',
        };
        return pushUsageRow(sourceId, group.provider, record, [group.provider]);
      });
      written += await this.replaceUsage(tx, sourceId, dayBatch, rows);
    }
    return written;
  }

  private async replaceUsage(
    tx: Knex.Transaction,
    sourceId: string,
    days: string[],
    rows: DbUsageRow[],
  ): Promise<number> {
    await tx('ai_cost_usage')
      .where('source_id', sourceId)
      .whereIn('date', days)
      .delete();
    for (const batch of chunks(rows, BATCH_SIZE)) {
      await tx('ai_cost_usage').insert(batch);
    }
    return rows.length;
  }

  /** Usage of the days must equal the FOCUS rows of the days, to the micro-unit. */
  private async assertFocusReconciled(
    tx: Knex.Transaction,
    sourceId: string,
    days: string[],
  ) {
    for (const dayBatch of chunks(days, IN_CHUNK)) {
      const [usage] = await tx('ai_cost_usage')
        .where('source_id', sourceId)
        .whereIn('date', dayBatch)
        .sum({ cost: 'cost_micros' });
      const [focus] = await tx('ai_cost_focus_rows')
        .where('source_id', sourceId)
        .whereIn('date', dayBatch)
        .sum({ cost: 'billed_cost_micros' });
      if (num(usage.cost) !== num(focus.cost)) {
        throw new Error(
          `FOCUS source "${sourceId}": usage sums to ${num(
            usage.cost,
          )} micro-units but the imported rows to ${num(
            focus.cost,
          )}; nothing was imported`,
        );
      }
    }
  }

  private async fileDays(
    tx: Knex.Transaction,
    sourceId: string,
    fileId: string,
  ): Promise<string[]> {
    const rows = await tx('ai_cost_focus_rows')
      .distinct('date')
      .where({ source_id: sourceId, file_id: fileId })
      .orderBy('date');
    return rows.map((row: { date: string }) => row.date);
  }

  private async fileBilledCost(
    tx: Knex.Transaction,
    sourceId: string,
    fileId: string,
  ): Promise<number> {
    const [row] = await tx('ai_cost_focus_rows')
      .where({ source_id: sourceId, file_id: fileId })
      .sum({ cost: 'billed_cost_micros' });
    return num(row.cost);
  }
}

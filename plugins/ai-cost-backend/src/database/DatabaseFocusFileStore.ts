import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { FocusRow } from '../push/focus';
import type { SkippedSummary } from '../push/skippedRows';
import {
  chunks,
  dbIso,
  dbNumber,
  IN_CHUNK,
  insertBatches,
  tokenColumns,
} from './dbHelpers';
import { lockPushSource } from './lockPushSource';
import type {
  FocusFileInfo,
  FocusFileInput,
  FocusFileStore,
  FocusImportOutcome,
} from './PushStore';
import { focusUsageRows } from './pushedUsageRows';
import type { DbFocusFileRow, DbFocusRow } from './pushTables';
import { tagsJson } from './usageRow';
import type { UsageWindowWriter } from './UsageWindowWriter';

const NOTHING_SKIPPED: SkippedSummary = {
  rows: 0,
  billedCost: 0,
  services: [],
};

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
    category: row.category ?? null,
    ...tokenColumns(row),
    billed_cost_micros: row.billedCost,
    effective_cost_micros: row.effectiveCost,
    list_cost_micros: row.listCost,
    currency: row.currency,
  };
}

/** The knex implementation of {@link FocusFileStore}, on SQLite and PostgreSQL. */
export class DatabaseFocusFileStore implements FocusFileStore {
  constructor(
    private readonly db: Knex,
    private readonly writer: UsageWindowWriter,
  ) {}

  async importFocusFile(input: FocusFileInput): Promise<FocusImportOutcome> {
    const { sourceId, sha256, rows } = input;
    const selection = input.selection ?? 'all';
    const skipped = input.skipped ?? NOTHING_SKIPPED;
    const expected = rows.reduce((sum, row) => sum + row.billedCost, 0);
    return this.db.transaction(async tx => {
      await lockPushSource(tx, sourceId, 'focus');
      const same = await tx<DbFocusFileRow>('ai_cost_focus_files')
        .where({ source_id: sourceId, sha256, row_selection: selection })
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
            `FOCUS file "${fileId}" of source "${sourceId}" was imported before with other content or another row selection (sha256 ${existing.sha256}, rows ${existing.row_selection}); import this version under another fileId, or pass replace=true to replace it`,
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
        imported_at: new Date(),
        row_selection: selection,
        skipped_rows: skipped.rows,
        skipped_billed_cost_micros: skipped.billedCost,
        skipped_services:
          skipped.services.length > 0 ? JSON.stringify(skipped.services) : null,
      };
      await tx('ai_cost_focus_files').insert(file);
      const stored = rows.map(row => focusRow(sourceId, fileId, row));
      for (const batch of insertBatches(stored)) {
        await tx('ai_cost_focus_rows')
          .insert(batch)
          .onConflict(['source_id', 'file_id', 'line'])
          .ignore();
      }

      const storedCost = await this.fileBilledCost(tx, sourceId, fileId);
      if (storedCost !== expected) {
        throw new Error(
          `FOCUS file "${fileId}": stored rows sum to ${storedCost} micro-units but the file to ${expected}; nothing was imported`,
        );
      }
      const days = [...new Set([...previousDays, ...fileDays])].sort();
      await this.writer.replace(tx, {
        sourceId,
        days: { days },
        rows: await focusUsageRows(tx, sourceId, days),
      });
      await this.assertReconciled(tx, sourceId, days);
      return {
        status,
        fileId,
        rowsImported: rows.length,
        days,
        storedBilledCost: storedCost,
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
      rows: dbNumber(row.rows),
      billedCost: dbNumber(row.billed_cost_micros),
      effectiveCost: dbNumber(row.effective_cost_micros),
      listCost: dbNumber(row.list_cost_micros),
      firstDay: row.first_day,
      lastDay: row.last_day,
      importedBy: row.imported_by,
      importedAt: dbIso(row.imported_at),
      selection: row.row_selection,
      skipped: {
        rows: dbNumber(row.skipped_rows),
        billedCost: dbNumber(row.skipped_billed_cost_micros),
        services: row.skipped_services ? JSON.parse(row.skipped_services) : [],
      },
    }));
  }

  /**
   * Usage of the days must equal the FOCUS rows of the days, to the
   * micro-unit, in each billed currency (usage converted into the reporting
   * currency is compared by its original amount).
   */
  private async assertReconciled(
    tx: Knex.Transaction,
    sourceId: string,
    days: string[],
  ) {
    for (const dayBatch of chunks(days, IN_CHUNK)) {
      const billed = 'coalesce(original_currency, currency)';
      const usage = await tx('ai_cost_usage')
        .select(tx.raw(`${billed} as currency`))
        .sum({ cost: tx.raw('coalesce(original_cost, cost_micros)') })
        .where('source_id', sourceId)
        .whereIn('date', dayBatch)
        .groupByRaw(billed);
      const focus = await tx('ai_cost_focus_rows')
        .select('currency')
        .sum({ cost: 'billed_cost_micros' })
        .where('source_id', sourceId)
        .whereIn('date', dayBatch)
        .groupBy('currency');
      const sums = (rows: Array<Record<string, unknown>>) =>
        new Map(rows.map(row => [String(row.currency), dbNumber(row.cost)]));
      const usageSums = sums(usage);
      const focusSums = sums(focus);
      for (const currency of new Set([
        ...usageSums.keys(),
        ...focusSums.keys(),
      ])) {
        const used = usageSums.get(currency) ?? 0;
        const imported = focusSums.get(currency) ?? 0;
        if (used !== imported) {
          throw new Error(
            `FOCUS source "${sourceId}": usage sums to ${used} micro-units${
              usageSums.size > 1 || focusSums.size > 1 ? ` of ${currency}` : ''
            } but the imported rows to ${imported}; nothing was imported`,
          );
        }
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
    return dbNumber(row.cost);
  }
}

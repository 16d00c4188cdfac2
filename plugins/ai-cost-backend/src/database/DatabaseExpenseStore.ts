import type { UsageRecord, UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import { EXPENSE_PROVIDER } from '../expenses/aiVendors';
import { chunks, dbNumber, IN_CHUNK, insertBatches } from './dbHelpers';
import type {
  AiExpenseLine,
  ExpenseFileInput,
  ExpenseImportOutcome,
  ExpenseSpend,
  ExpenseStore,
} from './ExpenseStore';
import { lockPushSource } from './lockPushSource';
import { sha256Hex, usageRecordKey } from './recordKey';
import type { DbUsageRow } from './tables';
import { usageRow } from './usageRow';
import type { UsageWindowWriter } from './UsageWindowWriter';

type DbExpenseLineRow = {
  id?: number | string;
  source_id: string;
  sha256: string;
  line: number;
  date: string;
  vendor: string;
  vendor_text: string;
  user_id: string;
  cost_center: string | null;
  description: string | null;
  cost_micros: number | string;
  currency: string;
};

function lineRow(
  sourceId: string,
  sha256: string,
  line: AiExpenseLine,
): DbExpenseLineRow {
  return {
    source_id: sourceId,
    sha256,
    line: line.line,
    date: line.date,
    vendor: line.vendor,
    vendor_text: line.vendorText.slice(0, 512),
    user_id: line.userId,
    cost_center: line.costCenter,
    description: line.description,
    cost_micros: line.cost,
    currency: line.currency,
  };
}

/** Lines are summed into usage by everything a usage record keeps of them. */
const DIMENSIONS = [
  'date',
  'vendor',
  'user_id',
  'cost_center',
  'description',
  'currency',
];

/**
 * The usage rows of some days of an expense source: its stored lines summed
 * per day, vendor, employee, cost centre, description and currency. The
 * vendor is the record's model (so attributed spend keeps it) and a tag.
 */
async function expenseUsageRows(
  tx: Knex.Transaction,
  sourceId: string,
  days: string[],
): Promise<DbUsageRow[]> {
  const rows: DbUsageRow[] = [];
  for (const dayBatch of chunks(days, IN_CHUNK)) {
    const groups = await tx('ai_cost_expense_lines')
      .select(...DIMENSIONS)
      .sum({ cost: 'cost_micros' })
      .where('source_id', sourceId)
      .whereIn('date', dayBatch)
      .groupBy(DIMENSIONS);
    for (const group of groups as Array<Record<string, any>>) {
      const record: UsageRecord = {
        date: group.date,
        userId: group.user_id,
        tags: {
          vendor: group.vendor,
          ...(group.cost_center ? { costCenter: group.cost_center } : {}),
        },
        model: group.vendor,
        lineItem: group.description,
        category: 'expense',
        cost: dbNumber(group.cost),
        currency: group.currency,
        costKind: 'billed',
        estimatedCost: null,
      };
      rows.push(
        usageRow(record, {
          sourceId,
          provider: EXPENSE_PROVIDER,
          recordKey: sha256Hex(
            JSON.stringify([usageRecordKey(record), record.currency]),
          ),
          runId: null,
        }),
      );
    }
  }
  return rows;
}

/** The knex implementation of {@link ExpenseStore}, on SQLite and PostgreSQL. */
export class DatabaseExpenseStore implements ExpenseStore {
  constructor(
    private readonly db: Knex,
    private readonly writer: UsageWindowWriter,
  ) {}

  async importExpenseFile(
    input: ExpenseFileInput,
  ): Promise<ExpenseImportOutcome> {
    const { sourceId, sha256, lines } = input;
    return this.db.transaction(async tx => {
      await lockPushSource(tx, sourceId, EXPENSE_PROVIDER);
      const same = await tx('ai_cost_expense_files')
        .where({ source_id: sourceId, sha256 })
        .first();
      if (same) {
        const stored = await tx('ai_cost_expense_lines')
          .distinct('date')
          .where({ source_id: sourceId, sha256 })
          .orderBy('date');
        return {
          status: 'duplicate' as const,
          rowsImported: 0,
          days: stored.map((row: { date: string }) => row.date),
        };
      }
      const days = [...new Set(lines.map(l => l.date))].sort();
      const skippedRows = Object.values(input.skipped).reduce(
        (a, b) => a + b,
        0,
      );
      await tx('ai_cost_expense_files').insert({
        source_id: sourceId,
        sha256,
        rows: lines.length,
        cost_micros: lines.reduce((sum, l) => sum + l.cost, 0),
        first_day: days[0] ?? null,
        last_day: days[days.length - 1] ?? null,
        skipped_rows: skippedRows,
        skipped: JSON.stringify(input.skipped),
        imported_by: input.importedBy,
        imported_at: new Date(),
      });
      for (const batch of insertBatches(
        lines.map(line => lineRow(sourceId, sha256, line)),
      )) {
        await tx('ai_cost_expense_lines').insert(batch);
      }
      await this.writer.replace(tx, {
        sourceId,
        days: { days },
        rows: await expenseUsageRows(tx, sourceId, days),
      });
      return { status: 'imported' as const, rowsImported: lines.length, days };
    });
  }

  async expenseSpend(window: UsageWindow): Promise<ExpenseSpend> {
    const { from, to } = window;
    const attributed = await this.db('ai_cost_daily')
      .select('model', 'entity_ref')
      .sum({ cost: 'cost_micros' })
      .where('provider', EXPENSE_PROVIDER)
      .whereBetween('date', [from, to])
      .groupBy('model', 'entity_ref');
    const unallocated = await this.db('ai_cost_unallocated_daily')
      .select('model')
      .sum({ cost: 'cost_micros' })
      .where('provider', EXPENSE_PROVIDER)
      .whereBetween('date', [from, to])
      .groupBy('model');
    const users = await this.db('ai_cost_usage')
      .distinct('model', 'user_id')
      .where('provider', EXPENSE_PROVIDER)
      .whereBetween('date', [from, to])
      .whereNotNull('user_id');
    const firstSeen = await this.db('ai_cost_usage')
      .select('model')
      .min({ date: 'date' })
      .where('provider', EXPENSE_PROVIDER)
      .groupBy('model');
    return {
      attributed: attributed.map((row: any) => ({
        vendor: row.model ?? '',
        entityRef: row.entity_ref,
        cost: dbNumber(row.cost),
      })),
      unallocated: unallocated.map((row: any) => ({
        vendor: row.model ?? '',
        cost: dbNumber(row.cost),
      })),
      users: users.map((row: any) => ({
        vendor: row.model ?? '',
        userId: row.user_id,
      })),
      firstSeen: firstSeen.map((row: any) => ({
        vendor: row.model ?? '',
        date: row.date,
      })),
    };
  }
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError, InputError } from '@backstage/errors';
import {
  microsToNumber,
  type ExpenseImportResponse,
  type ImportLineMessage,
  type ShadowAiResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { Attributor } from '../attribution/Attributor';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { AiExpenseLine, ExpenseStore } from '../database/ExpenseStore';
import type { CsvRecord } from '../push/csv';
import { importReadError, invalidLinesError } from '../push/importErrors';
import { daysToWindows } from '../push/windows';
import type { VendorMatcher } from './aiVendors';
import { ExpenseColumns, ExpenseFileError, mapExpenseLine } from './expenseCsv';
import { approvedVendors, shadowAiReport } from './shadowAi';

/** Line messages kept in an error list; the rest are counted. */
const MAX_LINE_MESSAGES = 100;

/**
 * Expensed AI tools (DESIGN §9.3): imports corporate-card and expense
 * exports, keeping the lines of AI vendors as usage of provider `expense`
 * (attributed to the employee's groups through the catalog), and reports
 * which of that spend is approved and which is shadow AI. Domain logic
 * only: `service/expenseRoutes.ts` does HTTP, the store does SQL.
 */
export class ExpenseService {
  constructor(
    private readonly options: {
      store: ExpenseStore;
      /** The reporting currency, `aiCost.currency`. */
      currency: string;
      vendors: VendorMatcher;
      index: Pick<CatalogIndexReader, 'read'>;
      attributor: Pick<Attributor, 'attributeSource'>;
      afterAttribution?: () => Promise<void>;
      logger: LoggerService;
      /** `aiCost.push.maxImportBytes`: the largest file accepted. */
      maxImportBytes: number;
    },
  ) {}

  get maxImportBytes(): number {
    return this.options.maxImportBytes;
  }

  /**
   * Imports an expense file. Atomic: a file with any invalid line stores
   * nothing and the 400 lists every invalid line (`error.lines`). The same
   * content again is a duplicate and changes nothing. Lines of vendors that
   * are not AI vendors are skipped and counted.
   */
  async importExpenses(request: {
    sourceId: string;
    upload: { records: AsyncIterable<CsvRecord>; sha256(): string };
    importedBy: string;
  }): Promise<ExpenseImportResponse> {
    const { vendors } = this.options;
    const lines: AiExpenseLine[] = [];
    const errors: ImportLineMessage[] = [];
    let errorCount = 0;
    let dataRows = 0;
    let notAiVendor = 0;
    let columns: ExpenseColumns | undefined;
    try {
      for await (const record of request.upload.records) {
        if (!columns) {
          columns = ExpenseColumns.fromHeader(record);
          continue;
        }
        dataRows += 1;
        const nul = record.fields.findIndex(field => field.includes('\u0000'));
        const result =
          nul >= 0
            ? {
                ok: false as const,
                errors: [
                  `line ${record.line}: ${
                    columns.names[nul]?.trim() || `field ${nul + 1}`
                  } contains a NUL (U+0000) character`,
                ],
              }
            : mapExpenseLine(record, columns);
        if (!result.ok) {
          errorCount += result.errors.length;
          for (const message of result.errors) {
            if (errors.length < MAX_LINE_MESSAGES) {
              errors.push({ line: record.line, message });
            }
          }
          continue;
        }
        const vendor = vendors.match(result.line.vendorText);
        if (!vendor) {
          notAiVendor += 1;
          continue;
        }
        lines.push({ ...result.line, vendor });
      }
    } catch (error) {
      throw importReadError(error, [ExpenseFileError]);
    }
    if (!columns) {
      throw new InputError(
        'The file is empty; expected a header line (date, vendor, amount, currency, email or userRef) and lines',
      );
    }
    if (errorCount > 0) {
      throw invalidLinesError('The expense file', errorCount, errors);
    }

    const sha256 = request.upload.sha256();
    const outcome = await this.options.store.importExpenseFile({
      sourceId: request.sourceId,
      sha256,
      lines,
      importedBy: request.importedBy,
      skipped: { notAiVendor },
    });
    await this.reattribute(request.sourceId, outcome.days);
    this.options.logger.info(
      `Expense import to ${request.sourceId}: file sha256:${sha256} ${outcome.status}, ${outcome.rowsImported} AI line(s), ${notAiVendor} line(s) skipped as not an AI vendor`,
    );

    const byCurrency = new Map<string, number>();
    for (const line of lines) {
      byCurrency.set(
        line.currency,
        (byCurrency.get(line.currency) ?? 0) + line.cost,
      );
    }
    const totals = [...byCurrency]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, micros]) => ({
        currency,
        total: microsToNumber(micros),
      }));
    const days = lines.map(l => l.date).sort();
    return {
      sourceId: request.sourceId,
      sha256,
      status: outcome.status,
      rows: dataRows,
      rowsImported: outcome.rowsImported,
      skipped: { notAiVendor },
      from: days[0] ?? null,
      to: days[days.length - 1] ?? null,
      total: totals.length === 1 ? totals[0].total : null,
      currency: totals.length === 1 ? totals[0].currency : null,
      totals,
    };
  }

  /** Expensed AI spend of a window, approved against shadow (`GET /shadow-ai`). */
  async shadowAi(window: UsageWindow): Promise<ShadowAiResponse> {
    const index = await this.options.index.read();
    const declarations = [...index.graph.nodes()].flatMap(node =>
      node.vendors
        ? [{ entityRef: node.entityRef, vendors: node.vendors }]
        : [],
    );
    const report = shadowAiReport(
      await this.options.store.expenseSpend(window),
      approvedVendors(declarations, this.options.vendors),
    );
    return {
      currency: this.options.currency,
      from: window.from,
      to: window.to,
      total: microsToNumber(report.total),
      approved: microsToNumber(report.approved),
      shadow: microsToNumber(report.shadow),
      vendors: report.vendors.map(v => ({
        ...v,
        cost: microsToNumber(v.cost),
        unallocated: microsToNumber(v.unallocated),
      })),
    };
  }

  private async reattribute(sourceId: string, days: string[]) {
    if (days.length === 0) return;
    try {
      for (const window of daysToWindows(days)) {
        await this.options.attributor.attributeSource(sourceId, window);
      }
    } catch (error) {
      throw new ForwardedError(
        'The file was imported, but attributing the affected days failed; send the same file again to retry',
        error,
      );
    }
    await this.options.afterAttribution?.();
  }
}

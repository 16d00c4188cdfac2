import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { ExpenseLine } from '../expenses/expenseCsv';

/** An expense line of an AI vendor, ready to store. */
export interface AiExpenseLine extends ExpenseLine {
  /** The canonical AI vendor, e.g. `OpenAI`. */
  vendor: string;
}

/** An expense file ready to store: validated, the AI-vendor lines kept. */
export interface ExpenseFileInput {
  sourceId: string;
  sha256: string;
  lines: AiExpenseLine[];
  /** Who imported it: a user entity ref or a service subject. */
  importedBy: string;
  /** Lines left out, per reason (`notAiVendor`). */
  skipped: Record<string, number>;
}

/** Result of {@link ExpenseStore.importExpenseFile}. */
export interface ExpenseImportOutcome {
  status: 'imported' | 'duplicate';
  rowsImported: number;
  /** Days of the file's lines. */
  days: string[];
}

/** Expense spend of a window as `/shadow-ai` reads it; money in micro-units. */
export interface ExpenseSpend {
  /** Attributed spend per vendor and entity (`ai_cost_daily`). */
  attributed: Array<{ vendor: string; entityRef: string; cost: number }>;
  /** Unallocated spend per vendor (`ai_cost_unallocated_daily`). */
  unallocated: Array<{ vendor: string; cost: number }>;
  /** Who spent with each vendor in the window. */
  users: Array<{ vendor: string; userId: string }>;
  /** The first day each vendor was ever seen (any window). */
  firstSeen: Array<{ vendor: string; date: string }>;
}

/**
 * Imported expense files stored as received (their AI-vendor lines); the
 * `ai_cost_usage` rows of their days are recomputed from every stored line
 * of the source in the same transaction.
 */
export interface ExpenseStore {
  /**
   * Stores an expense file for a source (kind `expense`) and recomputes the
   * usage of its days. A file whose content is already stored for the source
   * is a duplicate and changes nothing.
   */
  importExpenseFile(input: ExpenseFileInput): Promise<ExpenseImportOutcome>;

  /** Attributed and unallocated expense spend of a window, by vendor. */
  expenseSpend(window: UsageWindow): Promise<ExpenseSpend>;
}

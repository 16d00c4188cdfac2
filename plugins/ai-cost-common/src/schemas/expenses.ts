import { z } from 'zod';
import { isoDaySchema } from './common';
import { refineWindow } from './costs';
import { pushSourceIdSchema } from './push';

/** Query of `POST /import/expenses`. @public */
export const expenseImportQuerySchema = z
  .object({
    sourceId: pushSourceIdSchema.default('expenses'),
  })
  .strict();

/** @public */
export type ExpenseImportQuery = z.input<typeof expenseImportQuerySchema>;

/** Response of `POST /import/expenses`. @public */
export type ExpenseImportResponse = {
  sourceId: string;
  /** sha256 of the decompressed file. */
  sha256: string;
  /** `duplicate`: the same file was imported before; nothing changed. */
  status: 'imported' | 'duplicate';
  /** Lines of the file (without the header). */
  rows: number;
  /** AI-vendor lines stored (0 for a duplicate). */
  rowsImported: number;
  /** Lines left out, per reason. */
  skipped: { notAiVendor: number };
  /** First and last day of the AI-vendor lines; null when there were none. */
  from: string | null;
  to: string | null;
  /** Sum of the AI-vendor lines as in the file; null when they mix currencies. */
  total: number | null;
  /** The currency of `total`; null when the lines mix currencies. */
  currency: string | null;
  /** Sum of the AI-vendor lines per currency, as in the file. */
  totals: Array<{ currency: string; total: number }>;
};

/** Query of `GET /shadow-ai`. @public */
export const shadowAiQuerySchema = z
  .object({ from: isoDaySchema, to: isoDaySchema })
  .strict()
  .superRefine(refineWindow);

/** @public */
export type ShadowAiQuery = z.infer<typeof shadowAiQuerySchema>;

/** One AI vendor's expensed spend in a window. @public */
export type ShadowAiVendor = {
  /** Canonical vendor name, e.g. `OpenAI`. */
  vendor: string;
  /** Attributed plus unallocated spend. */
  cost: number;
  /** Of `cost`, spend of employees the catalog does not know. */
  unallocated: number;
  /** Distinct employees who expensed it. */
  users: number;
  /** Entity refs its spend was attributed to (the employees' groups), most first. */
  groups: string[];
  /** Whether a catalog entity declares it with `ai-cost/vendor`. */
  approved: boolean;
  /** The entities that declare it. */
  approvedBy: string[];
  /** The first day it was ever expensed (not only in the window). */
  firstSeen: string;
};

/**
 * Response of `GET /shadow-ai`: `approved + shadow = total`, and the
 * vendors' costs add up to `total`. @public
 */
export type ShadowAiResponse = {
  currency: string;
  from: string;
  to: string;
  total: number;
  approved: number;
  shadow: number;
  vendors: ShadowAiVendor[];
};

import type { SourceInfo } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord, UsageWindow } from '@ai-cost/plugin-ai-cost-node';

/** How a run was started. */
export type RunTrigger = 'schedule' | 'manual';

/** One recorded ingestion run. */
export interface IngestionRun {
  id: number;
  sourceId: string;
  trigger: RunTrigger;
  window: UsageWindow;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  rowsUpserted: number;
  rowsDeleted: number;
  error: string | null;
}

/** A stored usage record with the source it came from. */
export interface StoredUsageRecord extends UsageRecord {
  sourceId: string;
  provider: string;
}

/** Sums over stored usage, money in micro-units. */
export interface UsageTotals {
  cost: number;
  estimatedCost: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  requests: number;
  rows: number;
}

/** Billed against list-price estimate for one source and day, micro-units. */
export interface DailyReconciliation {
  date: string;
  sourceId: string;
  provider: string;
  /** Cost the provider billed. */
  billed: number;
  /** List-price estimate of the billed usage (priced rows only). */
  estimatedOfBilled: number;
  /** Cost we estimated because no billed figure exists. */
  estimatedOnly: number;
  /** Records with usage no price is known for. */
  unpricedRecords: number;
}

/** Persistence of the AI Cost plugin. */
export interface AiCostStore {
  /** Makes sure every configured source has a row; keeps the state of known ones. */
  registerSources(
    sources: Array<{ id: string; provider: string }>,
  ): Promise<void>;
  listSources(): Promise<Array<SourceInfo & { backfilledFrom: string | null }>>;

  /** Records the start of a run and marks the source running. */
  startRun(options: {
    sourceId: string;
    trigger: RunTrigger;
    window: UsageWindow;
  }): Promise<IngestionRun>;

  /**
   * In one transaction: upserts every record of the window by natural key,
   * deletes rows of the window the provider no longer reports, and marks the
   * run and the source succeeded. Either all of it happens or none.
   */
  completeRun(options: {
    run: IngestionRun;
    provider: string;
    records: UsageRecord[];
    backfill: boolean;
  }): Promise<{ upserted: number; deleted: number }>;

  /**
   * One chunk of a streamed run, in its own transaction: upserts the
   * records (unique by natural key within the chunk) stamped with the run;
   * a key the run wrote in an earlier chunk is added to, as
   * `mergeUsageRecords` adds records. Deletes nothing. Returns the rows
   * written.
   */
  writeRunChunk(options: {
    run: IngestionRun;
    provider: string;
    records: UsageRecord[];
  }): Promise<number>;

  /**
   * Ends a streamed run whose chunks are all written, in one transaction:
   * deletes the window's rows the run did not write and marks the run and
   * the source succeeded. A superseded run fails here and deletes nothing.
   */
  finishRun(options: {
    run: IngestionRun;
    backfill: boolean;
  }): Promise<{ upserted: number; deleted: number }>;

  /**
   * Marks a run and its source failed. Nothing is deleted: a run that wrote
   * no chunk leaves stored usage untouched; a streamed run keeps the chunks
   * it wrote, and the next successful run replaces the whole window.
   */
  failRun(run: IngestionRun, error: string): Promise<void>;

  listRuns(sourceId: string, limit?: number): Promise<IngestionRun[]>;

  /** Usage rows of a window, optionally of one source, ordered by date. */
  listUsage(
    options: UsageWindow & { sourceId?: string },
  ): Promise<StoredUsageRecord[]>;

  sumUsage(options: UsageWindow & { sourceId?: string }): Promise<UsageTotals>;

  /** Per source and day: billed vs estimated, for the reconciliation report. */
  dailyReconciliation(window: UsageWindow): Promise<DailyReconciliation[]>;
}

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

  /** Marks a run and its source failed; stored usage is left untouched. */
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

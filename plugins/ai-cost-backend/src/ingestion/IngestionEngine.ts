import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  isError,
  NotFoundError,
  stringifyError,
} from '@backstage/errors';
import { addDays, dayOf } from '@ai-cost/plugin-ai-cost-common';
import {
  mergeUsageRecords,
  type AiCostProvider,
  type PricingService,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import type {
  AiCostStore,
  IngestionRun,
  RunTrigger,
  TaskRequestStore,
} from '../database';

/**
 * Records of a streamed run stored per transaction: large enough that the
 * per-transaction cost (source lock, run check) vanishes, small enough that
 * a chunk and its rows take a few MB.
 */
const CHUNK_RECORDS = 10_000;

/** Ingestion settings from `aiCost.ingestion`. */
export interface IngestionSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  lookbackDays: number;
  backfillDays: number;
}

/** What a finished run reports to listeners (attribution, anomalies). */
export interface IngestionResult {
  sourceId: string;
  window: UsageWindow;
  upserted: number;
  deleted: number;
}

/**
 * Runs every configured source on the scheduler: one global task per source,
 * so several backend replicas run each source once. The first successful run
 * backfills `backfillDays`; later runs re-read the trailing `lookbackDays` and
 * replace that window, so restated days replace earlier numbers and nothing
 * is counted twice. A provider that streams its records is stored a chunk
 * at a time and never held whole. A failed run deletes nothing (a streamed
 * one keeps the chunks it stored, which are newer provider data) and the
 * next run covers the same window again.
 */
export class IngestionEngine {
  private readonly providers = new Map<string, AiCostProvider>();

  constructor(
    private readonly options: {
      store: AiCostStore;
      /** Manual refreshes, kept in the database for whichever replica runs. */
      requests: TaskRequestStore;
      scheduler: SchedulerService;
      logger: LoggerService;
      pricing: PricingService;
      settings: IngestionSettings;
      providers: AiCostProvider[];
      onIngested?: (result: IngestionResult) => Promise<void>;
      now?: () => Date;
      /** Records of a streamed run per transaction; default 10,000. */
      chunkRecords?: number;
    },
  ) {
    for (const provider of options.providers) {
      if (this.providers.has(provider.id)) {
        throw new Error(
          `Duplicate AI Cost source id "${provider.id}"; source ids must be unique across providers`,
        );
      }
      this.providers.set(provider.id, provider);
    }
  }

  static taskId(sourceId: string): string {
    return `ai-cost-ingest:${sourceId}`;
  }

  /** Registers the sources and schedules their tasks. */
  async start(): Promise<void> {
    const { store, scheduler, settings } = this.options;
    await store.registerSources(
      [...this.providers.values()].map(p => ({
        id: p.id,
        provider: p.provider,
        demo: p.demo,
      })),
    );
    for (const provider of this.providers.values()) {
      await scheduler.scheduleTask({
        ...settings.schedule,
        id: IngestionEngine.taskId(provider.id),
        scope: 'global',
        fn: async signal => {
          const taskId = IngestionEngine.taskId(provider.id);
          const manual = await this.options.requests.pending(taskId);
          await this.runSource(
            provider.id,
            manual ? 'manual' : 'schedule',
            signal,
          );
          if (manual) await this.options.requests.complete(manual);
        },
      });
    }
  }

  /**
   * Asks the scheduler to run a source now, on whichever replica picks it
   * up. A source that is running already answers 409 and nothing is queued.
   */
  async refresh(sourceId: string): Promise<void> {
    if (!this.providers.has(sourceId)) {
      throw new NotFoundError(`No source with id "${sourceId}"`);
    }
    const taskId = IngestionEngine.taskId(sourceId);
    const request = await this.options.requests.request(taskId);
    try {
      await this.options.scheduler.triggerTask(taskId);
    } catch (error) {
      await this.options.requests.complete(request);
      // The scheduler's ConflictError may come from another copy of
      // @backstage/errors: compare by name.
      if (isError(error) && error.name === 'ConflictError') {
        throw new ConflictError(
          `Source "${sourceId}" is being ingested right now; refresh it again when the run has finished`,
        );
      }
      throw error;
    }
  }

  /**
   * Ingests one window of one source. Never throws for a provider failure:
   * the failure is recorded on the run and the source, and logged.
   */
  async runSource(
    sourceId: string,
    trigger: RunTrigger,
    signal?: AbortSignal,
  ): Promise<IngestionResult | undefined> {
    const { store, settings, pricing } = this.options;
    const provider = this.providers.get(sourceId);
    if (!provider) throw new NotFoundError(`No source with id "${sourceId}"`);
    const logger = this.options.logger.child({ sourceId });

    const source = (await store.listSources()).find(s => s.id === sourceId);
    const backfill =
      !source?.backfilledFrom || provider.rereadsHistory === true;
    const today = dayOf(this.options.now?.() ?? new Date());
    const days = Math.min(
      backfill ? settings.backfillDays : settings.lookbackDays,
      provider.historyDays ?? Infinity,
    );
    const window = { from: addDays(today, -(days - 1)), to: today };

    const run = await store.startRun({ sourceId, trigger, window });
    logger.info(
      `Ingesting ${provider.provider} source ${sourceId} for ${window.from}..${
        window.to
      } (${backfill ? 'backfill' : 'lookback'}, ${trigger})`,
    );
    let result: IngestionResult;
    const progress = { storing: false };
    try {
      const context = { logger, pricing, signal };
      const { upserted, deleted } = provider.streamUsage
        ? await this.storeStream(
            run,
            provider.provider,
            provider.streamUsage(window, context),
            backfill,
            progress,
          )
        : await this.storeWindow(
            run,
            provider.provider,
            await provider.fetchUsage(window, context),
            backfill,
            progress,
          );
      logger.info(
        `Ingested ${sourceId}: ${upserted} rows upserted, ${deleted} stale rows removed`,
      );
      result = { sourceId, window, upserted, deleted };
    } catch (error) {
      // Tell a provider failure from a failure to store what it returned
      // (invalid records, a lost database connection). Nothing of the
      // window was deleted: a whole window is replaced in one transaction,
      // and chunks a streamed run already stored stay until the next run.
      const message = progress.storing
        ? `Storing the ${window.from}..${
            window.to
          } window failed: ${stringifyError(error)}`
        : stringifyError(error);
      logger.error(`Ingestion of ${sourceId} failed: ${message}`);
      await store.failRun(run, message);
      return undefined;
    }
    try {
      await this.options.onIngested?.(result);
    } catch (error) {
      logger.error(
        `Processing after ingestion of ${sourceId} failed: ${stringifyError(
          error,
        )}`,
      );
    }
    return result;
  }

  /** A provider's whole window, replaced in one transaction. */
  private async storeWindow(
    run: IngestionRun,
    provider: string,
    records: UsageRecord[],
    backfill: boolean,
    progress: { storing: boolean },
  ) {
    progress.storing = true;
    return this.options.store.completeRun({
      run,
      provider,
      records,
      backfill,
    });
  }

  /**
   * A provider's pages, gathered into chunks of about `chunkRecords`
   * records (merged by natural key) that are stored as they fill, each in
   * its own transaction, so neither the window nor a transaction spans the
   * provider's requests. Once the last page is stored, the rows of the
   * window the run did not write are deleted.
   */
  private async storeStream(
    run: IngestionRun,
    provider: string,
    pages: AsyncIterable<UsageRecord[]>,
    backfill: boolean,
    progress: { storing: boolean },
  ) {
    const { store, chunkRecords = CHUNK_RECORDS } = this.options;
    let chunk: UsageRecord[] = [];
    const writeChunk = async () => {
      progress.storing = true;
      await store.writeRunChunk({
        run,
        provider,
        records: mergeUsageRecords(chunk),
      });
      progress.storing = false;
      chunk = [];
    };
    for await (const page of pages) {
      for (const record of page) chunk.push(record);
      if (chunk.length >= chunkRecords) await writeChunk();
    }
    if (chunk.length > 0) await writeChunk();
    progress.storing = true;
    return store.finishRun({ run, backfill });
  }
}

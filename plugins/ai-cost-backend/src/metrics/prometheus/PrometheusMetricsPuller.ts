import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { addDays, dayOf } from '@ai-cost/plugin-ai-cost-common';
import type { MetricStore, MetricWindow } from '../../database/MetricStore';
import type { MetricPoint } from '../types';
import { mergeMetricPoints } from './mergeMetricPoints';
import { PrometheusClient } from './PrometheusClient';
import type { PrometheusSourceSettings } from './readPrometheusSettings';

/** @internal */
export interface PrometheusMetricsPullerOptions {
  /** `aiCost.metrics.prometheus`, from `readPrometheusSettings`. */
  sources: PrometheusSourceSettings[];
  store: Pick<MetricStore, 'replaceWindow' | 'unitsOf'>;
  scheduler: SchedulerService;
  logger: LoggerService;
  now?: () => Date;
  /** Called after a source's window was replaced, e.g. to re-run metric splits. */
  onPulled?: (sourceId: string, window: MetricWindow) => Promise<void>;
}

/** What one successful pull stored. */
export interface PrometheusPullResult {
  window: MetricWindow;
  /** Points written (the window's earlier points of the source replaced). */
  points: number;
  /** Samples or series left out (NaN, negative, no entity label...). */
  problems: string[];
  /** Prometheus's warnings: some values may be partial. */
  warnings: string[];
}

/**
 * Pulls business metrics from Prometheus (`aiCost.metrics.prometheus`,
 * DESIGN §9.2): one global scheduled task per source re-reads the trailing
 * `lookbackDays` complete UTC days (ending yesterday) of every query and
 * replaces the source's points in that window at once. If any query fails,
 * nothing is written and the failure is logged with the source id.
 */
export class PrometheusMetricsPuller {
  readonly #sources = new Map<
    string,
    { settings: PrometheusSourceSettings; client: PrometheusClient }
  >();

  constructor(private readonly options: PrometheusMetricsPullerOptions) {
    for (const settings of options.sources) {
      this.#sources.set(settings.id, {
        settings,
        client: new PrometheusClient({ source: settings }),
      });
    }
  }

  static taskId(sourceId: string): string {
    return `ai-cost-metrics-${sourceId}`;
  }

  /** Schedules one task per source. */
  async start(): Promise<void> {
    for (const { settings } of this.#sources.values()) {
      await this.options.scheduler.scheduleTask({
        ...settings.schedule,
        id: PrometheusMetricsPuller.taskId(settings.id),
        scope: 'global',
        fn: async signal => {
          // A failure is logged by pullNow; the next run retries.
          await this.pullNow(settings.id, signal).catch(() => undefined);
        },
      });
    }
  }

  /**
   * Pulls one source now. Throws (after logging) when a query fails or the
   * store refuses the points; the stored window is then unchanged. An error
   * of `onPulled` is thrown too, after the points were stored.
   */
  async pullNow(
    sourceId: string,
    signal?: AbortSignal,
  ): Promise<PrometheusPullResult> {
    const source = this.#sources.get(sourceId);
    if (!source) {
      throw new NotFoundError(`No Prometheus metrics source "${sourceId}"`);
    }
    const { settings, client } = source;
    const logger = this.options.logger.child({ sourceId });
    const window = this.windowOf(settings);
    let result: PrometheusPullResult;
    try {
      await this.checkUnits(settings);
      const read = await this.read(settings, client, window, signal);
      await this.options.store.replaceWindow(sourceId, window, read.points);
      result = { ...read, window, points: read.points.length };
    } catch (error) {
      logger.error(
        `Prometheus metrics source ${sourceId} failed for ${window.from}..${
          window.to
        }; nothing stored: ${(error as Error).message}`,
      );
      throw error;
    }
    for (const problem of result.problems) {
      logger.warn(`Prometheus metrics source ${sourceId}: ${problem}`);
    }
    for (const warning of result.warnings) {
      logger.warn(
        `Prometheus metrics source ${sourceId} warned, values may be partial: ${warning}`,
      );
    }
    logger.info(
      `Prometheus metrics source ${sourceId}: stored ${result.points} points for ${window.from}..${window.to}`,
    );
    try {
      await this.options.onPulled?.(sourceId, window);
    } catch (error) {
      logger.error(
        `Prometheus metrics source ${sourceId} stored its points, but what follows a pull failed: ${
          (error as Error).message
        }`,
      );
      throw error;
    }
    return result;
  }

  /**
   * A metric keeps one unit, as `POST /metrics` requires: a query stating a
   * unit other than the one already stored (pushed, or pulled by another
   * source) is refused before anything is read, naming both units.
   */
  private async checkUnits(settings: PrometheusSourceSettings) {
    const stated = settings.queries.filter(q => q.unit !== null);
    if (stated.length === 0) return;
    const stored = await this.options.store.unitsOf([
      ...new Set(stated.map(q => q.metric)),
    ]);
    for (const query of stated) {
      const unit = stored.get(query.metric) ?? null;
      if (unit !== null && unit !== query.unit) {
        throw new InputError(
          `metric ${query.metric}: the query states the unit ${query.unit}, but ${query.metric} is stored in ${unit}; state ${unit} in aiCost.metrics.prometheus or pull the values under another metric name`,
        );
      }
    }
  }

  /** Every query of a source over the window; throws at the first failed query. */
  private async read(
    settings: PrometheusSourceSettings,
    client: PrometheusClient,
    window: MetricWindow,
    signal?: AbortSignal,
  ): Promise<
    Omit<PrometheusPullResult, 'window' | 'points'> & {
      points: MetricPoint[];
    }
  > {
    const points: MetricPoint[] = [];
    const problems: string[] = [];
    const warnings: string[] = [];
    for (const query of settings.queries) {
      const result = await client
        .queryDaily(query, window, signal)
        .catch((error: Error) => {
          throw new Error(`metric ${query.metric}: ${error.message}`);
        });
      points.push(...result.points);
      problems.push(...result.problems);
      warnings.push(
        ...result.warnings.map(w => `metric ${query.metric}: ${w}`),
      );
    }
    // Two queries of one metric may yield the same point: write it once.
    const merged = mergeMetricPoints(points);
    return {
      points: merged.points,
      problems: [...problems, ...merged.problems],
      warnings,
    };
  }

  /** The trailing `lookbackDays` days ending yesterday (UTC): today is incomplete. */
  private windowOf(settings: PrometheusSourceSettings): MetricWindow {
    const today = dayOf(this.options.now?.() ?? new Date());
    const to = addDays(today, -1);
    return { from: addDays(to, -(settings.lookbackDays - 1)), to };
  }
}

import type { SchedulerService } from '@backstage/backend-plugin-api';
import { addDays, dayOf } from '@ai-cost/plugin-ai-cost-common';
import type { MetricStore } from '../database/MetricStore';
import { DEMO_METRICS_ORIGIN, demoMetricPoints } from './demoMetrics';

/**
 * Writes the demo org's business metrics (`aiCost.demo.enabled`) for the
 * days the demo sources cover, as a scheduled global task, so that unit
 * costs and customer margins have values in the demo portal.
 */
export class DemoMetricsTask {
  static readonly TASK_ID = 'ai-cost-demo-metrics';

  constructor(
    private readonly options: {
      store: Pick<MetricStore, 'replaceWindow'>;
      scheduler: SchedulerService;
      /** Days back from today, as the demo sources backfill. */
      days: number;
      now?: () => Date;
    },
  ) {}

  async start(): Promise<void> {
    await this.options.scheduler.scheduleTask({
      id: DemoMetricsTask.TASK_ID,
      scope: 'global',
      frequency: { hours: 6 },
      timeout: { minutes: 5 },
      fn: () => this.run(),
    });
  }

  async run(): Promise<void> {
    const today = dayOf(this.options.now?.() ?? new Date());
    const window = { from: addDays(today, -this.options.days), to: today };
    await this.options.store.replaceWindow(
      DEMO_METRICS_ORIGIN,
      window,
      demoMetricPoints(window),
    );
  }
}

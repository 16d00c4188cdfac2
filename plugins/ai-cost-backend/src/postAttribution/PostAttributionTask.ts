import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { TaskRequestStore } from '../database';

/** The work that follows a change of attributed spend, in order. */
export interface PostAttributionSteps {
  detectAnomalies(): Promise<{ anomalies: number; notified: number }>;
  checkBudgetAlerts(): Promise<number>;
  evaluateRecommendations(): Promise<{ open: number }>;
  /** Model policy violations not notified before; returns how many were. */
  notifyPolicyViolations?(): Promise<number>;
}

/**
 * Anomaly scan, budget alerts, recommendations and policy violations after attributed spend
 * changed (an ingestion run, a push, an import, a claims change). Requests
 * are recorded in the database and one global scheduled task does the work:
 * however many requests arrive, and on however many replicas, they coalesce
 * into one run per tick on one replica. A request made while a run is in
 * progress stays pending for the next tick.
 */
export class PostAttributionTask {
  static readonly TASK_ID = 'ai-cost-post-attribution';

  constructor(
    private readonly options: {
      scheduler: SchedulerService;
      requests: TaskRequestStore;
      logger: LoggerService;
      steps: PostAttributionSteps;
      schedule: SchedulerServiceTaskScheduleDefinition;
    },
  ) {}

  async start(): Promise<void> {
    await this.options.scheduler.scheduleTask({
      ...this.options.schedule,
      id: PostAttributionTask.TASK_ID,
      scope: 'global',
      fn: async signal => {
        await this.runPending(signal);
      },
    });
  }

  /** Records that attributed spend changed; the next tick does the work. */
  async request(): Promise<void> {
    await this.options.requests.request(PostAttributionTask.TASK_ID);
  }

  /** Does the pending work, if any; true when it ran. */
  async runPending(signal?: AbortSignal): Promise<boolean> {
    const { requests } = this.options;
    const claimed = await requests.pending(PostAttributionTask.TASK_ID);
    if (!claimed) return false;
    await this.run(signal);
    await requests.complete(claimed);
    return true;
  }

  /** Runs every step now, whether requested or not. */
  async run(signal?: AbortSignal): Promise<void> {
    const { steps, logger } = this.options;
    const found = await steps.detectAnomalies();
    signal?.throwIfAborted();
    const sent = await steps.checkBudgetAlerts();
    signal?.throwIfAborted();
    const recommended = await steps.evaluateRecommendations();
    signal?.throwIfAborted();
    const violations = (await steps.notifyPolicyViolations?.()) ?? 0;
    logger.info(
      `After attribution: ${found.anomalies} anomalies (${found.notified} notified), ${sent} budget notification(s), ${recommended.open} open recommendation(s), ${violations} new policy violation(s) notified`,
    );
  }
}

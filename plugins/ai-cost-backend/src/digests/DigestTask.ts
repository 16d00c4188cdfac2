import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { DigestService } from './DigestService';

/**
 * Sends the digests that are due: one global task, so one replica at a
 * time; the period claim in the database keeps a digest from going out
 * twice even so. Runs every ten minutes, so a digest goes out early on its
 * day, or as soon as a backend down at midnight is up again.
 */
export class DigestTask {
  static readonly TASK_ID = 'ai-cost-digests';

  constructor(
    private readonly options: {
      scheduler: SchedulerService;
      logger: LoggerService;
      digests: DigestService;
      /** The demo sends last week's digest on any day, once the demo spend is in. */
      demo: boolean;
    },
  ) {}

  async start(): Promise<void> {
    await this.options.scheduler.scheduleTask({
      id: DigestTask.TASK_ID,
      scope: 'global',
      frequency: { minutes: 10 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      fn: () => this.run(),
    });
  }

  async run(): Promise<void> {
    const results = await this.options.digests.sendDue({
      weeklyAnyDay: this.options.demo,
    });
    for (const result of results.filter(r => r.status === 'sent')) {
      this.options.logger.info(
        `Sent the ${result.kind} AI cost digest for ${result.period.from} – ${result.period.to} to ${result.recipients} recipient(s)`,
      );
    }
  }
}

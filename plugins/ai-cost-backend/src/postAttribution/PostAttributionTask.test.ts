import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseTaskRequestStore } from '../database';
import { applyMigrations } from '../database/migrations';
import { PostAttributionTask } from './PostAttributionTask';

jest.setTimeout(60_000);

describe('PostAttributionTask', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyMigrations(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
      const calls: string[] = [];
      let duringRun: (() => Promise<void>) | undefined;
      const scheduler = mockServices.scheduler.mock();
      const replica = () =>
        new PostAttributionTask({
          scheduler,
          requests: new DatabaseTaskRequestStore(knex),
          logger: mockServices.logger.mock(),
          schedule: { frequency: { seconds: 15 }, timeout: { minutes: 1 } },
          steps: {
            async detectAnomalies() {
              calls.push('anomalies');
              await duringRun?.();
              return { anomalies: 0, notified: 0 };
            },
            async checkBudgetAlerts() {
              calls.push('budgets');
              return 0;
            },
            async evaluateRecommendations() {
              calls.push('recommendations');
              return { open: 0 };
            },
          },
        });
      return {
        calls,
        scheduler,
        replica,
        setDuringRun: (fn: () => Promise<void>) => {
          duringRun = fn;
        },
      };
    }

    it('is one global task', async () => {
      const { replica, scheduler } = await setup();
      await replica().start();
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'ai-cost-post-attribution',
          scope: 'global',
          frequency: { seconds: 15 },
        }),
      );
    });

    it('does nothing when nothing was requested', async () => {
      const { replica, calls } = await setup();
      expect(await replica().runPending()).toBe(false);
      expect(calls).toEqual([]);
    });

    it('coalesces requests from several replicas into one run', async () => {
      const { replica, calls } = await setup();
      const [a, b] = [replica(), replica()];
      await Promise.all([a.request(), b.request(), a.request(), b.request()]);

      expect(await b.runPending()).toBe(true);
      expect(calls).toEqual(['anomalies', 'budgets', 'recommendations']);
      expect(await a.runPending()).toBe(false);
      expect(calls).toHaveLength(3);
    });

    it('keeps a request made during a run for the next run', async () => {
      const { replica, calls, setDuringRun } = await setup();
      const task = replica();
      await task.request();
      setDuringRun(async () => {
        setDuringRun(async () => {});
        await replica().request();
      });

      expect(await task.runPending()).toBe(true);
      expect(await task.runPending()).toBe(true);
      expect(await task.runPending()).toBe(false);
      expect(calls.filter(c => c === 'anomalies')).toHaveLength(2);
    });

    it('keeps the request when a step fails, so the next tick retries', async () => {
      const { replica, calls, setDuringRun } = await setup();
      const task = replica();
      await task.request();
      setDuringRun(async () => {
        throw new Error('database went away');
      });
      await expect(task.runPending()).rejects.toThrow('database went away');

      setDuringRun(async () => {});
      expect(await task.runPending()).toBe(true);
      expect(calls).toEqual([
        'anomalies',
        'anomalies',
        'budgets',
        'recommendations',
      ]);
    });

    it('stops between steps when the scheduler aborts it', async () => {
      const { replica, calls } = await setup();
      const task = replica();
      await task.request();
      const controller = new AbortController();
      controller.abort();
      await expect(task.runPending(controller.signal)).rejects.toThrow();
      expect(calls).toEqual(['anomalies']);
      expect(await task.runPending()).toBe(true);
    });
  });
});

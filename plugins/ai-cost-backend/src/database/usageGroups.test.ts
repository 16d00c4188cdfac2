import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { UsageRecord, UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { UsageGroup } from '../attribution/attributeUsage';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const migrationsDir = path.resolve(__dirname, '../../migrations');

const WINDOW = { from: '2026-10-01', to: '2026-10-03' };

function record(
  date: string,
  cost: number,
  extra: Partial<UsageRecord> = {},
): UsageRecord {
  return {
    date,
    projectId: 'proj_a',
    model: 'gpt-4o',
    inputTokens: cost * 10,
    requests: 1,
    cost,
    currency: 'USD',
    costKind: 'billed',
    ...extra,
  };
}

/** Groups in one order, whichever order the database answered them in. */
function sorted(groups: UsageGroup[]) {
  return [...groups].sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : 1,
  );
}

describe('usage groups kept for re-attribution', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const stores = await createStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await stores.usage.registerSources([
        { id: 'openai-prod', provider: 'openai' },
        { id: 'focus-files', provider: 'focus' },
        { id: 'never-ran', provider: 'anthropic' },
      ]);
      /** Replaces a source's usage of a window, as a pulled run does. */
      const ingest = async (
        sourceId: string,
        provider: string,
        window: UsageWindow,
        records: UsageRecord[],
      ) => {
        const run = await stores.usage.startRun({
          sourceId,
          trigger: 'manual',
          window,
        });
        await stores.usage.completeRun({
          run,
          provider,
          records,
          backfill: false,
        });
      };
      /** The groups a re-attribution of the source reads. */
      const groupsRead = async (
        sourceId: string,
        options: { window?: UsageWindow; days?: string[]; byUser?: boolean },
      ) => {
        let read: UsageGroup[] = [];
        await stores.attribution.reattribute({
          sourceId,
          window: options.window ?? WINDOW,
          days: options.days,
          byUser: options.byUser,
          attribute: groups => {
            read = groups;
            return { attributed: [], unallocated: [] };
          },
        });
        return sorted(read);
      };
      /** Raw usage grouped as re-attribution groups it, read directly. */
      const rawGroups = async (sourceId: string, byUser = false) =>
        sorted(
          (
            await stores.attribution.usageGroups({ window: WINDOW, byUser })
          ).filter(group => group.sourceId === sourceId),
        );
      const staleDays = async () =>
        (
          await knex('ai_cost_usage_stale_days')
            .select('source_id', 'date')
            .orderBy(['source_id', 'date'])
        ).map(row => `${row.source_id} ${row.date}`);
      return { knex, stores, ingest, groupsRead, rawGroups, staleDays };
    }

    it('reads the sums of raw usage, summed again after every write of their days', async () => {
      const { ingest, groupsRead, rawGroups, staleDays } = await setup();
      await ingest('openai-prod', 'openai', WINDOW, [
        // Two hours of one group, summed.
        record('2026-10-01', 100, { hour: 1 }),
        record('2026-10-01', 250, { hour: 2 }),
        record('2026-10-01', 7, { apiKeyId: 'key_1', tags: { env: 'prod' } }),
        record('2026-10-02', 40),
        record('2026-10-03', 9, { costKind: 'estimated' }),
      ]);
      expect(await staleDays()).toEqual([
        'openai-prod 2026-10-01',
        'openai-prod 2026-10-02',
        'openai-prod 2026-10-03',
      ]);
      const first = await groupsRead('openai-prod', {});
      expect(first).toEqual(await rawGroups('openai-prod'));
      expect(first.map(group => [group.date, group.cost])).toEqual(
        expect.arrayContaining([
          ['2026-10-01', 350],
          ['2026-10-01', 7],
          ['2026-10-02', 40],
          ['2026-10-03', 9],
        ]),
      );
      expect(first.find(group => group.date === '2026-10-03')).toMatchObject({
        estimatedOnly: 9,
        inputTokens: 90,
      });
      expect(await staleDays()).toEqual([]);

      // A run restating 2 October (the 3rd unchanged, the 1st's hour 2 and
      // key row gone): its days are marked, and the groups follow.
      await ingest('openai-prod', 'openai', WINDOW, [
        record('2026-10-01', 100, { hour: 1 }),
        record('2026-10-02', 45),
        record('2026-10-03', 9, { costKind: 'estimated' }),
      ]);
      expect(await staleDays()).toHaveLength(3);
      const second = await groupsRead('openai-prod', {});
      expect(second).toEqual(await rawGroups('openai-prod'));
      expect(second.map(group => [group.date, group.cost])).toEqual([
        ['2026-10-01', 100],
        ['2026-10-02', 45],
        ['2026-10-03', 9],
      ]);
    });

    it('reads marked days of some days only from raw usage, and sums them again for a whole window', async () => {
      const { knex, ingest, groupsRead, rawGroups, staleDays } = await setup();
      await ingest('openai-prod', 'openai', WINDOW, [
        record('2026-10-01', 1),
        record('2026-10-02', 2),
        record('2026-10-03', 3),
      ]);
      const keptRows = async () =>
        Number((await knex('ai_cost_usage_groups').count({ n: '*' }))[0].n);
      // Some days (a push's today): read from raw usage, still marked.
      expect(await groupsRead('openai-prod', { days: ['2026-10-03'] })).toEqual(
        [expect.objectContaining({ date: '2026-10-03', cost: 3 })],
      );
      expect(await staleDays()).toHaveLength(3);
      expect(await keptRows()).toBe(0);
      // A whole window sums and keeps them.
      expect(await groupsRead('openai-prod', {})).toEqual(
        await rawGroups('openai-prod'),
      );
      expect(await staleDays()).toEqual([]);
      expect(await keptRows()).toBe(3);
      // Then some days read the kept groups, one restated day from raw usage.
      await ingest(
        'openai-prod',
        'openai',
        { from: '2026-10-02', to: '2026-10-02' },
        [record('2026-10-02', 20)],
      );
      expect(
        (
          await groupsRead('openai-prod', {
            days: ['2026-10-01', '2026-10-02'],
          })
        ).map(group => [group.date, group.cost]),
      ).toEqual([
        ['2026-10-01', 1],
        ['2026-10-02', 20],
      ]);
    });

    it('marks the days of pushed usage', async () => {
      const { stores, groupsRead, rawGroups, staleDays } = await setup();
      const pushed = {
        format: 'otel' as const,
        upstreamProvider: 'openai',
        model: 'gpt-4o',
        apiKeyId: null,
        userId: null,
        tags: null,
        inputTokens: 10,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 1,
        reasoningTokens: 0,
        requests: 1,
        givenCost: null,
        currency: 'USD',
        costKind: 'estimated' as const,
        unpriced: false,
      };
      const push = (eventId: string, cost: number) =>
        stores.push.ingestEvents({
          sourceId: 'gw',
          events: [
            {
              ...pushed,
              eventId,
              contentHash: eventId,
              occurredAt: '2026-10-02T10:00:00.000Z',
              date: '2026-10-02',
              cost,
              estimatedCost: cost,
            },
          ],
        });
      await push('e1', 100);
      expect(await staleDays()).toEqual(['gw 2026-10-02']);
      expect((await groupsRead('gw', {})).map(g => g.cost)).toEqual([100]);
      // A second push adds to the stored row of the day: marked again.
      await push('e2', 50);
      expect(await staleDays()).toEqual(['gw 2026-10-02']);
      const read = await groupsRead('gw', {});
      expect(read.map(g => [g.cost, g.lineItem])).toEqual([[150, 'openai']]);
      expect(read).toEqual(await rawGroups('gw'));
    });

    it('groups raw usage by user when an allocation rule matches on it', async () => {
      const { ingest, groupsRead, rawGroups } = await setup();
      await ingest('openai-prod', 'openai', WINDOW, [
        record('2026-10-01', 1, { userId: 'ana' }),
        record('2026-10-01', 2, { userId: 'bo' }),
      ]);
      const byUser = await groupsRead('openai-prod', { byUser: true });
      expect(byUser.map(group => [group.userId, group.cost])).toEqual([
        ['ana', 1],
        ['bo', 2],
      ]);
      expect(byUser).toEqual(await rawGroups('openai-prod', true));
      // Without users, one group.
      expect(
        (await groupsRead('openai-prod', {})).map(group => group.cost),
      ).toEqual([3]);
    });

    it("answers each source's span of stored usage, of some providers or kinds", async () => {
      const { stores, ingest } = await setup();
      await ingest('openai-prod', 'openai', WINDOW, [
        record('2026-10-01', 1),
        record('2026-10-03', 1),
      ]);
      // A FOCUS file source whose rows name AWS.
      await ingest(
        'focus-files',
        'aws',
        { from: '2026-09-01', to: '2026-09-30' },
        [record('2026-09-15', 1)],
      );
      const span = (
        sourceId: string,
        provider: string,
        from: string,
        to: string,
      ) => ({
        sourceId,
        provider,
        from,
        to,
      });
      const openai = span('openai-prod', 'openai', '2026-10-01', '2026-10-03');
      const focus = span('focus-files', 'focus', '2026-09-15', '2026-09-15');
      expect(await stores.attribution.usageSpans()).toEqual([focus, openai]);
      expect(await stores.attribution.usageSpans(['aws'])).toEqual([focus]);
      expect(await stores.attribution.usageSpans(['focus'])).toEqual([focus]);
      expect(await stores.attribution.usageSpans(['openai'])).toEqual([openai]);
      // A source of the kind without usage has no span.
      expect(await stores.attribution.usageSpans(['anthropic'])).toEqual([]);
    });

    it('marks every day of usage stored before the groups existed when migrating', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261211000000_usage_groups.js',
      });
      const row = {
        source_id: 'openai-prod',
        provider: 'openai',
        model: 'gpt-4o',
        project_id: 'proj_a',
        currency: 'USD',
        cost_kind: 'billed',
      };
      await knex('ai_cost_sources').insert({
        id: 'openai-prod',
        provider: 'openai',
        status: 'succeeded',
        rows_upserted: 3,
      });
      await knex('ai_cost_usage').insert([
        { ...row, date: '2026-10-01', record_key: 'a', cost_micros: 5 },
        { ...row, date: '2026-10-01', record_key: 'b', cost_micros: 6 },
        { ...row, date: '2026-10-02', record_key: 'c', cost_micros: 7 },
      ]);
      await knex.migrate.latest({ directory: migrationsDir });

      const stores = await createStores({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(
        (await knex('ai_cost_usage_stale_days').orderBy('date')).map(
          r => `${r.source_id} ${r.date}`,
        ),
      ).toEqual(['openai-prod 2026-10-01', 'openai-prod 2026-10-02']);
      let read: UsageGroup[] = [];
      await stores.attribution.reattribute({
        sourceId: 'openai-prod',
        window: WINDOW,
        attribute: groups => {
          read = groups;
          return { attributed: [], unallocated: [] };
        },
      });
      expect(sorted(read).map(group => [group.date, group.cost])).toEqual([
        ['2026-10-01', 11],
        ['2026-10-02', 7],
      ]);
    });
  });
});

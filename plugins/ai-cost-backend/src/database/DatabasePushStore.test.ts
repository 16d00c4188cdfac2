import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { FocusRow } from '../push/focus';
import type { PricedPushEvent } from '../push/pricing';
import { createStores } from './createStores';

jest.setTimeout(60_000);

function event(overrides: Partial<PricedPushEvent>): PricedPushEvent {
  return {
    eventId: 'e1',
    contentHash: 'hash-e1',
    format: 'otel',
    occurredAt: '2026-11-01T10:00:00.000Z',
    date: '2026-11-01',
    upstreamProvider: 'openai',
    model: 'gpt-4o',
    apiKeyId: null,
    userId: null,
    tags: { service: 'gw', env: 'prod' },
    inputTokens: 1000,
    cachedInputTokens: 200,
    cacheWriteTokens: 0,
    outputTokens: 300,
    reasoningTokens: 0,
    requests: 1,
    givenCost: null,
    cost: 5750,
    currency: 'USD',
    costKind: 'estimated',
    estimatedCost: 5750,
    unpriced: false,
    ...overrides,
  };
}

function focusRow(overrides: Partial<FocusRow>): FocusRow {
  return {
    line: 2,
    date: '2026-10-01',
    provider: 'aws',
    providerName: 'AWS',
    serviceName: 'Amazon Bedrock',
    chargeCategory: 'Usage',
    accountId: '111122223333',
    projectId: null,
    resourceId: null,
    region: 'us-east-1',
    tags: null,
    model: null,
    lineItem: 'Amazon Bedrock / input tokens',
    inputTokens: 1000,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 0,
    billedCost: 1_000_000,
    effectiveCost: 900_000,
    listCost: 1_100_000,
    currency: 'USD',
    ...overrides,
  };
}

/** Usage rows of a source without their ids, in a stable order. */
async function usage(
  knex: Knex,
  sourceId: string,
): Promise<Array<Record<string, any>>> {
  const rows = await knex('ai_cost_usage')
    .where({ source_id: sourceId })
    .orderBy(['date', 'record_key']);
  return rows.map(({ id: _, ...row }: Record<string, unknown>) => ({
    ...row,
    cost_micros: Number(row.cost_micros),
    estimated_cost_micros:
      row.estimated_cost_micros === null
        ? null
        : Number(row.estimated_cost_micros),
    input_tokens: Number(row.input_tokens),
    cached_input_tokens: Number(row.cached_input_tokens),
    output_tokens: Number(row.output_tokens),
    requests: Number(row.requests),
    unpriced: Boolean(row.unpriced),
  }));
}

describe('DatabasePushStore', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const { push: store } = await createStores({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores new events once, tells duplicates from conflicts, and sums usage per day from the stored events', async () => {
      const { knex, store } = await createStore(databaseId);
      const batch = [
        event({ eventId: 'a', contentHash: 'ha' }),
        event({
          eventId: 'b',
          contentHash: 'hb',
          cost: 250,
          estimatedCost: 250,
        }),
        event({
          eventId: 'c',
          contentHash: 'hc',
          date: '2026-11-02',
          tags: { service: 'other' },
        }),
        event({ eventId: 'a', contentHash: 'ha' }),
      ];
      const first = await store.ingestEvents({
        sourceId: 'gateway',
        events: batch,
      });
      expect(first).toEqual({
        outcomes: ['accepted', 'accepted', 'accepted', 'duplicate'],
        recomputedDays: ['2026-11-01', '2026-11-02'],
        usageRows: 2,
      });
      const rows = await usage(knex, 'gateway');
      expect(rows).toEqual([
        expect.objectContaining({
          provider: 'gateway',
          date: '2026-11-01',
          line_item: 'openai',
          model: 'gpt-4o',
          tags: '{"env":"prod","service":"gw"}',
          cost_micros: 6000,
          estimated_cost_micros: 6000,
          input_tokens: 2000,
          cached_input_tokens: 400,
          output_tokens: 600,
          requests: 2,
          cost_kind: 'estimated',
          unpriced: false,
        }),
        expect.objectContaining({
          date: '2026-11-02',
          tags: '{"service":"other"}',
          cost_micros: 5750,
          requests: 1,
        }),
      ]);

      const again = await store.ingestEvents({
        sourceId: 'gateway',
        events: batch,
      });
      expect(again).toEqual({
        outcomes: ['duplicate', 'duplicate', 'duplicate', 'duplicate'],
        recomputedDays: [],
        usageRows: 0,
      });
      expect(await usage(knex, 'gateway')).toEqual(rows);
      expect(await store.countEvents('gateway')).toBe(3);

      const clash = await store.ingestEvents({
        sourceId: 'gateway',
        events: [event({ eventId: 'a', contentHash: 'changed', cost: 1 })],
      });
      expect(clash.outcomes).toEqual(['conflict']);
      expect(await usage(knex, 'gateway')).toEqual(rows);

      const [source] = await knex('ai_cost_sources').where({ id: 'gateway' });
      expect(source).toMatchObject({
        provider: 'gateway',
        status: 'succeeded',
        fresh_through: '2026-11-02',
      });
    });

    it('keeps billed, estimated and unpriced events of one model apart and never sums unpriced to a price', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.ingestEvents({
        sourceId: 'gateway',
        events: [
          event({ eventId: 'est', contentHash: '1' }),
          event({
            eventId: 'billed',
            contentHash: '2',
            cost: 7000,
            costKind: 'billed',
            givenCost: 7000,
          }),
          event({
            eventId: 'unknown',
            contentHash: '3',
            model: 'in-house',
            cost: 0,
            estimatedCost: null,
            unpriced: true,
          }),
        ],
      });
      const rows = await usage(knex, 'gateway');
      expect(
        rows
          .map(r => [
            r.model,
            r.cost_kind,
            r.cost_micros,
            r.estimated_cost_micros,
            r.unpriced,
          ])
          .sort(),
      ).toEqual([
        ['gpt-4o', 'billed', 7000, 5750, false],
        ['gpt-4o', 'estimated', 5750, 5750, false],
        ['in-house', 'estimated', 0, null, true],
      ]);
    });

    it('refuses to push into a source of another kind', async () => {
      const { knex, store } = await createStore(databaseId);
      await knex('ai_cost_sources').insert({
        id: 'openai-prod',
        provider: 'openai',
        status: 'never-run',
        rows_upserted: 0,
      });
      await expect(
        store.ingestEvents({ sourceId: 'openai-prod', events: [event({})] }),
      ).rejects.toThrow(
        new ConflictError(
          'Source "openai-prod" is a openai source; gateway data needs a source id of its own',
        ),
      );
      expect(await store.countEvents('openai-prod')).toBe(0);
    });

    it('imports a FOCUS file once, refuses other content under its id, and replaces it on request', async () => {
      const { knex, store } = await createStore(databaseId);
      const rows = [
        focusRow({ line: 2 }),
        focusRow({ line: 3, billedCost: 2_500_000, listCost: null }),
        focusRow({
          line: 4,
          chargeCategory: 'Credit',
          lineItem: 'Credit: Amazon Bedrock / promo',
          billedCost: -300_000,
          effectiveCost: -300_000,
          listCost: 0,
          inputTokens: 0,
        }),
        focusRow({ line: 5, date: '2026-10-02', provider: 'focus' }),
      ];
      const input = {
        sourceId: 'focus',
        fileId: 'oct',
        sha256: 'sha-1',
        rows,
        replace: false,
        importedBy: 'user:default/admin',
      };
      expect(await store.importFocusFile(input)).toEqual({
        status: 'imported',
        fileId: 'oct',
        rowsImported: 4,
        days: ['2026-10-01', '2026-10-02'],
        storedBilledCost: 4_200_000,
      });
      const stored = await usage(knex, 'focus');
      expect(
        stored.map(r => [
          r.date,
          r.provider,
          r.line_item,
          r.cost_micros,
          r.estimated_cost_micros,
          r.cost_kind,
        ]),
      ).toEqual(
        expect.arrayContaining([
          [
            '2026-10-01',
            'aws',
            'Amazon Bedrock / input tokens',
            3_500_000,
            null,
            'billed',
          ],
          [
            '2026-10-01',
            'aws',
            'Credit: Amazon Bedrock / promo',
            -300_000,
            0,
            'billed',
          ],
          [
            '2026-10-02',
            'focus',
            'Amazon Bedrock / input tokens',
            1_000_000,
            1_100_000,
            'billed',
          ],
        ]),
      );
      expect(stored).toHaveLength(3);
      expect(stored.reduce((t, r) => t + r.cost_micros, 0)).toBe(4_200_000);

      expect(
        await store.importFocusFile({ ...input, fileId: 'sha256:sha-1' }),
      ).toEqual({
        status: 'duplicate',
        fileId: 'oct',
        rowsImported: 0,
        days: ['2026-10-01', '2026-10-02'],
        storedBilledCost: 4_200_000,
      });
      expect(await usage(knex, 'focus')).toEqual(stored);

      const restated = {
        ...input,
        sha256: 'sha-2',
        rows: [
          focusRow({ line: 2, date: '2026-10-03', billedCost: 5_000_000 }),
        ],
      };
      await expect(store.importFocusFile(restated)).rejects.toThrow(
        'FOCUS file "oct" of source "focus" was imported before with other content or another row selection (sha256 sha-1, rows all); import this version under another fileId, or pass replace=true to replace it',
      );
      expect(await usage(knex, 'focus')).toEqual(stored);

      expect(
        await store.importFocusFile({ ...restated, replace: true }),
      ).toEqual({
        status: 'replaced',
        fileId: 'oct',
        rowsImported: 1,
        days: ['2026-10-01', '2026-10-02', '2026-10-03'],
        storedBilledCost: 5_000_000,
      });
      const replaced = await usage(knex, 'focus');
      expect(replaced.map(r => [r.date, r.cost_micros])).toEqual([
        ['2026-10-03', 5_000_000],
      ]);
      expect(await store.listFocusFiles('focus')).toEqual([
        expect.objectContaining({
          fileId: 'oct',
          sha256: 'sha-2',
          rows: 1,
          billedCost: 5_000_000,
          firstDay: '2026-10-03',
          lastDay: '2026-10-03',
          importedBy: 'user:default/admin',
          selection: 'all',
          skipped: { rows: 0, billedCost: 0, services: [] },
        }),
      ]);

      // The same content selected by other rules is not a duplicate.
      const skipped = {
        rows: 2,
        billedCost: 1_250_000,
        services: [
          { serviceName: 'Amazon EC2', rows: 2, billedCost: 1_250_000 },
        ],
      };
      expect(
        await store.importFocusFile({
          ...restated,
          replace: true,
          selection: 'ai:0000abcd',
          skipped,
        }),
      ).toMatchObject({ status: 'replaced', rowsImported: 1 });
      expect(await store.listFocusFiles('focus')).toEqual([
        expect.objectContaining({ selection: 'ai:0000abcd', skipped }),
      ]);
    });

    it('migrates down without leaving the push tables behind', async () => {
      const { knex } = await createStore(databaseId);
      const migrationsDir = path.resolve(__dirname, '../../migrations');
      for (const table of [
        'ai_cost_push_events',
        'ai_cost_focus_files',
        'ai_cost_focus_rows',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await knex.migrate.rollback({ directory: migrationsDir }, true);
      for (const table of ['ai_cost_push_events', 'ai_cost_focus_rows']) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { PricedPushEvent } from '../push/pricing';
import { createStores } from './createStores';
import { gatewayUsageRows } from './pushedUsageRows';
import { UsageWindowWriter } from './UsageWindowWriter';

jest.setTimeout(60_000);

const SOURCE = 'gateway';

let seq = 0;
function event(overrides: Partial<PricedPushEvent>): PricedPushEvent {
  seq += 1;
  return {
    eventId: `e${seq}`,
    contentHash: `hash-e${seq}`,
    format: 'otel',
    occurredAt: '2026-11-01T10:00:00.000Z',
    date: '2026-11-01',
    upstreamProvider: 'openai',
    model: 'gpt-4o',
    apiKeyId: 'key-1',
    userId: null,
    tags: { app: 'checkout' },
    inputTokens: 1000,
    cachedInputTokens: 200,
    cacheWriteTokens: 10,
    outputTokens: 300,
    reasoningTokens: 5,
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

/** Unpriced: no cost given and none estimated. */
const unpriced = {
  model: 'unknown-model',
  cost: 0,
  estimatedCost: null,
  unpriced: true,
};
/** Billed by the gateway, with our estimate alongside. */
const billed = (cost: number, estimatedCost: number | null) => ({
  givenCost: cost,
  cost,
  costKind: 'billed' as const,
  estimatedCost,
});
/** Billed in EUR (converted when stored; no estimate, see pricing). */
const euros = (cost: number) => ({
  givenCost: cost,
  cost,
  currency: 'EUR',
  costKind: 'billed' as const,
  estimatedCost: null,
});

/** The source's usage rows without ids, in a stable order. */
async function usage(knex: Knex) {
  const rows = await knex('ai_cost_usage')
    .where({ source_id: SOURCE })
    .orderBy(['date', 'record_key']);
  return rows.map(({ id: _, ...row }: Record<string, any>) =>
    Object.fromEntries(
      Object.entries(row).map(([name, value]) => [
        name,
        typeof value === 'boolean' || /^-?\d+$/.test(String(value))
          ? Number(value)
          : value,
      ]),
    ),
  );
}

describe('DatabaseGatewayEventStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('adds each batch to the stored usage rows exactly as recomputing the days from every stored event', async () => {
      const knex = await databases.init(databaseId);
      const currency = {
        reporting: 'USD',
        exchangeRates: [
          // 1.234567 × 1.08 does not round like its parts do.
          {
            currency: 'EUR',
            period: '2026-11',
            rate: 1.08,
            source: 'config' as const,
          },
        ],
      };
      const { push, exchangeRates } = await createStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        currency,
      });
      const batches: PricedPushEvent[][] = [
        [
          event({}),
          event({ ...billed(1_000, 900) }),
          event(unpriced),
          event(euros(1_234_567)),
          event({ date: '2026-11-02', tags: null }),
        ],
        // The same keys again, now with a missing estimate in the estimated
        // group, unpriced and priced events in one group, more euros.
        [
          event({ estimatedCost: null }),
          event({ ...billed(2_500, null) }),
          event({ ...unpriced, model: 'gpt-4o', cost: 7, estimatedCost: 7 }),
          event(unpriced),
          event(euros(1_234_567)),
          event(euros(3)),
          event({ date: '2026-11-02', tags: null, cost: 1, estimatedCost: 1 }),
        ],
        // New keys next to the stored ones, and a batch with a duplicate.
        [
          event({ userId: 'alice', ...billed(-400, -400) }),
          event({ date: '2026-11-02', tags: null }),
          event(euros(9_999_999)),
        ],
      ];
      const replayed = batches[0][0];
      batches.push([replayed, event({ apiKeyId: null })]);
      for (const events of batches) {
        await push.ingestEvents({ sourceId: SOURCE, events });
      }
      const added = await usage(knex);

      // 6 groups on the 1st, 1 on the 2nd; most of them added to twice.
      expect(added.length).toBe(7);
      const estimated = added.find(
        r =>
          r.cost_kind === 'estimated' &&
          r.model === 'gpt-4o' &&
          !r.user_id &&
          r.api_key_id &&
          r.date === '2026-11-01',
      );
      expect(estimated).toMatchObject({
        cost_micros: 5_750 * 2 + 7,
        estimated_cost_micros: null,
        unpriced: 1,
        requests: 3,
        input_tokens: 3_000,
      });
      const eur = added.find(r => r.original_currency === 'EUR');
      expect(eur).toMatchObject({
        currency: 'USD',
        original_cost: 1_234_567 * 2 + 3 + 9_999_999,
        // The sum converted once: 12,469,136 × 1.08 = 13,466,666.88 (its
        // parts converted one by one sum to 13,466,666).
        cost_micros: 13_466_667,
        exchange_rate: 1.08,
        estimated_cost_micros: null,
      });

      const writer = new UsageWindowWriter({
        reporting: currency.reporting,
        rates: exchangeRates,
      });
      const days = ['2026-11-01', '2026-11-02'];
      await knex.transaction(async tx =>
        writer.replace(tx, {
          sourceId: SOURCE,
          days: { days },
          rows: await gatewayUsageRows(tx, SOURCE, days),
        }),
      );
      expect(await usage(knex)).toEqual(added);
    });

    it('adds events of a day already stored when no currency is converted', async () => {
      const knex = await databases.init(databaseId);
      const { push } = await createStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const first = await push.ingestEvents({
        sourceId: SOURCE,
        events: [event({}), event(euros(10))],
      });
      expect(first).toEqual({
        outcomes: ['accepted', 'accepted'],
        recomputedDays: ['2026-11-01'],
        usageRows: 2,
      });
      const second = await push.ingestEvents({
        sourceId: SOURCE,
        events: [event({}), event(euros(20)), event(euros(5))],
      });
      expect(second.usageRows).toBe(2);
      const rows = await usage(knex);
      expect(
        rows.map(r => [r.currency, r.cost_micros, r.requests]).sort(),
      ).toEqual([
        ['EUR', 35, 3],
        ['USD', 11_500, 2],
      ]);
      const [source] = await knex('ai_cost_sources').where({ id: SOURCE });
      expect(source).toMatchObject({
        status: 'succeeded',
        fresh_through: '2026-11-01',
      });
    });
  });
});

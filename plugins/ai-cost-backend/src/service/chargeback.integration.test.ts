import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ALLOCATION_CONFIG,
  allocationCatalog,
  allocationUsage,
} from '../__testUtils__/allocationOrg';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const ADMIN = 'user:default/admin';
const usd = (micros: number) => micros / 1e6;

jest.setTimeout(60_000);

describe('chargeback: monthly statements, month close and adjustments', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      entities: allocationCatalog(),
      config: { currency: 'USD', allocation: ALLOCATION_CONFIG },
    });
    for (const [sourceId, { provider, records }] of Object.entries(
      allocationUsage(),
    )) {
      await test.ingest(sourceId, provider, records);
    }
    await test.indexer.rebuild();
    const call = (method: 'get' | 'post', url: string) =>
      request(test.app as any)
        [method](url)
        .set('Authorization', mockCredentials.user.header(ADMIN));
    return { ...test, call };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('bills each owning group with its cost centre; lines and unallocated add up to the total', async () => {
      const test = await setup(databaseId);
      const res = await test.call('get', '/chargeback?month=2026-11');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        month: '2026-11',
        status: 'open',
        currency: 'USD',
        coverage: 0.9715,
        lines: [
          {
            entityRef: 'group:default/search-team',
            costCenter: 'CC-100',
            cost: usd(1_981_667),
            adjustments: [],
          },
          {
            entityRef: 'group:default/insights-team',
            costCenter: 'CC-ENG',
            cost: usd(858_333),
            adjustments: [],
          },
        ],
        unallocated: usd(83_334),
        unallocatedAdjustments: [],
        total: usd(2_923_334),
        adjustmentsTotal: 0,
      });
      expect(1_981_667 + 858_333 + 83_334).toBe(2_923_334);
    });

    it('never changes a closed month: a restatement is booked once, on the first open month', async () => {
      const test = await setup(databaseId);
      const early = await test.call('post', '/chargeback/close?month=2026-11');
      expect(early.status).toBe(409);
      expect(early.body.error.message).toBe(
        '2026-11 has not ended yet: a month can be closed from its first day after',
      );

      test.setNow(new Date('2026-12-05T09:00:00Z'));
      const closed = await test.call('post', '/chargeback/close?month=2026-11');
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        closedBy: ADMIN,
        total: usd(2_923_334),
      });
      const again = await test.call('post', '/chargeback/close?month=2026-11');
      expect(again.status).toBe(409);

      // Late billing data for November arrives after the close.
      await test.ingest(
        'openai-prod',
        'openai',
        [
          {
            date: '2026-11-15',
            apiKeyId: 'key_rewriter',
            model: 'gpt-4o',
            cost: 50_000,
            currency: 'USD',
            costKind: 'billed',
          },
        ],
        { from: '2026-11-15', to: '2026-11-15' },
      );
      const november = await test.call('get', '/chargeback?month=2026-11');
      expect(november.body).toEqual(closed.body);

      const december = await test.call('get', '/chargeback?month=2026-12');
      expect(december.body).toMatchObject({
        status: 'open',
        total: 0,
        adjustmentsTotal: usd(50_000),
        lines: [
          {
            entityRef: 'group:default/search-team',
            costCenter: 'CC-100',
            cost: 0,
            adjustments: [
              {
                month: '2026-11',
                cost: usd(50_000),
                reason:
                  '2026-11 restated after it was closed (late billing data or re-attribution)',
              },
            ],
          },
        ],
      });
      const csv = await test.call('get', '/chargeback.csv?month=2026-12');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="ai-cost-chargeback-2026-12.csv"',
      );
      // Rows in statement order; the cost column sums to total + adjustments.
      expect(csv.text.split('\r\n')).toEqual([
        'month,status,kind,entity_ref,cost_center,cost,currency,restated_month,reason',
        '2026-12,open,charge,group:default/search-team,CC-100,0.000000,USD,,',
        '2026-12,open,adjustment,group:default/search-team,CC-100,0.050000,USD,2026-11,2026-11 restated after it was closed (late billing data or re-attribution)',
        '2026-12,open,unallocated,,,0.000000,USD,,',
        '',
      ]);

      // Once December is closed with the adjustment, January books nothing more.
      test.setNow(new Date('2027-01-02T09:00:00Z'));
      expect(
        (await test.call('post', '/chargeback/close?month=2026-12')).status,
      ).toBe(200);
      const january = await test.call('get', '/chargeback?month=2027-01');
      expect(january.body).toMatchObject({
        lines: [],
        adjustmentsTotal: 0,
      });
      expect(
        test.auditor.createEvent.mock.calls
          .map(([event]: any) => event.eventId)
          .filter((id: string) => id === 'chargeback-close'),
      ).toHaveLength(4);
    });

    it('answers a bad month with 400 naming the field', async () => {
      const test = await setup(databaseId);
      const res = await test.call('get', '/chargeback?month=2026-13');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'month: must be a month written as YYYY-MM',
      );
    });
  });
});

import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  unitEconomicsCatalog,
  unitEconomicsUsage,
} from '../__testUtils__/unitEconomicsOrg';

const ADMIN = 'user:default/admin';
const usd = (micros: number) => micros / 1e6;
const WINDOW = 'from=2026-11-01&to=2026-11-03';
const DOC = 'component:default/doc-service';
const CHAT = 'component:default/chat-service';

jest.setTimeout(60_000);

describe('unit economics: metrics, unit costs and margins', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      entities: unitEconomicsCatalog(),
      policy: (permission, user) =>
        permission === 'ai-cost.admin' && user !== ADMIN ? 'DENY' : undefined,
    });
    for (const [sourceId, { provider, records }] of Object.entries(
      unitEconomicsUsage(),
    )) {
      await test.ingest(sourceId, provider, records);
    }
    await test.indexer.rebuild();
    const call = (method: 'get' | 'post', url: string, user = ADMIN) =>
      request(test.app as any)
        [method](url)
        .set('Authorization', mockCredentials.user.header(user));
    const push = (metrics: unknown[]) =>
      call('post', '/metrics').send({ metrics });
    return { ...test, call, push };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("divides an entity's spend by its own metric; a day without a value is left out and shown, a value pushed twice counts once", async () => {
      const test = await setup(databaseId);
      const first = await test.push([
        {
          metric: 'documents_processed',
          date: '2026-11-01',
          value: 100,
          unit: 'documents',
          entityRef: DOC,
        },
        {
          metric: 'documents_processed',
          date: '2026-11-02',
          value: 120,
          entityRef: DOC,
        },
      ]);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        accepted: 2,
        rejected: [],
        metrics: ['documents_processed'],
      });
      // Pushed again: replaces 120 with 150.
      await test.push([
        {
          metric: 'documents_processed',
          date: '2026-11-02',
          value: '150',
          entityRef: DOC,
        },
      ]);

      const res = await test.call(
        'get',
        `/unit-costs?entityRef=${DOC}&${WINDOW}`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: DOC,
        metric: 'documents_processed',
        unit: 'documents',
        per: 1,
        metricFrom: 'annotation',
        builtIn: false,
        currency: 'USD',
        from: '2026-11-01',
        to: '2026-11-03',
        // 3,000,000 µ$ over the two days with a value / 250 documents.
        total: {
          cost: 3.5,
          value: 250,
          unitCost: 0.012,
          costWithoutMetric: 0.5,
          daysWithoutMetric: 1,
        },
        previous: {
          cost: 0,
          value: null,
          unitCost: null,
          costWithoutMetric: 0,
          daysWithoutMetric: 0,
        },
        change: { cost: null, value: null, unitCost: null },
        daily: [
          { date: '2026-11-01', cost: 1, value: 100, unitCost: 0.01 },
          // 2,000,000 / 150,000,000 = 0.0133333…, to 1e-9.
          { date: '2026-11-02', cost: 2, value: 150, unitCost: 0.013333333 },
          { date: '2026-11-03', cost: 0.5, value: null, unitCost: null },
        ],
        forecast: {
          nextPeriodCost: null,
          nextPeriodValue: null,
          basis: 'none',
          explanation:
            'A unit-trend forecast needs at least 7 days with a documents_processed value in the period.',
        },
      });
    });

    it('computes the built-ins from the same usage: requests, tokens per 1,000 and distinct customers', async () => {
      const test = await setup(databaseId);
      const requests = await test.call(
        'get',
        `/unit-costs?entityRef=${DOC}&metric=requests&${WINDOW}`,
      );
      expect(requests.body.metricFrom).toBe('query');
      // 3,000,000 µ$ / 30 requests; the day without requests stays out.
      expect(requests.body.total).toEqual({
        cost: 3.5,
        value: 30,
        unitCost: 0.1,
        costWithoutMetric: 0.5,
        daysWithoutMetric: 1,
      });

      const tokens = await test.call(
        'get',
        `/unit-costs?entityRef=${DOC}&metric=tokens&${WINDOW}`,
      );
      expect(tokens.body.per).toBe(1000);
      // 1,500 + 3,000 tokens; 3,000,000 × 1,000 / 4,500,000,000 µ.
      expect(tokens.body.total.value).toBe(4500);
      expect(tokens.body.total.unitCost).toBe(0.666666667);

      const customers = await test.call(
        'get',
        `/unit-costs?entityRef=${CHAT}&metric=customers&${WINDOW}`,
      );
      // acme on the 1st; acme and globex on the 2nd: 2 distinct customers.
      expect(customers.body.total).toEqual({
        cost: 0.8,
        value: 2,
        unitCost: 0.4,
        costWithoutMetric: 0,
        daysWithoutMetric: 0,
      });
      expect(customers.body.daily).toEqual([
        { date: '2026-11-01', cost: 0.4, value: 1, unitCost: 0.4 },
        { date: '2026-11-02', cost: 0.4, value: 2, unitCost: 0.2 },
        { date: '2026-11-03', cost: 0, value: null, unitCost: null },
      ]);
    });

    it("sums a group's pushed values over its descendants and explains a metric without values", async () => {
      const test = await setup(databaseId);
      await test.push([
        {
          metric: 'documents_processed',
          date: '2026-11-01',
          value: 100,
          entityRef: DOC,
        },
        {
          metric: 'documents_processed',
          date: '2026-11-02',
          value: 50,
          entityRef: CHAT,
        },
      ]);
      const group = await test.call(
        'get',
        `/unit-costs?entityRef=group:default/team-a&metric=documents_processed&${WINDOW}`,
      );
      // Spend 1.4 on the 1st and 2.4 on the 2nd; 150 documents.
      expect(group.body.total).toEqual({
        cost: 4.3,
        value: 150,
        unitCost: 0.025333333,
        costWithoutMetric: 0.5,
        daysWithoutMetric: 1,
      });

      const none = await test.call(
        'get',
        `/unit-costs?entityRef=${CHAT}&metric=invoices&${WINDOW}`,
      );
      expect(none.body.total.unitCost).toBeNull();
      expect(none.body.explanation).toBe(
        `No invoices values for ${CHAT} or its descendants between 2026-11-01 and 2026-11-03. Push them with POST /api/ai-cost/metrics, e.g. {"metrics":[{"metric":"invoices","date":"2026-11-03","value":1200,"entityRef":"${CHAT}"}]}, or pull them from Prometheus (aiCost.metrics.prometheus).`,
      );
    });

    it('gives each customer its revenue and margin, a customer with revenue and no spend included; items still add up to the total', async () => {
      const test = await setup(databaseId);
      await test.push([
        {
          metric: 'revenue',
          date: '2026-11-01',
          value: 1.25,
          unit: 'USD',
          tags: { customer: 'acme' },
        },
        {
          metric: 'revenue',
          date: '2026-11-02',
          value: 0.75,
          tags: { customer: 'acme' },
        },
        {
          metric: 'revenue',
          date: '2026-11-02',
          value: 0.1,
          tags: { customer: 'globex' },
        },
        {
          metric: 'revenue',
          date: '2026-11-03',
          value: 5,
          tags: { customer: 'initech' },
        },
      ]);
      const res = await test.call(
        'get',
        `/rollup?groupBy=tag:customer&metric=revenue&${WINDOW}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.metric).toEqual({
        metric: 'revenue',
        unit: 'USD',
        money: true,
        per: 1,
      });
      expect(res.body.total).toBe(4.35);
      expect(res.body.items).toEqual([
        {
          key: 'acme',
          cost: 0.5,
          previousCost: 0,
          unallocatedCost: 0,
          metricValue: 2,
          previousMetricValue: null,
          unitCost: 0.25,
          margin: 1.5,
          marginPercent: 0.75,
        },
        {
          key: 'globex',
          cost: 0.3,
          previousCost: 0,
          unallocatedCost: 0,
          metricValue: 0.1,
          previousMetricValue: null,
          unitCost: 3,
          margin: -0.2,
          marginPercent: -2,
        },
        {
          key: 'initech',
          cost: 0,
          previousCost: 0,
          unallocatedCost: 0,
          metricValue: 5,
          previousMetricValue: null,
          unitCost: 0,
          margin: 5,
          marginPercent: 1,
        },
        {
          key: null,
          cost: 3.55,
          previousCost: 0,
          unallocatedCost: 0.05,
          metricValue: null,
          previousMetricValue: null,
          unitCost: null,
          margin: null,
          marginPercent: null,
        },
      ]);
      expect(usd(500_000 + 300_000 + 0 + 3_550_000)).toBe(res.body.total);

      const byRequests = await test.call(
        'get',
        `/rollup?groupBy=tag:customer&metric=requests&${WINDOW}`,
      );
      expect(
        byRequests.body.items.map((i: any) => [
          i.key,
          i.metricValue,
          i.unitCost,
        ]),
      ).toEqual([
        ['acme', 2, 0.25],
        ['globex', 1, 0.3],
        // 30 OpenAI requests and the unclaimed gateway request.
        [null, 31, 0.114516129],
      ]);
      expect(byRequests.body.items[0].margin).toBeUndefined();

      const notTag = await test.call(
        'get',
        `/rollup?groupBy=owner&metric=revenue&${WINDOW}`,
      );
      expect(notTag.status).toBe(400);
      expect(notTag.body.error.message).toMatch(
        /^metric: applies to rollups by an allocation tag/,
      );
    });

    it('stores the good points of a batch and names the field of each bad one', async () => {
      const test = await setup(databaseId);
      await test.push([
        {
          metric: 'revenue',
          date: '2026-11-01',
          value: 1,
          unit: 'USD',
          entityRef: DOC,
        },
      ]);
      const res = await test.push([
        { metric: 'requests', date: '2026-11-01', value: 1 },
        { metric: 'revenue', date: '2026-11-01', value: 1, unit: 'EUR' },
        { metric: 'refunds', date: '2026-11-01', value: 1, unit: 'EUR' },
        { metric: 'documents', date: '2026-11-31', value: 1 },
        { metric: 'documents', date: '2026-11-01', value: -1 },
        { metric: 'documents', date: '2026-11-01', value: 'many' },
        { metric: 'documents', date: '2026-11-01', value: 1, colour: 'red' },
        {
          metric: 'documents',
          date: '2026-11-01',
          value: 2,
          entityRef: 'doc-service',
        },
        { metric: 'revenue', date: '2026-11-02', value: -3, entityRef: DOC },
        {
          metric: 'documents',
          date: '2026-11-01',
          value: 7,
          tags: { customer: 'acme' },
        },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(2);
      expect(res.body.metrics).toEqual(['documents', 'revenue']);
      expect(res.body.rejected).toEqual([
        {
          index: 0,
          field: 'metrics[0].metric',
          message:
            'is computed from usage (requests, tokens, customers); push your own metric under another name',
        },
        {
          index: 1,
          field: 'metrics[1].unit',
          message: 'revenue is measured in USD; push it in USD',
        },
        {
          index: 2,
          field: 'metrics[2].unit',
          message:
            'EUR is a currency other than aiCost.currency (USD); convert the value to USD',
        },
        {
          index: 3,
          field: 'metrics[3].date',
          message: 'must be a calendar date written as YYYY-MM-DD',
        },
        {
          index: 4,
          field: 'metrics[4].value',
          message: 'must not be negative (only money metrics can be)',
        },
        {
          index: 5,
          field: 'metrics[5].value',
          message: 'must be a decimal number',
        },
        { index: 6, field: 'metrics[6]', message: 'unknown field(s) "colour"' },
        {
          index: 7,
          field: 'metrics[7].entityRef',
          message:
            'must be an entity reference such as component:default/my-service',
        },
      ]);
      const list = await test.call('get', '/metrics', 'user:default/someone');
      expect(list.body.metrics).toEqual([
        {
          metric: 'requests',
          unit: 'requests',
          money: false,
          builtIn: true,
          lastDate: null,
        },
        {
          metric: 'tokens',
          unit: 'tokens',
          money: false,
          builtIn: true,
          lastDate: null,
        },
        {
          metric: 'customers',
          unit: 'customers',
          money: false,
          builtIn: true,
          lastDate: null,
        },
        {
          metric: 'documents',
          unit: null,
          money: false,
          builtIn: false,
          lastDate: '2026-11-01',
        },
        {
          metric: 'revenue',
          unit: 'USD',
          money: true,
          builtIn: false,
          lastDate: '2026-11-02',
        },
      ]);

      // Of one entity: the stored metrics with a value for it or what it
      // owns; documents are organisation-wide only.
      const names = async (ref: string) => {
        const listed = await test.call(
          'get',
          `/metrics?entityRef=${ref}`,
          'user:default/someone',
        );
        expect(listed.status).toBe(200);
        return listed.body.metrics.map((m: { metric: string }) => m.metric);
      };
      const builtIns = ['requests', 'tokens', 'customers'];
      expect(await names(DOC)).toEqual([...builtIns, 'revenue']);
      expect(await names('group:default/team-a')).toEqual([
        ...builtIns,
        'revenue',
      ]);
      expect(await names(CHAT)).toEqual(builtIns);
      const unknown = await test.call(
        'get',
        '/metrics?entityRef=component:default/nobody',
      );
      expect(unknown.status).toBe(404);
      const bad = await test.call('get', '/metrics?entityRef=doc-service');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^entityRef: /);
    });

    it('lets only services and admins push, and audits the push', async () => {
      const test = await setup(databaseId);
      const denied = await test
        .call('post', '/metrics', 'user:default/someone')
        .send({ metrics: [] });
      expect(denied.status).toBe(403);
      const badBody = await test.call('post', '/metrics').send({ points: [] });
      expect(badBody.status).toBe(400);
      expect(badBody.body.error.message).toBe(
        "metrics: is required; Unrecognized key(s) in object: 'points'",
      );
      const ok = await test.push([
        { metric: 'documents', date: '2026-11-01', value: 1, entityRef: DOC },
      ]);
      expect(ok.status).toBe(200);
      expect(
        test.auditor.createEvent.mock.calls.map(([e]: any) => e.eventId),
      ).toEqual(['metrics-push', 'metrics-push', 'metrics-push']);
    });
  });
});

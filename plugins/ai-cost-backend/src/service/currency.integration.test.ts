import { mockCredentials } from '@backstage/backend-test-utils';
import type { AiCostProvider, UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('aiCost.currency written in lower case', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'is the same currency for budgets and responses on %p',
    async databaseId => {
      const test = await createCostTestApp({
        knex: await databases.init(databaseId),
        entities: [catalogEntity('component:default/svc')],
        config: { currency: 'usd' },
      });
      await test.indexer.rebuild();
      const put = await request(test.app)
        .put('/budgets')
        .query({ entityRef: 'component:default/svc' })
        .send({ amount: 100, currency: 'USD' });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ amount: 100, currency: 'USD' });

      const costs = await request(test.app).get('/costs').query({
        entityRef: 'component:default/svc',
        from: '2026-11-01',
        to: '2026-11-02',
      });
      expect(costs.body.currency).toBe('USD');
    },
  );
});

const SVC = 'component:default/svc';
const R_SVC =
  '/subscriptions/sub-1/resourcegroups/ai/providers/microsoft.cognitiveservices/accounts/svc';
const R_OTHER =
  '/subscriptions/sub-1/resourcegroups/ai/providers/microsoft.cognitiveservices/accounts/other';
const ADMIN = 'user:default/admin';
const BOB = 'user:default/bob';

/** Rates into USD: EUR by month with one day's own rate, JPY by month. */
const FX_CONFIG = {
  currency: 'USD',
  exchangeRates: {
    EUR: { '2026-11': 1.08, '2026-11-14': 1.07 },
    JPY: { '2026-11': 0.0065 },
  },
};

function azureRecord(overrides: Partial<UsageRecord>): UsageRecord {
  return {
    date: '2026-11-13',
    resourceId: R_SVC,
    model: 'gpt-4o',
    lineItem: 'meter',
    cost: 0,
    currency: 'EUR',
    costKind: 'billed',
    ...overrides,
  };
}

/** A source that returns whatever the test says, through the ingestion engine. */
function scriptedProvider(id: string) {
  let records: UsageRecord[] = [];
  const provider: AiCostProvider = {
    id,
    provider: 'azure',
    fetchUsage: async () => records,
  };
  return {
    provider,
    returns(next: UsageRecord[]) {
      records = next;
    },
  };
}

describe('amounts billed in other currencies (DESIGN §9.3)', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    providers: AiCostProvider[] = [],
  ) {
    const knex = await databases.init(databaseId);
    const test = await createCostTestApp({
      knex,
      entities: [
        catalogEntity(SVC, {
          annotations: { 'ai-cost/azure-resource-id': R_SVC },
        }),
      ],
      config: FX_CONFIG,
      providers,
      now: new Date('2026-11-15T12:00:00Z'),
      policy: (permission, user) =>
        permission === 'ai-cost.admin' && user === BOB ? 'DENY' : undefined,
    });
    await test.indexer.rebuild();
    return { ...test, knex };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('converts each record once at its day rate, keeps the original and reconciles', async () => {
      const test = await setup(databaseId);
      await test.ingest('azure', 'azure', [
        // EUR 100 at the November rate 1.08 = USD 108; estimate 50.000001 → 54.000001
        azureRecord({ cost: 100_000_000, estimatedCost: 50_000_001 }),
        // EUR 10 on the 14th: that day's rate 1.07 beats November's
        azureRecord({ date: '2026-11-14', cost: 10_000_000 }),
        // ¥1,500 in micro-yen at 0.0065 = USD 9.75
        azureRecord({ lineItem: 'jpy', currency: 'JPY', cost: 1_500_000_000 }),
        // A refund of EUR 2.500001 → -2.70000108 → USD -2.700001
        azureRecord({ lineItem: 'refund', cost: -2_500_001 }),
        // The bill states 1.1: EUR 20 = USD 22, whatever the config says
        azureRecord({
          lineItem: 'stated',
          cost: 20_000_000,
          exchangeRate: 1.1,
        }),
        // USD needs no rate and is untouched
        azureRecord({ lineItem: 'usd', currency: 'USD', cost: 5_000_000 }),
        // Unclaimed EUR 1 → USD 1.08, unallocated
        azureRecord({ resourceId: R_OTHER, cost: 1_000_000 }),
      ]);

      const usage = await test
        .knex('ai_cost_usage')
        .select(
          'date',
          'line_item',
          'resource_id',
          'cost_micros',
          'estimated_cost_micros',
          'currency',
          'original_cost',
          'original_currency',
          'exchange_rate',
        )
        .orderBy(['date', 'resource_id', 'line_item']);
      expect(
        usage.map(row => [
          row.date,
          row.line_item,
          Number(row.cost_micros),
          row.estimated_cost_micros === null
            ? null
            : Number(row.estimated_cost_micros),
          row.currency,
          row.original_cost === null ? null : Number(row.original_cost),
          row.original_currency,
          row.exchange_rate === null ? null : Number(row.exchange_rate),
        ]),
      ).toEqual([
        ['2026-11-13', 'meter', 1_080_000, null, 'USD', 1_000_000, 'EUR', 1.08],
        [
          '2026-11-13',
          'jpy',
          9_750_000,
          null,
          'USD',
          1_500_000_000,
          'JPY',
          0.0065,
        ],
        [
          '2026-11-13',
          'meter',
          108_000_000,
          54_000_001,
          'USD',
          100_000_000,
          'EUR',
          1.08,
        ],
        [
          '2026-11-13',
          'refund',
          -2_700_001,
          null,
          'USD',
          -2_500_001,
          'EUR',
          1.08,
        ],
        [
          '2026-11-13',
          'stated',
          22_000_000,
          null,
          'USD',
          20_000_000,
          'EUR',
          1.1,
        ],
        ['2026-11-13', 'usd', 5_000_000, null, 'USD', null, null, null],
        [
          '2026-11-14',
          'meter',
          10_700_000,
          null,
          'USD',
          10_000_000,
          'EUR',
          1.07,
        ],
      ]);

      // Attributed rows keep the billed currencies apart.
      const daily = await test
        .knex('ai_cost_daily')
        .select('date', 'cost_micros', 'original_cost', 'original_currency')
        .where('entity_ref', SVC)
        .orderBy(['date', 'original_currency']);
      const dailyOf = (rows: any[]) =>
        rows
          .map(row => [
            row.date,
            Number(row.cost_micros),
            row.original_cost === null ? null : Number(row.original_cost),
            row.original_currency,
          ])
          .sort((a, b) =>
            `${a[0]}${a[3] ?? ''}`.localeCompare(`${b[0]}${b[3] ?? ''}`),
          );
      expect(dailyOf(daily)).toEqual([
        ['2026-11-13', 5_000_000, null, null],
        // 108 - 2.700001 + 22 = 127.299999 from EUR 100 - 2.500001 + 20
        ['2026-11-13', 127_299_999, 117_499_999, 'EUR'],
        ['2026-11-13', 9_750_000, 1_500_000_000, 'JPY'],
        ['2026-11-14', 10_700_000, 10_000_000, 'EUR'],
      ]);
      const unallocated = await test
        .knex('ai_cost_unallocated_daily')
        .select('date', 'cost_micros', 'original_cost', 'original_currency');
      expect(dailyOf(unallocated)).toEqual([
        ['2026-11-13', 1_080_000, 1_000_000, 'EUR'],
      ]);

      // attributed + unallocated = ingested, to the micro-unit
      const window = { from: '2026-11-01', to: '2026-11-30' };
      const ingested = await test.attributionStore.sumIngested(window);
      const [attributed] = await test.attributionStore.sumAttributed({
        window,
        groupBy: [],
      });
      const unclaimed = await test.attributionStore.sumUnallocated(window);
      expect(ingested.cost).toBe(153_829_999);
      expect(
        attributed.cost + unclaimed.reduce((sum, row) => sum + row.cost, 0),
      ).toBe(ingested.cost);

      // The export names the original amount and currency of converted spend.
      const csv = await request(test.app)
        .get('/export.csv?from=2026-11-13&to=2026-11-14')
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(csv.status).toBe(200);
      const [header, ...lines] = csv.text.trim().split(/\r?\n/);
      const columns = header.split(',');
      const at = (name: string) => columns.indexOf(name);
      expect(columns.slice(at('split_rule'), at('split_rule') + 3)).toEqual([
        'split_rule',
        'original_cost',
        'original_currency',
      ]);
      const cells = lines
        .map(line => line.split(','))
        .map(fields => [
          fields[at('date')],
          fields[at('entity_ref')],
          fields[at('cost')],
          fields[at('currency')],
          fields[at('original_cost')],
          fields[at('original_currency')],
        ]);
      expect(cells).toEqual([
        ['2026-11-13', SVC, '5.000000', 'USD', '', ''],
        ['2026-11-13', SVC, '127.299999', 'USD', '117.499999', 'EUR'],
        ['2026-11-13', SVC, '9.750000', 'USD', '1500.000000', 'JPY'],
        ['2026-11-13', '', '1.080000', 'USD', '1.000000', 'EUR'],
        ['2026-11-14', SVC, '10.700000', 'USD', '10.000000', 'EUR'],
      ]);
      const exported = cells.reduce(
        (sum, cell) => sum + Math.round(Number(cell[2]) * 1e6),
        0,
      );
      expect(exported).toBe(153_829_999);
    });

    it('fails a run with no rate for a day, naming currency and day, and keeps what was stored', async () => {
      const source = scriptedProvider('azure-fx');
      const test = await setup(databaseId, [source.provider]);
      await test.store.registerSources([{ id: 'azure-fx', provider: 'azure' }]);
      source.returns([azureRecord({ date: '2026-11-02', cost: 1_000_000 })]);
      await test.services.ingestion.runSource('azure-fx', 'manual');
      const before = await test.knex('ai_cost_usage').select();
      expect(before.map(row => Number(row.cost_micros))).toEqual([1_080_000]);

      // October has no EUR rate.
      source.returns([
        azureRecord({ date: '2026-11-02', cost: 9_000_000 }),
        azureRecord({ date: '2026-10-31', cost: 2_000_000 }),
      ]);
      await expect(
        test.services.ingestion.runSource('azure-fx', 'manual'),
      ).resolves.toBeUndefined();
      const [info] = (await test.store.listSources()).filter(
        s => s.id === 'azure-fx',
      );
      expect(info.status).toBe('failed');
      expect(info.lastError).toContain(
        'No exchange rate for EUR on 2026-10-31 (aiCost.exchangeRates or POST /import/exchange-rates)',
      );
      const after = await test.knex('ai_cost_usage').select();
      expect(after.map(row => Number(row.cost_micros))).toEqual([1_080_000]);
    });

    it('imports rates (admin, audited, whole file or nothing) and lists them with imported beating configured', async () => {
      const test = await setup(databaseId);
      const post = (body: string, user = ADMIN) =>
        request(test.app)
          .post('/import/exchange-rates')
          .set('Authorization', mockCredentials.user.header(user))
          .set('Content-Type', 'text/csv')
          .send(body);

      const refused = await post(
        'date,currency,rate\n2026-10,EUR,1.2\n2026-10-32,EUR,1\nx,GBP,0\n',
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(
        /^The exchange rate file has 3 invalid value\(s\); nothing was imported\. line 3: date "2026-10-32" is not a day/,
      );
      expect(refused.body.error.lines.map((l: any) => l.line)).toEqual([
        3, 4, 4,
      ]);
      expect(await test.knex('ai_cost_exchange_rates').select()).toEqual([]);

      const denied = await post('date,currency,rate\n2026-10,EUR,1.2\n', BOB);
      expect(denied.status).toBe(403);

      const imported = await post(
        'date,currency,rate\r\n2026-10,EUR,1.2\r\n2026-11,EUR,1.1\r\n2026-11-20,GBP,1.25\r\n',
      );
      expect(imported.status).toBe(200);
      expect(imported.body).toEqual({
        currency: 'USD',
        imported: 3,
        currencies: ['EUR', 'GBP'],
        from: '2026-10',
        to: '2026-11-20',
      });
      expect(
        test.auditor.createEvent.mock.calls.map(([e]: any) => e.eventId),
      ).toEqual([
        'exchange-rates-import',
        'exchange-rates-import',
        'exchange-rates-import',
      ]);

      const listed = await request(test.app)
        .get('/exchange-rates?currency=eur&from=2026-11-01&to=2026-11-30')
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(listed.status).toBe(200);
      expect(listed.body.currency).toBe('USD');
      expect(
        listed.body.rates.map((r: any) => [
          r.currency,
          r.date,
          r.rate,
          r.source,
        ]),
      ).toEqual([
        // The import beats aiCost.exchangeRates for November.
        ['EUR', '2026-11', 1.1, 'import'],
        ['EUR', '2026-11-14', 1.07, 'config'],
      ]);
      expect(listed.body.rates[0].importedBy).toBe(ADMIN);

      // The imported rates convert from then on.
      await test.ingest('azure', 'azure', [
        azureRecord({ date: '2026-10-15', cost: 10_000_000 }),
        azureRecord({ date: '2026-11-13', cost: 10_000_000 }),
      ]);
      const usage = await test
        .knex('ai_cost_usage')
        .select('date', 'cost_micros')
        .orderBy('date');
      expect(usage.map(row => Number(row.cost_micros))).toEqual([
        12_000_000, 11_000_000,
      ]);
    });

    it('converts a FOCUS file billed in EUR at each row day rate, or refuses it naming currency, day and lines', async () => {
      const test = await setup(databaseId);
      const header =
        'BillingAccountId,BillingCurrency,BilledCost,EffectiveCost,ListCost,ChargeCategory,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,SubAccountId';
      const line = (currency: string, cost: string, day: string) =>
        `acct,${currency},${cost},${cost},${cost},Usage,gpt-4o tokens,${day}T00:00:00Z,${day}T23:59:59Z,Microsoft,Azure OpenAI,sub-1`;
      const post = (rows: string[]) =>
        request(test.app)
          .post('/import/focus?include=all')
          .set('Authorization', mockCredentials.user.header(ADMIN))
          .set('Content-Type', 'text/csv')
          .send([header, ...rows, ''].join('\n'));

      const refused = await post([
        line('EUR', '10', '2026-11-13'),
        line('EUR', '1', '2026-10-30'),
        line('USD', '1', '2026-10-30'),
        line('EUR', '2', '2026-10-30'),
      ]);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        'The FOCUS file has amounts in a currency with no exchange rate for their day; nothing was imported. No exchange rate for EUR on 2026-10-30 (aiCost.exchangeRates or POST /import/exchange-rates): lines 3, 5',
      );
      expect(refused.body.error.lines.map((l: any) => l.line)).toEqual([3, 5]);
      expect(await test.knex('ai_cost_usage').select()).toEqual([]);
      expect(await test.knex('ai_cost_focus_rows').select()).toEqual([]);

      const imported = await post([
        // EUR 10 on the 14th at 1.07 = USD 10.70
        line('EUR', '10', '2026-11-14'),
        // EUR 12.345678 at 1.08 = USD 13.33333224 → 13.333332
        line('EUR', '12.345678', '2026-11-13'),
        // A EUR 2.500001 credit → USD -2.700001
        line('EUR', '-2.500001', '2026-11-13'),
        line('USD', '1', '2026-11-13'),
      ]);
      expect(imported.body.error?.message).toBeUndefined();
      expect(imported.status).toBe(200);
      expect(imported.body.currency).toBe('USD');
      // 10.7 + 13.333332 - 2.700001 + 1
      expect(imported.body.totals.billedCost).toBe(22.333331);
      const usage = await test
        .knex('ai_cost_usage')
        .select('date', 'cost_micros', 'original_cost', 'original_currency')
        .orderBy(['date', 'original_currency']);
      expect(
        usage
          .map(row => [
            row.date,
            Number(row.cost_micros),
            row.original_cost === null ? null : Number(row.original_cost),
            row.original_currency,
          ])
          .sort((a, b) =>
            `${a[0]}${a[3] ?? ''}`.localeCompare(`${b[0]}${b[3] ?? ''}`),
          ),
      ).toEqual([
        ['2026-11-13', 1_000_000, null, null],
        // One usage row per day and currency: EUR 9.845677 × 1.08 = 10.63333116 → 10.633331
        ['2026-11-13', 10_633_331, 9_845_677, 'EUR'],
        ['2026-11-14', 10_700_000, 10_000_000, 'EUR'],
      ]);
    });

    it('reports skipped FOCUS rows in the reporting currency, and needs their rates too', async () => {
      const test = await setup(databaseId);
      const header =
        'BillingAccountId,BillingCurrency,BilledCost,ChargeCategory,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,SubAccountId';
      const line = (cost: string, day: string, service: string) =>
        `acct,EUR,${cost},Usage,${service},${day}T00:00:00Z,${day}T23:59:59Z,Microsoft,${service},sub-1`;
      const post = (rows: string[]) =>
        request(test.app)
          .post('/import/focus')
          .set('Authorization', mockCredentials.user.header(ADMIN))
          .set('Content-Type', 'text/csv')
          .send([header, ...rows, ''].join('\n'));

      const refused = await post([
        line('1', '2026-11-13', 'Azure OpenAI'),
        line('5', '2026-10-30', 'Storage'),
      ]);
      expect(refused.status).toBe(400);
      expect(refused.body.error.lines).toEqual([
        {
          line: 3,
          message:
            'line 3: No exchange rate for EUR on 2026-10-30 (aiCost.exchangeRates or POST /import/exchange-rates)',
        },
      ]);

      const imported = await post([
        line('1', '2026-11-13', 'Azure OpenAI'),
        line('5', '2026-11-13', 'Storage'),
      ]);
      expect(imported.status).toBe(200);
      // EUR 1 and EUR 5 at 1.08
      expect(imported.body.totals.billedCost).toBe(1.08);
      expect(imported.body.skipped).toEqual({
        rows: 1,
        billedCost: 5.4,
        services: [{ serviceName: 'Storage', rows: 1, billedCost: 5.4 }],
      });
    });
  });
});

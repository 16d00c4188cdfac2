import zlib from 'node:zlib';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import {
  DEFAULT_CLASSIFICATION_RULES,
  rulesFingerprint,
} from '@ai-cost/plugin-ai-cost-node';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { PushSettings } from '../push/settings';
import type { JsonObject } from '@backstage/types';

jest.setTimeout(120_000);

const ADMIN = 'user:default/admin';
const BOB = 'user:default/bob';
const GATEWAY_APP = 'component:default/llm-gateway';
const BEDROCK_APP = 'component:default/bedrock-app';
const WINDOW = { from: '2026-11-01', to: '2026-11-03' };

function entities() {
  const platform = 'group:default/platform';
  return [
    catalogEntity(platform),
    catalogEntity(GATEWAY_APP, {
      owner: platform,
      annotations: { 'ai-cost/gateway-tags': 'service=gw' },
    }),
    catalogEntity(BEDROCK_APP, {
      owner: platform,
      annotations: { 'ai-cost/aws-account-id': '111122223333' },
    }),
  ];
}

function otelEvent(
  id: string,
  attributes: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    timestamp: '2026-11-01T10:00:00Z',
    attributes: { service: 'gw', ...attributes },
    ...extra,
  };
}

/** 5750 micros at gpt-4o list prices (1000 uncached, 200 cached, 300 output). */
const gpt4o = otelEvent('evt-1', {
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.usage.input_tokens': 1200,
  'gen_ai.usage.cache_read.input_tokens': 200,
  'gen_ai.usage.output_tokens': 300,
});
/** 1200 micros at claude-3-5-haiku list prices (1000 × $0.80 + 100 × $4 per MTok). */
const haiku = otelEvent(
  'evt-2',
  {
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.response.model': 'claude-3-5-haiku-20241022',
    'gen_ai.usage.input_tokens': 1000,
    'gen_ai.usage.output_tokens': 100,
  },
  { timestamp: '2026-11-02T08:00:00+01:00' },
);
/** Billed as given: 10000 micros. */
const billed = otelEvent(
  'evt-3',
  {
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.usage.input_tokens': 10,
    'gen_ai.usage.output_tokens': 10,
  },
  { cost: { amount: '0.01', currency: 'USD' } },
);
/** A model no price is known for: unpriced, not free. */
const unknownModel = otelEvent('evt-4', {
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'in-house-llm-7b',
  'gen_ai.usage.input_tokens': 5000,
  'gen_ai.usage.output_tokens': 500,
});
/** Unclaimed: service=unknown. */
const unclaimed = otelEvent('evt-5', {
  service: 'unknown',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.output_tokens': 0,
});

const FOCUS_CSV = [
  'BillingAccountId,BillingCurrency,BilledCost,EffectiveCost,ListCost,ChargeCategory,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,ProviderName,ServiceName,SubAccountId,Tags',
  '999988887777,USD,12.345678,12.0,13.5,Usage,Claude 3.5 Sonnet input tokens,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,4115,1K Tokens,AWS,Amazon Bedrock,111122223333,"{""team"":""search""}"',
  '999988887777,USD,3.5,3.5,3.5,Usage,Claude 3.5 Sonnet output tokens,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,233,1K Tokens,AWS,Amazon Bedrock,111122223333,',
  '999988887777,USD,-2.000001,-2.000001,0,Credit,"Promotional credit, November",2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,,,AWS,Amazon Bedrock,111122223333,',
  ',USD,0.75,0.75,0.8,Usage,mistral-large input tokens,2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,100000,Tokens,Mistral,La Plateforme,org-1,',
  '',
].join('\r\n');

describe('push routes: POST /ingest/events and POST /import/focus', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    push?: Partial<PushSettings>,
    config?: JsonObject,
  ) {
    const knex = await databases.init(databaseId);
    const test = await createCostTestApp({
      knex,
      entities: entities(),
      policy: (permission, user) =>
        permission === 'ai-cost.admin' && user === BOB ? 'DENY' : undefined,
      push,
      config,
    });
    await test.indexer.rebuild();
    const app = test.app as any;
    const post = (
      url: string,
      body: string | object | Buffer,
      auth = mockCredentials.user.header(ADMIN),
    ) => {
      const req = request(app).post(url).set('Authorization', auth);
      return typeof body === 'string' || Buffer.isBuffer(body)
        ? req.set('Content-Type', 'text/csv').send(body)
        : req.send(body);
    };
    const costs = async (entityRef: string) => {
      const res = await request(app)
        .get(
          `/costs?entityRef=${entityRef}&from=${WINDOW.from}&to=${WINDOW.to}`,
        )
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(res.status).toBe(200);
      return res.body;
    };
    return { ...test, knex, post, costs };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('prices events without a cost, keeps given costs billed and unknown models unpriced, and gateway-tags claims show up in GET /costs', async () => {
      const test = await setup(databaseId);
      const res = await test.post('/ingest/events', {
        events: [gpt4o, haiku, billed, unknownModel, unclaimed],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sourceId: 'gateway',
        format: 'otel',
        accepted: 5,
        duplicates: 0,
        rejected: [],
        days: ['2026-11-01', '2026-11-02'],
      });

      const gateway = await test.costs(GATEWAY_APP);
      expect(gateway.total.cost).toBe(0.01695);
      expect(gateway.byProvider).toEqual([
        { provider: 'gateway', cost: 0.01695 },
      ]);
      expect(
        gateway.byModel.map((m: any) => [m.model, m.cost, m.requests]).sort(),
      ).toEqual([
        ['claude-3-5-haiku-20241022', 0.0012, 1],
        ['gpt-4o', 0.01575, 2],
        ['in-house-llm-7b', 0, 1],
      ]);
      // Each model under its own provider, the gateway as the source.
      // The model without a price is unpriced, not free.
      expect(
        gateway.byModel
          .map((m: any) => [m.provider, m.source, m.model, m.cost, m.unpriced])
          .sort(),
      ).toEqual([
        ['anthropic', 'gateway', 'claude-3-5-haiku-20241022', 0.0012, false],
        ['openai', 'gateway', 'gpt-4o', 0.01575, false],
        ['openai', 'gateway', 'in-house-llm-7b', 0, true],
      ]);
      const byModel = await request(test.app as any)
        .get(`/rollup?groupBy=model&from=${WINDOW.from}&to=${WINDOW.to}`)
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(
        byModel.body.items.map((i: any) => [i.key, i.cost]).sort(),
      ).toEqual([
        ['anthropic/claude-3-5-haiku-20241022', 0.0012],
        ['openai/gpt-4o', 0.01575],
      ]);

      const rows = await test.store.listUsage({
        ...WINDOW,
        sourceId: 'gateway',
      });
      expect(
        rows
          .map(r => [r.model, r.lineItem, r.costKind, r.cost, r.unpriced])
          .sort(),
      ).toEqual([
        ['claude-3-5-haiku-20241022', 'anthropic', 'estimated', 1200, false],
        ['gpt-4o', 'openai', 'billed', 10000, false],
        ['gpt-4o', 'openai', 'estimated', 2500, false],
        ['gpt-4o', 'openai', 'estimated', 5750, false],
        ['in-house-llm-7b', 'openai', 'estimated', 0, true],
      ]);
      expect(rows.every(r => r.provider === 'gateway')).toBe(true);

      const unallocated = await test.attributionStore.sumUnallocated(WINDOW);
      expect(unallocated).toEqual([
        expect.objectContaining({
          provider: 'gateway',
          dimension: 'tag',
          value: 'service=unknown',
          cost: 2500,
        }),
      ]);

      const sources = await request(test.app as any)
        .get('/sources')
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(sources.body).toEqual([
        expect.objectContaining({
          id: 'gateway',
          provider: 'gateway',
          status: 'succeeded',
          freshThrough: '2026-11-02',
        }),
      ]);
    });

    it('changes nothing when a batch is sent again, to the micro-unit', async () => {
      const test = await setup(databaseId);
      const batch = { events: [gpt4o, haiku, billed, unknownModel, unclaimed] };
      await test.post('/ingest/events', batch);
      const ingested = await test.attributionStore.sumIngested(WINDOW);
      const usage = await test.store.listUsage({
        ...WINDOW,
        sourceId: 'gateway',
      });
      const costs = await test.costs(GATEWAY_APP);

      const again = await test.post('/ingest/events', batch);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({
        sourceId: 'gateway',
        format: 'otel',
        accepted: 0,
        duplicates: 5,
        rejected: [],
        days: ['2026-11-01', '2026-11-02'],
      });
      expect(await test.attributionStore.sumIngested(WINDOW)).toEqual(ingested);
      expect(
        await test.store.listUsage({ ...WINDOW, sourceId: 'gateway' }),
      ).toEqual(usage);
      expect(await test.costs(GATEWAY_APP)).toEqual(costs);
      expect(ingested.cost).toBe(5750 + 1200 + 10000 + 2500);
    });

    it('stores the good events of a mixed batch and names each bad one by index and field', async () => {
      const test = await setup(databaseId);
      const batch = {
        events: [
          gpt4o,
          {
            id: 'bad-1',
            timestamp: 'yesterday',
            attributes: {
              'gen_ai.request.model': 'gpt-4o',
              'gen_ai.usage.input_tokens': -1,
            },
          },
          haiku,
          otelEvent('eur', {}, { cost: { amount: 1, currency: 'EUR' } }),
          'not an event',
          { ...gpt4o, attributes: { ...gpt4o.attributes, service: 'changed' } },
        ],
      };
      const res = await test.post('/ingest/events', batch);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sourceId: 'gateway',
        format: 'otel',
        accepted: 2,
        duplicates: 0,
        rejected: [
          {
            index: 1,
            field: 'timestamp',
            message:
              'events[1].timestamp: "yesterday" is not an ISO 8601 date-time or epoch milliseconds',
          },
          {
            index: 1,
            field: 'attributes["gen_ai.usage.input_tokens"]',
            message:
              'events[1].attributes["gen_ai.usage.input_tokens"]: must be a non-negative integer, got -1',
          },
          {
            index: 3,
            field: 'cost.currency',
            message:
              'events[3].cost.currency: No exchange rate for EUR on 2026-11-01 (aiCost.exchangeRates or POST /import/exchange-rates)',
          },
          {
            index: 4,
            field: 'event',
            message: 'events[4]: Expected object, received string',
          },
          {
            index: 5,
            field: 'id',
            message:
              'events[5].id: "evt-1" was already stored with other content; stored events never change, send a correction under a new id',
          },
        ],
        days: ['2026-11-01', '2026-11-02'],
      });
      expect((await test.costs(GATEWAY_APP)).total.cost).toBe(0.00695);

      const again = await test.post('/ingest/events', batch);
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
      expect(again.body.rejected).toEqual(res.body.rejected);
    });

    it('converts a cost given in EUR at the day rate, to the micro-unit, and names a currency that is no code', async () => {
      const test = await setup(databaseId, undefined, {
        currency: 'USD',
        exchangeRates: { EUR: { '2026-11': 1.08, '2026-11-02': 1.1 } },
      });
      const res = await test.post('/ingest/events', {
        events: [
          // EUR 1.234567 at November's 1.08 = USD 1.33333236 → 1.333332
          otelEvent(
            'eur-1',
            {
              'gen_ai.provider.name': 'openai',
              'gen_ai.request.model': 'gpt-4o',
              'gen_ai.usage.input_tokens': 10,
            },
            { cost: { amount: '1.234567', currency: 'EUR' } },
          ),
          // EUR 0.5 on the 2nd at that day's 1.1 = USD 0.55
          otelEvent(
            'eur-2',
            {},
            {
              timestamp: '2026-11-02T10:00:00Z',
              cost: { amount: '0.5', currency: 'EUR' },
            },
          ),
          // USD as given: 0.01
          billed,
          otelEvent('bad', {}, { cost: { amount: 1, currency: 'euro' } }),
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        accepted: 3,
        rejected: [
          {
            index: 3,
            field: 'cost.currency',
            message:
              'events[3].cost.currency: must be a three-letter ISO 4217 currency code',
          },
        ],
      });
      const usage = await test
        .knex('ai_cost_usage')
        .orderBy(['date', 'original_cost'])
        .select();
      expect(
        usage.map(row => [
          row.date,
          Number(row.cost_micros),
          row.currency,
          row.original_cost === null ? null : Number(row.original_cost),
          row.original_currency,
          row.exchange_rate === null ? null : Number(row.exchange_rate),
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['2026-11-01', 1_333_332, 'USD', 1_234_567, 'EUR', 1.08],
          ['2026-11-01', 10_000, 'USD', null, null, null],
          ['2026-11-02', 550_000, 'USD', 500_000, 'EUR', 1.1],
        ]),
      );
      expect(usage).toHaveLength(3);
      const costs = await test.costs(GATEWAY_APP);
      expect(costs.currency).toBe('USD');
      // 1.333332 + 0.01 + 0.55
      expect(costs.total.cost).toBe(1.893332);
    });

    it('ingests LiteLLM spend-log rows with spend as billed cost', async () => {
      const test = await setup(databaseId);
      const row = {
        request_id: 'chatcmpl-abc',
        call_type: 'acompletion',
        api_key: 'hashed-key-1',
        spend: 0.0234,
        prompt_tokens: 2000,
        completion_tokens: 400,
        total_tokens: 2400,
        startTime: '2026-11-02T09:00:00.000000',
        model: 'gpt-4o',
        custom_llm_provider: 'openai',
        user: 'alice',
        team_id: 'team-1',
        request_tags: ['service=gw'],
        metadata: { user_api_key_team_alias: 'search' },
        status: 'success',
      };
      const zeroSpend = {
        ...row,
        request_id: 'chatcmpl-def',
        spend: 0,
        model: 'claude-3-5-haiku-20241022',
        custom_llm_provider: 'anthropic',
        prompt_tokens: 1000,
        completion_tokens: 100,
      };
      const res = await test.post('/ingest/events', {
        format: 'litellm',
        events: [row, zeroSpend, { ...row, request_id: '' }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sourceId: 'gateway',
        format: 'litellm',
        accepted: 2,
        duplicates: 0,
        rejected: [
          {
            index: 2,
            field: 'request_id',
            message: 'events[2].request_id: must not be empty',
          },
        ],
        days: ['2026-11-02'],
      });
      const rows = await test.store.listUsage({
        ...WINDOW,
        sourceId: 'gateway',
      });
      expect(
        rows
          .map(r => [r.model, r.costKind, r.cost, r.apiKeyId, r.userId])
          .sort(),
      ).toEqual([
        [
          'claude-3-5-haiku-20241022',
          'estimated',
          1200,
          'hashed-key-1',
          'alice',
        ],
        ['gpt-4o', 'billed', 23400, 'hashed-key-1', 'alice'],
      ]);
      expect(rows[0].tags).toEqual({
        service: 'gw',
        team_alias: 'search',
        team_id: 'team-1',
      });
      expect((await test.costs(GATEWAY_APP)).total.cost).toBe(0.0246);
    });

    it('admits services and admins only: 401 anonymous, 403 without ai-cost.admin', async () => {
      const test = await setup(databaseId);
      const body = { events: [gpt4o] };
      for (const url of ['/ingest/events', '/import/focus']) {
        const payload = url === '/ingest/events' ? body : FOCUS_CSV;
        const anonymous = await test.post(
          url,
          payload,
          mockCredentials.none.header(),
        );
        expect(anonymous.status).toBe(401);
        const bob = await test.post(
          url,
          payload,
          mockCredentials.user.header(BOB),
        );
        expect(bob.status).toBe(403);
        expect(bob.body.error.message).toBe('Missing permission ai-cost.admin');
      }
      const service = await test.post(
        '/ingest/events',
        body,
        mockCredentials.service.header(),
      );
      expect(service.status).toBe(200);
      expect(service.body.accepted).toBe(1);
      const serviceImport = await test.post(
        '/import/focus',
        FOCUS_CSV,
        mockCredentials.service.header(),
      );
      expect(serviceImport.status).toBe(200);
    });

    it('answers 400 above maxEventsPerBatch, 413 above maxBatchBytes, 400 for bad JSON', async () => {
      const test = await setup(databaseId);
      const tooMany = await test.post('/ingest/events', {
        events: Array.from({ length: 10_001 }, () => ({})),
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toBe(
        'events: too many events in one batch (10001); at most 10000 are accepted (aiCost.push.maxEventsPerBatch), split the batch',
      );

      const small = await setup(databaseId, {
        maxBatchBytes: 1024,
        maxEventsPerBatch: 2,
      });
      const big = { events: [gpt4o, haiku, billed, unknownModel, unclaimed] };
      expect(JSON.stringify(big).length).toBeGreaterThan(1024);
      const tooLarge = await small.post('/ingest/events', big);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error).toEqual({
        name: 'PayloadTooLargeError',
        message:
          'The batch is larger than the 1 KiB limit (aiCost.push.maxBatchBytes); send smaller batches',
        statusCode: 413,
      });
      const anonymous = await small.post(
        '/ingest/events',
        big,
        mockCredentials.none.header(),
      );
      expect(anonymous.status).toBe(401);
      const three = await small.post('/ingest/events', {
        events: [gpt4o, haiku, billed],
      });
      expect(three.status).toBe(400);
      expect(three.body.error.message).toMatch(
        /too many events in one batch \(3\); at most 2/,
      );

      const badJson = await request(test.app as any)
        .post('/ingest/events')
        .set('Authorization', mockCredentials.user.header(ADMIN))
        .set('Content-Type', 'application/json')
        .send('{"events": [');
      expect(badJson.status).toBe(400);
      expect(badJson.body.error.message).toMatch(
        /^The body is not valid JSON: /,
      );
      const noEvents = await test.post('/ingest/events', { format: 'otel' });
      expect(noEvents.status).toBe(400);
      expect(noEvents.body.error.message).toBe('events: is required');
    });

    it('imports a FOCUS file with a credit, reconciled to the micro-unit, once', async () => {
      const test = await setup(databaseId);
      const res = await test.post('/import/focus', FOCUS_CSV);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sourceId: 'focus',
        fileId: `sha256:${res.body.sha256}`,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        status: 'imported',
        rows: 4,
        rowsImported: 4,
        currency: 'USD',
        totals: {
          billedCost: 14.595677,
          effectiveCost: 14.249999,
          listCost: 17.8,
          credits: -2.000001,
        },
        from: '2026-11-01',
        to: '2026-11-02',
        warnings: [],
        warningCount: 0,
        include: 'ai',
        skipped: { rows: 0, billedCost: 0, services: [] },
      });
      const ingested = await test.attributionStore.sumIngested(WINDOW);
      expect(ingested.cost).toBe(14_595_677);
      expect(ingested.inputTokens).toBe(4_115_000 + 100_000);
      expect(ingested.outputTokens).toBe(233_000);

      const bedrock = await test.costs(BEDROCK_APP);
      expect(bedrock.total.cost).toBe(13.845677);
      expect(bedrock.byProvider).toEqual([
        { provider: 'aws', cost: 13.845677 },
      ]);
      const unallocated = await test.attributionStore.sumUnallocated(WINDOW);
      expect(unallocated).toEqual([
        expect.objectContaining({
          provider: 'focus',
          dimension: 'accountId',
          value: 'org-1',
          cost: 750_000,
        }),
      ]);

      // The same file again, and gzipped, changes nothing.
      const again = await test.post('/import/focus', FOCUS_CSV);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        status: 'duplicate',
        fileId: res.body.fileId,
        rowsImported: 0,
        totals: res.body.totals,
      });
      const gzipped = await test
        .post('/import/focus?fileId=november', zlib.gzipSync(FOCUS_CSV))
        .set('Content-Encoding', 'gzip');
      expect(gzipped.status).toBe(200);
      expect(gzipped.body).toMatchObject({
        status: 'duplicate',
        sha256: res.body.sha256,
      });
      expect(await test.attributionStore.sumIngested(WINDOW)).toEqual(ingested);
      expect((await test.costs(BEDROCK_APP)).total.cost).toBe(13.845677);
    });

    it('counts GPU compute on a cloud bill as self-hosted spend, skipping other compute', async () => {
      const test = await setup(databaseId);
      const gpu = [
        'BillingAccountId,BillingCurrency,BilledCost,ChargeCategory,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,SubAccountId',
        '999988887777,USD,98.32,Usage,$32.7726 per On Demand Linux p4d.24xlarge Instance Hour,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,AWS,Amazon Elastic Compute Cloud,111122223333',
        '999988887777,USD,2.3,Usage,$0.096 per On Demand Linux m5.large Instance Hour,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,AWS,Amazon Elastic Compute Cloud,111122223333',
        '999988887777,USD,1.25,Usage,Claude 3.5 Sonnet input tokens,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,AWS,Amazon Bedrock,111122223333',
        '',
      ].join('\r\n');
      const res = await test.post('/import/focus', gpu);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        rowsImported: 2,
        skipped: { rows: 1, billedCost: 2.3 },
      });
      const rollup = await request(test.app as any)
        .get(`/rollup?groupBy=category&from=${WINDOW.from}&to=${WINDOW.to}`)
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(rollup.status).toBe(200);
      const cost = (key: string) =>
        rollup.body.items.find((i: { key: string }) => i.key === key)?.cost;
      // The p4d line is GPU compute; the Bedrock line a cloud AI service.
      expect(cost('self-hosted')).toBe(98.32);
      expect(cost('cloud-ai')).toBe(1.25);
      expect(rollup.body.total).toBe(99.57);
    });

    it('refuses a FOCUS file with invalid rows as a whole, naming every line', async () => {
      const test = await setup(databaseId);
      const lines = FOCUS_CSV.split('\r\n');
      lines[2] = lines[2].replace(',3.5,3.5,3.5,', ',abc,3.5,3.5,');
      lines[4] = lines[4].replace(',USD,', ',EURO,');
      const res = await test.post('/import/focus', lines.join('\n'));
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toBe(
        'The FOCUS file has 2 invalid value(s); nothing was imported. line 3: BilledCost "abc" is not a decimal number; line 5: BillingCurrency "EURO" is not an ISO 4217 currency code',
      );
      expect(res.body.error.lines).toEqual([
        {
          line: 3,
          message: 'line 3: BilledCost "abc" is not a decimal number',
        },
        {
          line: 5,
          message:
            'line 5: BillingCurrency "EURO" is not an ISO 4217 currency code',
        },
      ]);
      expect((await test.attributionStore.sumIngested(WINDOW)).cost).toBe(0);

      const broken = await test.post(
        '/import/focus',
        `${lines[0]}\n${lines[1]}\n1,"unterminated`,
      );
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toBe(
        'The file is not valid CSV; nothing was imported: line 3: a quoted field is not closed before the end of the file',
      );
      const noHeader = await test.post(
        '/import/focus',
        'BilledCost,Tags\n1,\n',
      );
      expect(noHeader.status).toBe(400);
      expect(noHeader.body.error.message).toBe(
        'line 1: the header lacks the FOCUS column(s) ChargePeriodStart, BillingCurrency; found "BilledCost", "Tags"',
      );
    });

    it('refuses other content under a known fileId unless replace=true, and answers 413 above maxImportBytes', async () => {
      const test = await setup(databaseId, { maxImportBytes: 2048 });
      const first = await test.post('/import/focus?fileId=2026-11', FOCUS_CSV);
      expect(first.status).toBe(200);
      const restated = FOCUS_CSV.replace('12.345678', '12.5');
      const conflict = await test.post(
        '/import/focus?fileId=2026-11',
        restated,
      );
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.message).toBe(
        `FOCUS file "2026-11" of source "focus" was imported before with other content or another row selection (sha256 ${
          first.body.sha256
        }, rows ai:${rulesFingerprint(
          DEFAULT_CLASSIFICATION_RULES,
        )}); import this version under another fileId, or pass replace=true to replace it`,
      );
      const replaced = await test.post(
        '/import/focus?fileId=2026-11&replace=true',
        restated,
      );
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({
        status: 'replaced',
        totals: { billedCost: 14.749999 },
      });
      expect((await test.attributionStore.sumIngested(WINDOW)).cost).toBe(
        14_749_999,
      );

      const badQuery = await test.post('/import/focus?sourceId=a b', FOCUS_CSV);
      expect(badQuery.status).toBe(400);
      expect(badQuery.body.error.message).toBe(
        'sourceId: must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      );
      await test.post('/ingest/events', { events: [gpt4o] });
      const wrongKind = await test.post(
        '/import/focus?sourceId=gateway',
        FOCUS_CSV,
      );
      expect(wrongKind.status).toBe(409);
      expect(wrongKind.body.error.message).toBe(
        'Source "gateway" is a gateway source; focus data needs a source id of its own',
      );
      const empty = await test.post('/import/focus', '');
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toBe(
        'The file is empty; expected a FOCUS header line and rows',
      );

      const big = `${FOCUS_CSV}${FOCUS_CSV.split('\r\n')[1]}\r\n`.repeat(3);
      const tooLarge = await test.post('/import/focus', big);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.message).toBe(
        'The file is larger than the 2 KiB limit (aiCost.push.maxImportBytes); split it, e.g. by billing period',
      );
    });
  });
});

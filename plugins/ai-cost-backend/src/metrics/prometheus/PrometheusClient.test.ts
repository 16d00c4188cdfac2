import { setupServer } from 'msw/node';
import {
  FakePrometheus,
  prometheusError,
} from '../../__testUtils__/fakePrometheus';
import { PrometheusClient } from './PrometheusClient';
import type { PrometheusMetricQuery } from './readPrometheusSettings';

const BASE_URL = 'https://prom.test/prometheus';
const TOKEN = 'prom-bearer-CANARY-5e1d7c3b9a';
const WINDOW = { from: '2026-11-02', to: '2026-11-04' };
// End of each day of the window, in unix seconds (hand-computed).
const END_OF_NOV_1 = 1793577600; // 2026-11-02T00:00:00Z
const END_OF_NOV_2 = 1793664000; // 2026-11-03T00:00:00Z
const END_OF_NOV_3 = 1793750400; // 2026-11-04T00:00:00Z
const END_OF_NOV_4 = 1793836800; // 2026-11-05T00:00:00Z

const DOCUMENTS: PrometheusMetricQuery = {
  metric: 'documents_processed',
  query: 'sum by (service) (increase(documents_processed_total[1d]))',
  unit: 'documents',
  entityLabel: 'service',
  tagLabels: {},
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let fake: FakePrometheus;
let waits: number[];
let client: PrometheusClient;
beforeEach(() => {
  fake = new FakePrometheus(BASE_URL, TOKEN);
  server.resetHandlers(fake.handler());
  waits = [];
  client = new PrometheusClient({
    source: { id: 'prom-prod', baseUrl: BASE_URL, token: TOKEN },
    http: {
      maxRetries: 2,
      sleep: async ms => {
        waits.push(ms);
      },
    },
  });
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('PrometheusClient.queryDaily', () => {
  it('asks for one evaluation at the end of each UTC day, with the bearer token', async () => {
    await client.queryDaily(DOCUMENTS, WINDOW);
    expect(fake.requests).toHaveLength(1);
    const { url, authorization } = fake.requests[0];
    expect(url.pathname).toBe('/prometheus/api/v1/query_range');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      query: 'sum by (service) (increase(documents_processed_total[1d]))',
      start: '1793664000',
      end: '1793836800',
      step: '86400',
    });
    expect(authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('gives the sample at <day+1> 00:00 to the day, per entity label, in micro-units', async () => {
    fake.series.set(DOCUMENTS.query, [
      {
        metric: { service: 'search' },
        at: {
          [END_OF_NOV_1]: '999', // the day before the window: not asked for
          [END_OF_NOV_2]: '1200',
          [END_OF_NOV_3]: '1350.5',
          [END_OF_NOV_4]: '980',
        },
      },
      {
        metric: { service: 'Component:Payments/Checkout' },
        at: { [END_OF_NOV_3]: '0.1234567' },
      },
    ]);
    const result = await client.queryDaily(DOCUMENTS, WINDOW);
    const point = (date: string, entityRef: string, valueMicros: number) => ({
      metric: 'documents_processed',
      date,
      entityRef,
      tags: {},
      valueMicros,
      unit: 'documents',
    });
    expect(result).toEqual({
      points: [
        point('2026-11-02', 'component:default/search', 1_200_000_000),
        point('2026-11-03', 'component:default/search', 1_350_500_000),
        point('2026-11-04', 'component:default/search', 980_000_000),
        // 0.1234567 × 1e6 = 123456.7 → 123457
        point('2026-11-03', 'component:payments/checkout', 123_457),
      ],
      problems: [],
      warnings: [],
    });
  });

  it('sums the series that map to the same day, entity and tags', async () => {
    const revenue: PrometheusMetricQuery = {
      metric: 'revenue',
      query:
        'sum by (service, customer_id, region) (increase(revenue_usd_total[1d]))',
      unit: 'USD',
      entityLabel: 'service',
      tagLabels: { customer: 'customer_id' },
    };
    fake.series.set(revenue.query, [
      {
        metric: { service: 'search', customer_id: 'acme', region: 'eu' },
        at: { [END_OF_NOV_2]: '10.25' },
      },
      {
        metric: { service: 'search', customer_id: 'acme', region: 'us' },
        at: { [END_OF_NOV_2]: '0.75' },
      },
      {
        metric: { service: 'search', region: 'ap' },
        at: { [END_OF_NOV_2]: '2' },
      },
    ]);
    const { points, problems } = await client.queryDaily(revenue, WINDOW);
    expect(problems).toEqual([]);
    expect(points).toEqual([
      {
        metric: 'revenue',
        date: '2026-11-02',
        entityRef: 'component:default/search',
        tags: { customer: 'acme' },
        valueMicros: 11_000_000, // 10.25 + 0.75
        unit: 'USD',
      },
      {
        metric: 'revenue',
        date: '2026-11-02',
        entityRef: 'component:default/search',
        tags: {}, // no customer_id label: no customer tag
        valueMicros: 2_000_000,
        unit: 'USD',
      },
    ]);
  });

  it('reads a vector (a single evaluation) for an organisation-wide or fixed entity', async () => {
    fake.script.push({
      status: 200,
      body: {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: {}, value: [END_OF_NOV_4, '4999.99'] }],
        },
      },
    });
    const { points } = await client.queryDaily(
      {
        metric: 'revenue',
        query: 'sum(increase(revenue_usd_total[1d]))',
        unit: 'USD',
        entityRef: 'component:default/billing',
        tagLabels: {},
      },
      WINDOW,
    );
    expect(points).toEqual([
      {
        metric: 'revenue',
        date: '2026-11-04',
        entityRef: 'component:default/billing',
        tags: {},
        valueMicros: 4_999_990_000,
        unit: 'USD',
      },
    ]);
  });

  it('skips NaN, infinite, negative and oversized values and reports each', async () => {
    const active: PrometheusMetricQuery = {
      metric: 'active_users',
      query: 'max_over_time(active_users[1d])',
      unit: null,
      tagLabels: {},
    };
    fake.series.set(active.query, [
      {
        metric: { job: 'web' },
        at: {
          [END_OF_NOV_2]: 'NaN',
          [END_OF_NOV_3]: '+Inf',
          [END_OF_NOV_4]: '-3',
        },
      },
      {
        metric: { job: 'api' },
        at: {
          [END_OF_NOV_2]: '-Inf',
          [END_OF_NOV_3]: '9007199254.740991', // exactly MAX_SAFE_INTEGER micro-units
          [END_OF_NOV_4]: '9007199254.740992',
        },
      },
    ]);
    const { points, problems } = await client.queryDaily(active, WINDOW);
    expect(points).toEqual([
      {
        metric: 'active_users',
        date: '2026-11-03',
        entityRef: null,
        tags: {},
        valueMicros: 9_007_199_254_740_991,
        unit: null,
      },
    ]);
    expect(problems).toEqual([
      'active_users {job="web"} on 2026-11-02: value NaN is not a number; skipped',
      'active_users {job="web"} on 2026-11-03: value +Inf is not a number; skipped',
      'active_users {job="web"} on 2026-11-04: value -3 is negative; skipped',
      'active_users {job="api"} on 2026-11-02: value -Inf is not a number; skipped',
      'active_users {job="api"} on 2026-11-04: value 9007199254.740992 is above 9007199254740991 micro-units, too large to store; skipped',
    ]);
  });

  it('reports a sum too large to store', async () => {
    const q = { ...DOCUMENTS, entityLabel: undefined };
    fake.series.set(q.query, [
      { metric: { a: '1' }, at: { [END_OF_NOV_2]: '5000000000' } },
      { metric: { a: '2' }, at: { [END_OF_NOV_2]: '5000000000' } },
    ]);
    const { points, problems } = await client.queryDaily(q, WINDOW);
    expect(points).toEqual([]);
    expect(problems).toEqual([
      'documents_processed on 2026-11-02 for the organisation: the sum of its series is too large to store; skipped',
    ]);
  });

  it('skips a series without the entity label, naming its labels', async () => {
    fake.series.set(DOCUMENTS.query, [
      {
        metric: { job: 'docs', instance: 'docs-1:9090' },
        at: { [END_OF_NOV_2]: '7' },
      },
      { metric: { service: 'a:b:c' }, at: { [END_OF_NOV_2]: '1' } },
      { metric: { service: 'search' }, at: { [END_OF_NOV_2]: '3' } },
    ]);
    const { points, problems } = await client.queryDaily(DOCUMENTS, WINDOW);
    expect(points.map(p => [p.entityRef, p.valueMicros])).toEqual([
      ['component:default/search', 3_000_000],
    ]);
    expect(problems).toEqual([
      'documents_processed {job="docs", instance="docs-1:9090"}: no label service naming the entity; series skipped',
      'documents_processed {service="a:b:c"}: label service="a:b:c" is not an entity reference; series skipped',
    ]);
  });

  it("returns Prometheus's warnings (partial data) with the points", async () => {
    fake.series.set(DOCUMENTS.query, [
      { metric: { service: 'search' }, at: { [END_OF_NOV_2]: '42' } },
    ]);
    fake.warnings = [
      'remote read: store eu-1 did not answer; the result may be partial',
    ];
    const result = await client.queryDaily(DOCUMENTS, WINDOW);
    expect(result.warnings).toEqual([
      'remote read: store eu-1 did not answer; the result may be partial',
    ]);
    expect(result.points.map(p => p.valueMicros)).toEqual([42_000_000]);
  });

  it.each([
    [
      400,
      'bad_data',
      '1:5: parse error: unexpected character',
      'Prometheus prom-prod /api/v1/query_range answered 400: bad_data: 1:5: parse error: unexpected character',
      1,
    ],
    [
      422,
      'execution',
      'query processing would load too many samples into memory in query execution',
      'Prometheus prom-prod /api/v1/query_range answered 422: execution: query processing would load too many samples into memory in query execution',
      1,
    ],
    [
      503,
      'timeout',
      'query timed out in expression evaluation',
      'Prometheus prom-prod /api/v1/query_range answered 503 after 3 attempts: timeout: query timed out in expression evaluation',
      3,
    ],
  ])(
    'passes on the error envelope of HTTP %d',
    async (status, errorType, message, expected, attempts) => {
      fake.script.push(
        ...Array.from({ length: attempts }, () =>
          prometheusError(status, errorType, message),
        ),
      );
      const error = await failure(client.queryDaily(DOCUMENTS, WINDOW));
      expect(error.message).toBe(expected);
      expect(fake.requests).toHaveLength(attempts);
    },
  );

  it('passes on an error envelope answered with 200', async () => {
    fake.script.push({
      status: 200,
      body: { status: 'error', errorType: 'internal', error: 'oops' },
    });
    const error = await failure(client.queryDaily(DOCUMENTS, WINDOW));
    expect(error.message).toBe(
      'Prometheus prom-prod /api/v1/query_range: internal: oops',
    );
  });

  it('waits as long as Retry-After says after a 429', async () => {
    fake.series.set(DOCUMENTS.query, [
      { metric: { service: 'search' }, at: { [END_OF_NOV_2]: '5' } },
    ]);
    fake.script.push({
      status: 429,
      body: 'Too Many Requests',
      headers: { 'retry-after': '7' },
    });
    const { points } = await client.queryDaily(DOCUMENTS, WINDOW);
    expect(waits).toEqual([7000]);
    expect(fake.requests).toHaveLength(2);
    expect(points.map(p => p.valueMicros)).toEqual([5_000_000]);
  });

  it('retries a 5xx with backoff, then reads the answer', async () => {
    fake.series.set(DOCUMENTS.query, [
      { metric: { service: 'search' }, at: { [END_OF_NOV_4]: '1' } },
    ]);
    fake.script.push({ status: 502, body: 'Bad Gateway' });
    const { points } = await client.queryDaily(DOCUMENTS, WINDOW);
    expect(waits).toEqual([1000]);
    expect(points.map(p => [p.date, p.valueMicros])).toEqual([
      ['2026-11-04', 1_000_000],
    ]);
  });

  it.each([
    [
      'not JSON',
      '<html>proxy error</html>',
      'Prometheus prom-prod /api/v1/query_range: response is not valid JSON (24 bytes, starts with "<html>proxy error</html>")',
    ],
    [
      'a value that is not a string',
      {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [{ metric: {}, values: [[END_OF_NOV_2, 12]] }],
        },
      },
      'Prometheus prom-prod /api/v1/query_range: unexpected response: data.result.0.values.0.1: Expected string, received number',
    ],
    [
      'a scalar result',
      {
        status: 'success',
        data: { resultType: 'scalar', result: [END_OF_NOV_2, '1'] },
      },
      "Prometheus prom-prod /api/v1/query_range: unexpected response: data.resultType: Invalid discriminator value. Expected 'matrix' | 'vector'",
    ],
    [
      'no status',
      { data: {} },
      "Prometheus prom-prod /api/v1/query_range: unexpected response: status: Invalid discriminator value. Expected 'success' | 'error'",
    ],
  ])('fails on a malformed body: %s', async (_, body, expected) => {
    fake.script.push({ status: 200, body });
    const error = await failure(client.queryDaily(DOCUMENTS, WINDOW));
    expect(error.message).toBe(expected);
  });

  it('never shows the token in an error, even when echoed back', async () => {
    fake.script.push(
      prometheusError(400, 'bad_data', `rejected header Bearer ${TOKEN}`),
    );
    const error = await failure(client.queryDaily(DOCUMENTS, WINDOW));
    expect(error.message).toBe(
      'Prometheus prom-prod /api/v1/query_range answered 400: bad_data: rejected header Bearer [redacted]',
    );
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(String(error.stack)).not.toContain(TOKEN);
  });

  it('sends no Authorization header without a token', async () => {
    const anonymous = new PrometheusClient({
      source: { id: 'prom-dev', baseUrl: BASE_URL },
    });
    fake.script.push({
      status: 200,
      body: { status: 'success', data: { resultType: 'matrix', result: [] } },
    });
    const result = await anonymous.queryDaily(DOCUMENTS, WINDOW);
    expect(result).toEqual({ points: [], problems: [], warnings: [] });
    expect(fake.requests[0].authorization).toBeNull();
  });
});

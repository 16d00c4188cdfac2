import type {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import type { MetricStore, MetricWindow } from '../../database/MetricStore';
import { captureLogger } from '../../__testUtils__/captureLogger';
import {
  FakePrometheus,
  prometheusError,
} from '../../__testUtils__/fakePrometheus';
import type { MetricPoint } from '../types';
import { PrometheusMetricsPuller } from './PrometheusMetricsPuller';
import type { PrometheusSourceSettings } from './readPrometheusSettings';

const BASE_URL = 'https://prom.puller.test';
const TOKEN = 'prom-puller-token-3c9e1a7f';
// 2026-11-05 13:45 UTC: today is incomplete, so the window ends 2026-11-04.
const NOW = new Date('2026-11-05T13:45:00Z');
const END_OF_NOV_1 = 1793577600; // 2026-11-02T00:00:00Z
const END_OF_NOV_2 = 1793664000;
const END_OF_NOV_4 = 1793836800;
const END_OF_NOV_5 = 1793923200; // today's evaluation: never asked for

const DOCUMENTS_QUERY =
  'sum by (service) (increase(documents_processed_total[1d]))';
const REVENUE_QUERY = 'sum by (customer_id) (increase(revenue_usd_total[1d]))';

const SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 5 },
};

function promProd(
  overrides: Partial<PrometheusSourceSettings> = {},
): PrometheusSourceSettings {
  return {
    id: 'prom-prod',
    baseUrl: BASE_URL,
    token: TOKEN,
    schedule: SCHEDULE,
    lookbackDays: 3,
    queries: [
      {
        metric: 'documents_processed',
        query: DOCUMENTS_QUERY,
        unit: 'documents',
        entityLabel: 'service',
        tagLabels: {},
      },
      {
        metric: 'revenue',
        query: REVENUE_QUERY,
        unit: 'USD',
        entityRef: 'component:default/billing',
        tagLabels: { customer: 'customer_id' },
      },
    ],
    ...overrides,
  };
}

/** MetricStore.replaceWindow in memory: per origin, the window's points are replaced. */
class InMemoryMetricStore
  implements Pick<MetricStore, 'replaceWindow' | 'unitsOf'>
{
  readonly points = new Map<string, MetricPoint[]>();
  readonly calls: Array<{ origin: string; window: MetricWindow }> = [];
  failWith?: Error;

  async replaceWindow(
    origin: string,
    window: MetricWindow,
    points: MetricPoint[],
  ): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.calls.push({ origin, window });
    const kept = (this.points.get(origin) ?? []).filter(
      p => p.date < window.from || p.date > window.to,
    );
    this.points.set(origin, [...kept, ...points]);
  }

  async unitsOf(metrics: string[]): Promise<Map<string, string | null>> {
    const units = new Map<string, string | null>();
    for (const point of [...this.points.values()].flat()) {
      if (metrics.includes(point.metric) && point.unit !== null) {
        units.set(point.metric, point.unit);
      }
    }
    return units;
  }
}

type ScheduledTask = Parameters<SchedulerService['scheduleTask']>[0];

/** A mock SchedulerService remembering the tasks it was given. */
function fakeScheduler() {
  const tasks: ScheduledTask[] = [];
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.push(task);
    },
  });
  return Object.assign(scheduler, { tasks });
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let fake: FakePrometheus;
let store: InMemoryMetricStore;
let scheduler: ReturnType<typeof fakeScheduler>;
let logger: ReturnType<typeof captureLogger>;
let pulled: Array<[string, MetricWindow]>;

beforeEach(() => {
  fake = new FakePrometheus(BASE_URL, TOKEN);
  server.resetHandlers(fake.handler());
  fake.series.set(DOCUMENTS_QUERY, [
    {
      metric: { service: 'search' },
      at: {
        [END_OF_NOV_1]: '1', // 2026-11-01: before the window
        [END_OF_NOV_2]: '120',
        [END_OF_NOV_4]: '80.5',
        [END_OF_NOV_5]: '9', // 2026-11-05: today, incomplete
      },
    },
  ]);
  fake.series.set(REVENUE_QUERY, [
    { metric: { customer_id: 'acme' }, at: { [END_OF_NOV_4]: '1999.99' } },
  ]);
  store = new InMemoryMetricStore();
  scheduler = fakeScheduler();
  logger = captureLogger();
  pulled = [];
});

function puller(sources: PrometheusSourceSettings[] = [promProd()]) {
  return new PrometheusMetricsPuller({
    sources,
    store,
    scheduler,
    logger,
    now: () => NOW,
    onPulled: async (sourceId, window) => {
      pulled.push([sourceId, window]);
    },
  });
}

const WINDOW = { from: '2026-11-02', to: '2026-11-04' };

const STORED: MetricPoint[] = [
  {
    metric: 'documents_processed',
    date: '2026-11-02',
    entityRef: 'component:default/search',
    tags: {},
    valueMicros: 120_000_000,
    unit: 'documents',
  },
  {
    metric: 'documents_processed',
    date: '2026-11-04',
    entityRef: 'component:default/search',
    tags: {},
    valueMicros: 80_500_000,
    unit: 'documents',
  },
  {
    metric: 'revenue',
    date: '2026-11-04',
    entityRef: 'component:default/billing',
    tags: { customer: 'acme' },
    valueMicros: 1_999_990_000,
    unit: 'USD',
  },
];

describe('PrometheusMetricsPuller', () => {
  it('schedules one global task per source with its schedule', async () => {
    const eu = promProd({
      id: 'prom-eu',
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 10 } },
    });
    await puller([promProd(), eu]).start();
    expect(
      scheduler.tasks.map(({ fn, ...task }) => ({
        ...task,
        fn: typeof fn,
      })),
    ).toEqual([
      {
        id: 'ai-cost-metrics-prom-prod',
        scope: 'global',
        frequency: { minutes: 30 },
        timeout: { minutes: 5 },
        fn: 'function',
      },
      {
        id: 'ai-cost-metrics-prom-eu',
        scope: 'global',
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
        fn: 'function',
      },
    ]);
  });

  it('a run replaces the trailing lookbackDays ending yesterday with every query, in one write', async () => {
    await puller().start();
    await scheduler.tasks[0].fn(new AbortController().signal);

    expect(
      fake.requests.map(r => Object.fromEntries(r.url.searchParams)),
    ).toEqual([
      {
        query: DOCUMENTS_QUERY,
        start: '1793664000',
        end: '1793836800',
        step: '86400',
      },
      {
        query: REVENUE_QUERY,
        start: '1793664000',
        end: '1793836800',
        step: '86400',
      },
    ]);
    expect(store.calls).toEqual([{ origin: 'prom-prod', window: WINDOW }]);
    expect(store.points.get('prom-prod')).toEqual(STORED);
    expect(pulled).toEqual([['prom-prod', WINDOW]]);
    expect(logger.logs.map(l => [l.level, l.message])).toEqual([
      [
        'info',
        'Prometheus metrics source prom-prod: stored 3 points for 2026-11-02..2026-11-04',
      ],
    ]);
  });

  it('replaces what an earlier run stored in the window and keeps older days', async () => {
    store.points.set('prom-prod', [
      { ...STORED[0], date: '2026-10-30', valueMicros: 7 },
      { ...STORED[0], valueMicros: 1 },
    ]);
    const result = await puller().pullNow('prom-prod');
    expect(result).toEqual({
      window: WINDOW,
      points: 3,
      problems: [],
      warnings: [],
    });
    expect(store.points.get('prom-prod')).toEqual([
      { ...STORED[0], date: '2026-10-30', valueMicros: 7 },
      ...STORED,
    ]);
  });

  it('a failed query changes nothing and is logged with the source id', async () => {
    store.points.set('prom-prod', STORED);
    fake.script.push(
      {
        status: 200,
        body: { status: 'success', data: { resultType: 'matrix', result: [] } },
      },
      prometheusError(
        422,
        'execution',
        'query processing would load too many samples',
      ),
    );
    await puller().start();
    // The task itself does not throw: the next run tries again.
    await expect(
      scheduler.tasks[0].fn(new AbortController().signal),
    ).resolves.toBeUndefined();

    expect(store.calls).toEqual([]);
    expect(store.points.get('prom-prod')).toEqual(STORED);
    expect(pulled).toEqual([]);
    expect(logger.logs).toEqual([
      {
        level: 'error',
        message:
          'Prometheus metrics source prom-prod failed for 2026-11-02..2026-11-04; nothing stored: metric revenue: Prometheus prom-prod /api/v1/query_range answered 422: execution: query processing would load too many samples',
        meta: { sourceId: 'prom-prod' },
      },
    ]);
    await expect(puller().pullNow('prom-prod')).resolves.toMatchObject({
      points: 3,
    });
  });

  it('pullNow throws what failed', async () => {
    fake.script.push(prometheusError(400, 'bad_data', 'parse error at char 5'));
    await expect(puller().pullNow('prom-prod')).rejects.toThrow(
      'metric documents_processed: Prometheus prom-prod /api/v1/query_range answered 400: bad_data: parse error at char 5',
    );
    expect(store.calls).toEqual([]);
  });

  it('logs a store failure with the source id', async () => {
    store.failWith = new Error('database is locked');
    await expect(puller().pullNow('prom-prod')).rejects.toThrow(
      'database is locked',
    );
    expect(logger.logs.map(l => l.message)).toEqual([
      'Prometheus metrics source prom-prod failed for 2026-11-02..2026-11-04; nothing stored: database is locked',
    ]);
    expect(pulled).toEqual([]);
  });

  it('stores what it could read and logs problems and warnings as warnings', async () => {
    fake.series.set(DOCUMENTS_QUERY, [
      { metric: { service: 'search' }, at: { [END_OF_NOV_2]: 'NaN' } },
      { metric: { job: 'docs' }, at: { [END_OF_NOV_2]: '4' } },
      {
        metric: { service: 'search', pod: 'b' },
        at: { [END_OF_NOV_4]: '80.5' },
      },
    ]);
    fake.warnings = ['remote read: store eu-1 did not answer'];
    const result = await puller().pullNow('prom-prod');

    expect(store.points.get('prom-prod')).toEqual(STORED.slice(1));
    expect(result.problems).toEqual([
      'documents_processed {service="search"} on 2026-11-02: value NaN is not a number; skipped',
      'documents_processed {job="docs"}: no label service naming the entity; series skipped',
    ]);
    expect(logger.logs.map(l => [l.level, l.message])).toEqual([
      [
        'warn',
        'Prometheus metrics source prom-prod: documents_processed {service="search"} on 2026-11-02: value NaN is not a number; skipped',
      ],
      [
        'warn',
        'Prometheus metrics source prom-prod: documents_processed {job="docs"}: no label service naming the entity; series skipped',
      ],
      [
        'warn',
        'Prometheus metrics source prom-prod warned, values may be partial: metric documents_processed: remote read: store eu-1 did not answer',
      ],
      [
        'warn',
        'Prometheus metrics source prom-prod warned, values may be partial: metric revenue: remote read: store eu-1 did not answer',
      ],
      [
        'info',
        'Prometheus metrics source prom-prod: stored 2 points for 2026-11-02..2026-11-04',
      ],
    ]);
    expect(logger.text()).not.toContain(TOKEN);
  });

  it('sums the same point from two queries of one metric', async () => {
    const source = promProd();
    source.queries = [
      source.queries[0],
      {
        ...source.queries[0],
        query: 'sum by (service) (increase(ocr_pages_total[1d]))',
      },
    ];
    fake.series.set('sum by (service) (increase(ocr_pages_total[1d]))', [
      { metric: { service: 'search' }, at: { [END_OF_NOV_2]: '0.5' } },
    ]);
    await puller([source]).pullNow('prom-prod');
    expect(store.points.get('prom-prod')).toEqual([
      { ...STORED[0], valueMicros: 120_500_000 }, // 120 + 0.5
      STORED[1],
    ]);
  });

  it('refuses a unit other than the one stored, before reading anything', async () => {
    store.points.set('push', [{ ...STORED[0], unit: 'pages' }]);
    await expect(puller().pullNow('prom-prod')).rejects.toMatchObject({
      name: 'InputError',
      message:
        'metric documents_processed: the query states the unit documents, but documents_processed is stored in pages; state pages in aiCost.metrics.prometheus or pull the values under another metric name',
    });
    expect(fake.requests).toHaveLength(0);
    expect(store.points.get('prom-prod')).toBeUndefined();
  });

  it('refuses an unknown source', async () => {
    await expect(puller().pullNow('nope')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No Prometheus metrics source "nope"',
    });
  });

  it('reports a failure of what follows the pull after storing', async () => {
    const failing = new PrometheusMetricsPuller({
      sources: [promProd()],
      store,
      scheduler,
      logger,
      now: () => NOW,
      onPulled: async () => {
        throw new Error('re-attribution failed');
      },
    });
    await expect(failing.pullNow('prom-prod')).rejects.toThrow(
      're-attribution failed',
    );
    expect(store.points.get('prom-prod')).toEqual(STORED);
    expect(logger.logs.at(-1)).toMatchObject({
      level: 'error',
      message:
        'Prometheus metrics source prom-prod stored its points, but what follows a pull failed: re-attribution failed',
    });
  });
});

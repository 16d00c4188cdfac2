import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { createRefusingPricingService } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { chunkWindow, OpenCostProvider } from './OpenCostProvider';
import {
  ALLOCATION,
  BASE_URL,
  FakeOpenCost,
  idle,
  TOKEN,
  workload,
} from './__testUtils__/fakeOpenCost';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const WINDOW = { from: '2024-11-01', to: '2024-11-03' };
const ENDPOINT = `OpenCost ${ALLOCATION}`;

function setup(
  options: {
    include?: 'gpu' | 'all';
    token?: string;
    maxRetries?: number;
    currency?: string;
  } = {},
) {
  const api = new FakeOpenCost(server, { token: options.token });
  const sleep = jest.fn(async (_ms: number) => {});
  const provider = new OpenCostProvider({
    id: 'opencost-test',
    baseUrl: BASE_URL,
    include: options.include,
    token: options.token,
    currency: options.currency,
    http: { sleep, maxRetries: options.maxRetries ?? 3 },
  });
  const logger = mockServices.logger.mock();
  // OpenCost prices resources itself: any pricing call is a bug.
  const pricing = createRefusingPricingService();
  const run = (window = WINDOW) =>
    provider.fetchUsage(window, { logger, pricing });
  return { api, sleep, provider, logger, run };
}

/**
 * Two clusters over three days (2024-11-03 has no data). OpenCost reports
 * every number rounded to 5 decimals, so these are exact.
 */
function serveMainScenario(api: FakeOpenCost) {
  api.day('2024-11-01', [
    // Labelled, sanitized key (as OpenCost reports it), with an adjustment.
    workload('gpu-east', 'ml', 'deployment', 'llm-serve', {
      labels: { backstage_io_kubernetes_id: 'llm-serve', app: 'llm' },
      gpuCost: 48.12345,
      gpuCostAdjustment: -0.5,
      gpuCount: 2,
      cpuCost: 2.5,
      ramCost: 1.25,
      pvCost: 0.3,
    }),
    // Labelled, key as written (some Kubecost versions do not sanitize).
    workload('gpu-east', 'ml', 'job', 'train-nightly', {
      labels: { 'backstage.io/kubernetes-id': 'trainer' },
      gpuCost: 0.1,
      gpuCostAdjustment: 0.2,
      cpuCost: 0.05,
    }),
    // Unlabelled: only its namespace can be claimed.
    workload('gpu-east', 'ml', 'deployment', 'notebook', {
      gpuCost: 3.2,
      cpuCost: 0.4,
      ramCost: 0.1,
    }),
    // No GPU.
    workload('gpu-east', 'kube-system', 'daemonset', 'nvidia-device-plugin', {
      cpuCost: 0.12,
      ramCost: 0.03,
    }),
    idle('gpu-east', { gpuCost: 20.5, cpuCost: 5, ramCost: 2 }),
    // Bare pods: no controller, so OpenCost names both parts __unallocated__.
    {
      name: 'gpu-east/ml/__unallocated__/__unallocated__',
      cluster: 'gpu-east',
      namespace: 'ml',
      gpuCost: 1.5,
    },
    workload('gpu-west', 'research', 'statefulset', 'vllm', {
      labels: { backstage_io_kubernetes_id: 'chat-api' },
      gpuCost: 30,
      cpuCost: 1,
    }),
    // Idle without GPUs.
    idle('gpu-west', { cpuCost: 4 }),
  ]);
  api.day('2024-11-02', [
    workload('gpu-east', 'ml', 'deployment', 'llm-serve', {
      labels: { backstage_io_kubernetes_id: 'llm-serve', app: 'llm' },
      gpuCost: 50,
      cpuCost: 2,
    }),
    idle('gpu-east', { gpuCost: 10.25 }),
  ]);
}

/** Records by `date resourceId`, each of which must be unique. */
function byKey(records: UsageRecord[]): Record<string, UsageRecord> {
  const map: Record<string, UsageRecord> = {};
  for (const r of records) {
    const key = `${r.date} ${r.resourceId}`;
    expect(map[key]).toBeUndefined();
    map[key] = r;
  }
  return map;
}

const common = {
  model: null,
  currency: 'USD',
  costKind: 'estimated',
  unpriced: false,
};

describe('OpenCostProvider', () => {
  it('reads no further back than Prometheus keeps: 14 days unless configured', () => {
    expect(
      new OpenCostProvider({ id: 'a', baseUrl: BASE_URL }).historyDays,
    ).toBe(14);
    expect(
      new OpenCostProvider({ id: 'a', baseUrl: BASE_URL, retentionDays: 30 })
        .historyDays,
    ).toBe(30);
  });

  it('asks for one daily set per day of the window, idle unshared and labels kept', async () => {
    const { api, run } = setup();
    serveMainScenario(api);
    await run();
    expect(api.seen).toHaveLength(1);
    expect(Object.fromEntries(api.seen[0].query)).toEqual({
      window: '2024-11-01T00:00:00Z,2024-11-04T00:00:00Z',
      aggregate: 'cluster,namespace,controllerKind,controller',
      step: '1d',
      accumulate: 'false',
      includeIdle: 'true',
      idle: 'true',
      shareIdle: 'false',
      includeAggregatedMetadata: 'true',
    });
    expect(api.seen[0].authorization).toBeNull();
  });

  it('turns each workload-day with GPU cost into one record, to the micro-unit', async () => {
    const { api, run } = setup();
    serveMainScenario(api);
    const records = await run();
    const r = byKey(records);
    expect(Object.keys(r).sort()).toEqual([
      '2024-11-01 gpu-east/__idle__',
      '2024-11-01 gpu-east/ml/__unallocated__/__unallocated__',
      '2024-11-01 gpu-east/ml/deployment/llm-serve',
      '2024-11-01 gpu-east/ml/deployment/notebook',
      '2024-11-01 gpu-east/ml/job/train-nightly',
      '2024-11-01 gpu-west/research/statefulset/vllm',
      '2024-11-02 gpu-east/__idle__',
      '2024-11-02 gpu-east/ml/deployment/llm-serve',
    ]);
    // gpuCost 48.12345 + gpuCostAdjustment -0.5 = 47.62345 → 47,623,450 µ$.
    expect(r['2024-11-01 gpu-east/ml/deployment/llm-serve']).toEqual({
      ...common,
      date: '2024-11-01',
      accountId: 'ml',
      projectId: 'llm-serve',
      resourceId: 'gpu-east/ml/deployment/llm-serve',
      tags: {
        cluster: 'gpu-east',
        namespace: 'ml',
        controllerKind: 'deployment',
        controller: 'llm-serve',
        'backstage.io/kubernetes-id': 'llm-serve',
      },
      lineItem: 'gpu',
      cost: 47_623_450,
      estimatedCost: 47_623_450,
    });
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; rounded once to
    // micro-units it is exactly 300,000 µ$. The label key as written counts.
    expect(r['2024-11-01 gpu-east/ml/job/train-nightly']).toMatchObject({
      projectId: 'trainer',
      accountId: 'ml',
      cost: 300_000,
    });
    // Unlabelled: no projectId; the namespace is its accountId.
    expect(r['2024-11-01 gpu-east/ml/deployment/notebook']).toMatchObject({
      projectId: null,
      accountId: 'ml',
      cost: 3_200_000,
      tags: {
        cluster: 'gpu-east',
        namespace: 'ml',
        controllerKind: 'deployment',
        controller: 'notebook',
      },
    });
    // Bare pods: the namespace is known, the controller is not.
    expect(
      r['2024-11-01 gpu-east/ml/__unallocated__/__unallocated__'],
    ).toMatchObject({
      projectId: null,
      accountId: 'ml',
      cost: 1_500_000,
      tags: { cluster: 'gpu-east', namespace: 'ml' },
    });
    expect(r['2024-11-01 gpu-west/research/statefulset/vllm']).toMatchObject({
      projectId: 'chat-api',
      accountId: 'research',
      cost: 30_000_000,
    });
    // Idle GPU capacity is its own record: no namespace, no label.
    expect(r['2024-11-01 gpu-east/__idle__']).toEqual({
      ...common,
      date: '2024-11-01',
      accountId: null,
      projectId: null,
      resourceId: 'gpu-east/__idle__',
      tags: { cluster: 'gpu-east', idle: 'true' },
      lineItem: 'gpu',
      cost: 20_500_000,
      estimatedCost: 20_500_000,
    });
    expect(r['2024-11-02 gpu-east/__idle__'].cost).toBe(10_250_000);
    expect(r['2024-11-02 gpu-east/ml/deployment/llm-serve'].cost).toBe(
      50_000_000,
    );
  });

  it('keeps every GPU micro-unit: the records add up to the API, idle neither dropped nor spread', async () => {
    const { api, run } = setup();
    serveMainScenario(api);
    const records = await run();
    // Day 1: 47.62345 + 0.3 + 3.2 + 20.5 + 1.5 + 30 = 103.12345;
    // day 2: 50 + 10.25 = 60.25; together 163.37345 → 163,373,450 µ$.
    expect(records.reduce((sum, r) => sum + r.cost, 0)).toBe(163_373_450);
    // Idle: 20.5 + 10.25 exactly, on records of their own.
    expect(
      records
        .filter(r => r.tags?.idle === 'true')
        .reduce((sum, r) => sum + r.cost, 0),
    ).toBe(30_750_000);
  });

  it('with include: all, reports each workload-day at its totalCost', async () => {
    const { api, run } = setup({ include: 'all' });
    serveMainScenario(api);
    const r = byKey(await run());
    // Every allocation of both days: 8 on the first, 2 on the second.
    expect(Object.keys(r)).toHaveLength(10);
    // 2.5 cpu + 1.25 ram + 0.3 pv + 48.12345 gpu − 0.5 adjustment = 51.67345.
    expect(r['2024-11-01 gpu-east/ml/deployment/llm-serve']).toMatchObject({
      lineItem: 'compute',
      cost: 51_673_450,
      estimatedCost: 51_673_450,
    });
    // 0.05 + 0.1 + 0.2 = 0.35.
    expect(r['2024-11-01 gpu-east/ml/job/train-nightly'].cost).toBe(350_000);
    // 0.4 + 3.2 + 0.1 = 3.7.
    expect(r['2024-11-01 gpu-east/ml/deployment/notebook'].cost).toBe(
      3_700_000,
    );
    // No GPU, still a workload: 0.12 + 0.03.
    expect(
      r['2024-11-01 gpu-east/kube-system/daemonset/nvidia-device-plugin'],
    ).toMatchObject({ accountId: 'kube-system', cost: 150_000 });
    // Idle: 20.5 + 5 + 2; and the GPU-less idle of gpu-west: 4.
    expect(r['2024-11-01 gpu-east/__idle__'].cost).toBe(27_500_000);
    expect(r['2024-11-01 gpu-west/__idle__']).toMatchObject({
      accountId: null,
      projectId: null,
      tags: { cluster: 'gpu-west', idle: 'true' },
      cost: 4_000_000,
    });
    expect(r['2024-11-01 gpu-west/research/statefulset/vllm'].cost).toBe(
      31_000_000,
    );
    expect(r['2024-11-02 gpu-east/ml/deployment/llm-serve'].cost).toBe(
      52_000_000,
    );
  });

  it('reports in aiCost.currency', async () => {
    const { api, run } = setup({ currency: 'eur' });
    serveMainScenario(api);
    const records = await run();
    expect(new Set(records.map(r => r.currency))).toEqual(new Set(['EUR']));
  });

  it('reads a long window in chunks of 7 days, each day once', async () => {
    expect(chunkWindow({ from: '2024-10-25', to: '2024-11-10' })).toEqual([
      { from: '2024-10-25', to: '2024-10-31' },
      { from: '2024-11-01', to: '2024-11-07' },
      { from: '2024-11-08', to: '2024-11-10' },
    ]);
    expect(chunkWindow({ from: '2024-11-01', to: '2024-11-01' })).toEqual([
      { from: '2024-11-01', to: '2024-11-01' },
    ]);
    const { api, run } = setup();
    api.day('2024-11-07', [idle('c', { gpuCost: 1 })]);
    api.day('2024-11-08', [idle('c', { gpuCost: 2 })]);
    const records = await run({ from: '2024-11-01', to: '2024-11-10' });
    expect(api.seen.map(s => s.query.get('window'))).toEqual([
      '2024-11-01T00:00:00Z,2024-11-08T00:00:00Z',
      '2024-11-08T00:00:00Z,2024-11-11T00:00:00Z',
    ]);
    expect(records.map(r => [r.date, r.cost])).toEqual([
      ['2024-11-07', 1_000_000],
      ['2024-11-08', 2_000_000],
    ]);
  });

  it('ignores, with a warning, sets for days it did not ask for', async () => {
    const { api, run, logger } = setup();
    api.day('2024-11-01', [idle('c', { gpuCost: 1 })]);
    api.day('2024-10-31', [idle('c', { gpuCost: 9 })]);
    api.answer((_request, attempt) => {
      if (attempt > 0) return undefined;
      // A server in another time zone answering with the day before too.
      return {
        code: 200,
        data: [
          {
            'c/__idle__': {
              name: 'c/__idle__',
              properties: { cluster: 'c' },
              window: {
                start: '2024-10-31T00:00:00Z',
                end: '2024-11-01T00:00:00Z',
              },
              gpuCost: 9,
              totalCost: 9,
            },
          },
          {
            'c/__idle__': {
              name: 'c/__idle__',
              properties: { cluster: 'c' },
              window: {
                start: '2024-11-01T00:00:00Z',
                end: '2024-11-02T00:00:00Z',
              },
              gpuCost: 1,
              totalCost: 1,
            },
          },
        ],
      };
    });
    const records = await run();
    expect(records.map(r => [r.date, r.cost])).toEqual([
      ['2024-11-01', 1_000_000],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      `${ENDPOINT} returned allocations for 2024-10-31, outside the requested days; ignored`,
    );
  });

  it('returns nothing for days without data, and warns that OpenCost has none', async () => {
    const { api, run, logger } = setup();
    const records = await run();
    expect(records).toEqual([]);
    expect(api.seen).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      `${ENDPOINT} returned no allocations at all for 3 day(s) (2024-11-01..2024-11-03); if they are older than OpenCost's Prometheus retention, lower retentionDays of this source to it, or those days stay empty`,
    );
  });

  it('does not warn about days that have allocations but no GPU cost', async () => {
    const { api, run, logger } = setup();
    for (const day of ['2024-11-01', '2024-11-02', '2024-11-03']) {
      api.day(day, [workload('c', 'ns', 'deployment', 'web', { cpuCost: 1 })]);
    }
    expect(await run()).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('waits as long as a 429 Retry-After says, then reads the window', async () => {
    const { api, run, sleep } = setup();
    serveMainScenario(api);
    api.answer((_request, attempt) =>
      attempt === 0
        ? HttpResponse.json(
            { code: 429, message: 'Error: too many requests' },
            { status: 429, headers: { 'Retry-After': '7' } },
          )
        : undefined,
    );
    const records = await run();
    expect(sleep).toHaveBeenCalledWith(7000, undefined);
    expect(api.seen).toHaveLength(2);
    expect(records).toHaveLength(8);
  });

  it('retries a 5xx with backoff, and fails naming the endpoint and OpenCost message when it persists', async () => {
    const { api, run, sleep } = setup({ maxRetries: 2 });
    api.answer(() =>
      HttpResponse.json(
        {
          code: 500,
          message:
            'Error: error querying prometheus: context deadline exceeded',
        },
        { status: 500 },
      ),
    );
    await expect(run()).rejects.toThrow(
      `${ENDPOINT} answered 500 after 3 attempts: Error: error querying prometheus: context deadline exceeded`,
    );
    expect(api.seen).toHaveLength(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('recovers from a transient 503', async () => {
    const { api, run } = setup();
    serveMainScenario(api);
    api.answer((_r, attempt) =>
      attempt === 0
        ? new HttpResponse('upstream down', { status: 503 })
        : undefined,
    );
    expect(await run()).toHaveLength(8);
  });

  it('fails when the body says code != 200, even on HTTP 200', async () => {
    const { api, run } = setup();
    api.answer(() => ({
      code: 500,
      message: 'Error: bad request: unrecognized aggregation',
      data: null,
    }));
    await expect(run()).rejects.toThrow(
      `${ENDPOINT} answered code 500 in its body: Error: bad request: unrecognized aggregation`,
    );
  });

  it('rejects a malformed body, naming the field', async () => {
    const { api, run } = setup();
    api.answer(() => ({
      code: 200,
      data: [
        {
          'gpu-east/ml/deployment/deployment:x': {
            name: 'gpu-east/ml/deployment/deployment:x',
            window: {
              start: '2024-11-01T00:00:00Z',
              end: '2024-11-02T00:00:00Z',
            },
            gpuCost: '1.5',
            totalCost: 2,
          },
        },
      ],
    }));
    await expect(run()).rejects.toThrow(
      `${ENDPOINT}: unexpected response: data.0.gpu-east/ml/deployment/deployment:x.gpuCost: Expected number, received string`,
    );
  });

  it('rejects a body without data', async () => {
    const { api, run } = setup();
    api.answer(() => ({ code: 200 }));
    await expect(run()).rejects.toThrow(
      `${ENDPOINT}: unexpected response: data: Required`,
    );
  });

  it('fails naming the allocation when a cost it needs is null (OpenCost NaN)', async () => {
    const { api, run } = setup();
    api.day('2024-11-02', [
      workload('gpu-east', 'ml', 'deployment', 'broken', { gpuCost: null }),
    ]);
    await expect(run()).rejects.toThrow(
      `${ENDPOINT}: allocation "gpu-east/ml/deployment/deployment:broken" on 2024-11-02 has gpuCost null (OpenCost reports a NaN or infinite cost as null); the day cannot be costed`,
    );
  });

  it('sends the token as a bearer token and never shows it', async () => {
    const { api, run } = setup({ token: TOKEN });
    serveMainScenario(api);
    await run();
    expect(api.seen[0].authorization).toBe(`Bearer ${TOKEN}`);

    const wrong = new OpenCostProvider({
      id: 'opencost-wrong',
      baseUrl: BASE_URL,
      token: 'oc-token-WRONG-00000000',
      http: { maxRetries: 0 },
    });
    const error = await wrong
      .fetchUsage(WINDOW, {
        logger: mockServices.logger.mock(),
        pricing: createRefusingPricingService(),
      })
      .catch(e => e);
    expect(error.message).toContain(`${ENDPOINT} answered 401`);
    expect(error.message).not.toContain('oc-token-WRONG-00000000');
  });

  it('reads Kubecost through its own path', async () => {
    const api = new FakeOpenCost(server, {
      baseUrl: 'http://kubecost.test:9090/model',
      path: '/allocation',
    });
    api.day('2024-11-01', [idle('k', { gpuCost: 2 })]);
    const provider = new OpenCostProvider({
      id: 'kubecost',
      baseUrl: 'http://kubecost.test:9090/model/',
      allocationPath: '/allocation',
    });
    const records = await provider.fetchUsage(WINDOW, {
      logger: mockServices.logger.mock(),
      pricing: createRefusingPricingService(),
    });
    expect(records.map(r => r.cost)).toEqual([2_000_000]);
  });

  it('rejects an invalid window before calling the API', async () => {
    const { api, run } = setup();
    await expect(run({ from: '2024-11-03', to: '2024-11-01' })).rejects.toThrow(
      'OpenCost source "opencost-test": invalid window 2024-11-03..2024-11-01',
    );
    expect(api.seen).toHaveLength(0);
  });
});

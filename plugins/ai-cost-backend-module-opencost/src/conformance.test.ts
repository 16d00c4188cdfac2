import { createRefusingPricingService } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OpenCostProvider } from './OpenCostProvider';
import { ALLOCATION, BASE_URL } from './__testUtils__/fakeOpenCost';

/**
 * The response shapes the allocation API is documented and implemented to
 * send, written out field by field (no repository copy of OpenCost's own
 * examples exists beside this one):
 *
 * - `WrapData` of the cost model: `{ code: 200, data: [ set, ... ] }`, one set
 *   per `step`, each a map from allocation name to allocation
 *   (opencost.io "API Examples": `/allocation/compute` with `step=3d` over
 *   `9d` answers three maps);
 * - each allocation an `AllocationJSON` (opencost/opencost
 *   `core/pkg/opencost/allocation_json.go`): every field below, numbers
 *   rounded to 5 decimals, NaN efficiencies as `null`, `properties` an
 *   `AllocationProperties` with labels under sanitized keys;
 * - an older cost model without the adjustment fields, `gpuAllocation`, or
 *   `lbAllocations`;
 * - errors as `{ code, message: "Error: ..." }` with the same HTTP status.
 */

const WINDOW = { from: '2024-11-01', to: '2024-11-01' };

/** An `AllocationJSON` of the current cost model, every field present. */
const current = {
  name: 'cluster-one/ml/deployment/deployment:llm-serve',
  properties: {
    cluster: 'cluster-one',
    node: 'gpu-node-1',
    container: 'vllm',
    controller: 'llm-serve',
    controllerKind: 'deployment',
    namespace: 'ml',
    pod: 'llm-serve-6d9f7c5b8-x2kq4',
    services: ['llm-serve'],
    providerID: 'i-0abc123',
    labels: {
      app: 'llm-serve',
      backstage_io_kubernetes_id: 'llm-serve',
      pod_template_hash: '6d9f7c5b8',
    },
    annotations: { prometheus_io_scrape: 'true' },
    namespaceLabels: { kubernetes_io_metadata_name: 'ml' },
    namespaceAnnotations: {},
  },
  window: { start: '2024-11-01T00:00:00Z', end: '2024-11-02T00:00:00Z' },
  start: '2024-11-01T00:00:00Z',
  end: '2024-11-02T00:00:00Z',
  minutes: 1440,
  cpuCores: 4,
  cpuCoreRequestAverage: 4,
  cpuCoreLimitAverage: 8,
  cpuCoreUsageAverage: 2.41234,
  cpuCoreHours: 96,
  cpuCost: 2.30112,
  cpuCostAdjustment: 0,
  cpuCostIdle: 0,
  cpuEfficiency: 0.60309,
  gpuCount: 1,
  gpuHours: 24,
  gpuCost: 21.84,
  gpuCostAdjustment: -1.09208,
  gpuCostIdle: 0,
  gpuEfficiency: null,
  networkTransferBytes: 124812345,
  networkReceiveBytes: 98234511,
  networkCost: 0.01245,
  networkCrossZoneCost: 0.01,
  networkCrossRegionCost: 0,
  networkInternetCost: 0.00245,
  networkCostAdjustment: 0,
  loadBalancerCost: 0.6,
  loadBalancerCostAdjustment: 0,
  pvBytes: 107374182400,
  pvByteHours: 2576980377600,
  pvCost: 0.32877,
  pvs: {
    'cluster=cluster-one:name=pvc-1234': {
      byteHours: 2576980377600,
      cost: 0.32877,
      providerID: 'vol-0abc',
      adjustment: 0,
    },
  },
  pvCostAdjustment: 0,
  ramBytes: 34359738368,
  ramByteRequestAverage: 34359738368,
  ramByteLimitAverage: 34359738368,
  ramByteUsageAverage: 21474836480,
  ramByteHours: 824633720832,
  ramCost: 2.45,
  ramCostAdjustment: 0,
  ramCostIdle: 0,
  ramEfficiency: 0.625,
  externalCost: 0,
  sharedCost: 0,
  // 2.30112 + (21.84 − 1.09208) + 0.01245 + 0.6 + 0.32877 + 2.45
  totalCost: 26.44026,
  totalEfficiency: 0.61812,
  proportionalAssetResourceCosts: {},
  lbAllocations: {
    'cluster-one/ml/llm-serve': {
      service: 'ml/llm-serve',
      cost: 0.6,
      private: false,
      ip: '10.0.0.12',
      hours: 24,
    },
  },
  sharedCostBreakdown: {},
  gpuAllocation: {
    gpuDevice: 'nvidia0',
    gpuModel: 'NVIDIA A10G',
    gpuUUID: 'GPU-1234',
    isGPUShared: false,
    isGPUTimeSliced: false,
    gpuUsageAverage: 0.71,
    gpuRequestAverage: 1,
  },
};

/** The same allocation from an older cost model, without adjustments. */
const older = {
  name: 'cluster-one/ml/deployment/deployment:llm-serve',
  properties: {
    cluster: 'cluster-one',
    controller: 'llm-serve',
    controllerKind: 'deployment',
    namespace: 'ml',
    labels: { backstage_io_kubernetes_id: 'llm-serve' },
  },
  window: { start: '2024-11-01T00:00:00Z', end: '2024-11-02T00:00:00Z' },
  start: '2024-11-01T00:00:00Z',
  end: '2024-11-02T00:00:00Z',
  minutes: 1440,
  cpuCores: 4,
  cpuCoreHours: 96,
  cpuCost: 2.30112,
  cpuEfficiency: 0.60309,
  gpuCount: 1,
  gpuHours: 24,
  gpuCost: 21.84,
  networkCost: 0.01245,
  loadBalancerCost: 0.6,
  pvBytes: 107374182400,
  pvByteHours: 2576980377600,
  pvCost: 0.32877,
  pvs: null,
  ramBytes: 34359738368,
  ramByteHours: 824633720832,
  ramCost: 2.45,
  ramEfficiency: 0.625,
  externalCost: 0,
  sharedCost: 0,
  totalCost: 27.53234,
  totalEfficiency: 0.61812,
};

/** The cluster's idle allocation: properties only name the cluster. */
const idle = {
  name: 'cluster-one/__idle__',
  properties: { cluster: 'cluster-one' },
  window: { start: '2024-11-01T00:00:00Z', end: '2024-11-02T00:00:00Z' },
  start: '2024-11-01T00:00:00Z',
  end: '2024-11-02T00:00:00Z',
  minutes: 1440,
  cpuCost: 8.1,
  gpuCount: 1,
  gpuHours: 24,
  gpuCost: 21.84,
  gpuCostAdjustment: 0,
  ramCost: 3.2,
  pvCost: 0,
  networkCost: 0,
  loadBalancerCost: 0,
  externalCost: 0,
  sharedCost: 0,
  totalCost: 33.14,
  cpuEfficiency: 0,
  gpuEfficiency: null,
  ramEfficiency: 0,
  totalEfficiency: 0,
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function serve(status: number, body: unknown) {
  server.use(
    http.get(`${BASE_URL}${ALLOCATION}`, () =>
      HttpResponse.json(body as any, { status }),
    ),
  );
}

async function fetch(include: 'gpu' | 'all') {
  const provider = new OpenCostProvider({
    id: 'opencost',
    baseUrl: BASE_URL,
    include,
    http: { maxRetries: 0 },
  });
  return provider.fetchUsage(WINDOW, {
    logger: mockServices.logger.mock(),
    pricing: createRefusingPricingService(),
  });
}

describe('OpenCost conformance with the documented response shape', () => {
  it('reads every field of the current AllocationJSON', async () => {
    serve(200, {
      code: 200,
      data: [{ [current.name]: current, [idle.name]: idle }],
    });
    // GPU: 21.84 − 1.09208 = 20.74792; idle 21.84 + 0.
    expect(
      (await fetch('gpu')).map(r => [r.resourceId, r.projectId, r.cost]),
    ).toEqual(
      expect.arrayContaining([
        ['cluster-one/ml/deployment/llm-serve', 'llm-serve', 20_747_920],
        ['cluster-one/__idle__', null, 21_840_000],
      ]),
    );
    // All: totalCost as sent, 26.44026 and 33.14.
    expect((await fetch('all')).map(r => [r.resourceId, r.cost])).toEqual(
      expect.arrayContaining([
        ['cluster-one/ml/deployment/llm-serve', 26_440_260],
        ['cluster-one/__idle__', 33_140_000],
      ]),
    );
  });

  it('reads an older AllocationJSON without adjustments', async () => {
    serve(200, { code: 200, data: [{ [older.name]: older }] });
    expect((await fetch('gpu')).map(r => r.cost)).toEqual([21_840_000]);
    expect((await fetch('all')).map(r => r.cost)).toEqual([27_532_340]);
  });

  it('reads one map per step, an empty map for a step without data', async () => {
    const provider = new OpenCostProvider({
      id: 'opencost',
      baseUrl: BASE_URL,
    });
    const nextDay = (a: typeof idle, day: string, end: string) => ({
      ...a,
      window: { start: `${day}T00:00:00Z`, end: `${end}T00:00:00Z` },
      start: `${day}T00:00:00Z`,
      end: `${end}T00:00:00Z`,
    });
    server.use(
      http.get(`${BASE_URL}${ALLOCATION}`, () =>
        HttpResponse.json({
          code: 200,
          data: [
            { [idle.name]: idle },
            {},
            { [idle.name]: nextDay(idle, '2024-11-03', '2024-11-04') },
          ],
        }),
      ),
    );
    const records = await provider.fetchUsage(
      { from: '2024-11-01', to: '2024-11-03' },
      {
        logger: mockServices.logger.mock(),
        pricing: createRefusingPricingService(),
      },
    );
    expect(records.map(r => [r.date, r.cost])).toEqual([
      ['2024-11-01', 21_840_000],
      ['2024-11-03', 21_840_000],
    ]);
  });

  it("reports OpenCost's error body", async () => {
    serve(400, {
      code: 400,
      message: "Error: Invalid 'window' parameter: illegal window",
    });
    await expect(fetch('gpu')).rejects.toThrow(
      `OpenCost ${ALLOCATION} answered 400: Error: Invalid 'window' parameter: illegal window`,
    );
  });
});

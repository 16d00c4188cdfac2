import { addDays } from '@ai-cost/plugin-ai-cost-common';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

export const BASE_URL = 'http://opencost.test:9003';
export const ALLOCATION = '/allocation/compute';
export const TOKEN = 'oc-token-TEST-7c6b5a4d3e2f';

/** OpenCost rounds every number it reports to 5 decimals (`formatFloat64ForResponse`). */
const round5 = (n: number) => Math.round(n * 100000) / 100000;

/** What a test states about one allocation of one day; the rest is derived. */
export interface AllocationSpec {
  /** Allocation name as OpenCost keys it, e.g. `gpu-east/ml/deployment/deployment:llm-serve`. */
  name: string;
  cluster?: string;
  namespace?: string;
  controllerKind?: string;
  controller?: string;
  labels?: Record<string, string>;
  cpuCost?: number;
  cpuCostAdjustment?: number;
  gpuCost?: number | null;
  gpuCostAdjustment?: number | null;
  gpuCount?: number;
  ramCost?: number;
  ramCostAdjustment?: number;
  pvCost?: number;
  networkCost?: number;
  loadBalancerCost?: number;
  sharedCost?: number;
  externalCost?: number;
  /** Overrides the derived total, e.g. `null` for OpenCost's NaN. */
  totalCost?: number | null;
}

/**
 * One allocation of the day starting at `day`, with every field OpenCost's
 * `AllocationJSON` marshals (core/pkg/opencost/allocation_json.go), so that
 * the module meets the real shape. `totalCost` is computed as OpenCost's
 * `TotalCost()`: every cost plus every adjustment.
 */
export function allocation(day: string, spec: AllocationSpec) {
  const start = `${day}T00:00:00Z`;
  const end = `${addDays(day, 1)}T00:00:00Z`;
  const c = (n: number | undefined) => round5(n ?? 0);
  const gpuCount = spec.gpuCount ?? (spec.gpuCost ? 1 : 0);
  const total =
    c(spec.cpuCost) +
    c(spec.cpuCostAdjustment) +
    (spec.gpuCost ?? 0) +
    (spec.gpuCostAdjustment ?? 0) +
    c(spec.ramCost) +
    c(spec.ramCostAdjustment) +
    c(spec.pvCost) +
    c(spec.networkCost) +
    c(spec.loadBalancerCost) +
    c(spec.sharedCost) +
    c(spec.externalCost);
  const properties: Record<string, unknown> = {};
  if (spec.cluster) properties.cluster = spec.cluster;
  if (spec.controller) properties.controller = spec.controller;
  if (spec.controllerKind) properties.controllerKind = spec.controllerKind;
  if (spec.namespace) properties.namespace = spec.namespace;
  if (spec.labels) properties.labels = spec.labels;
  if (spec.namespace) {
    properties.namespaceLabels = {
      kubernetes_io_metadata_name: spec.namespace,
    };
  }
  return {
    name: spec.name,
    properties,
    window: { start, end },
    start,
    end,
    minutes: 1440,
    cpuCores: 2,
    cpuCoreRequestAverage: 2,
    cpuCoreLimitAverage: 4,
    cpuCoreUsageAverage: 1.2,
    cpuCoreHours: 48,
    cpuCost: c(spec.cpuCost),
    cpuCostAdjustment: c(spec.cpuCostAdjustment),
    cpuCostIdle: 0,
    cpuEfficiency: 0.6,
    gpuCount,
    gpuHours: gpuCount * 24,
    gpuCost: spec.gpuCost === undefined ? 0 : spec.gpuCost,
    gpuCostAdjustment:
      spec.gpuCostAdjustment === undefined ? 0 : spec.gpuCostAdjustment,
    gpuCostIdle: 0,
    gpuEfficiency: 0,
    networkTransferBytes: 1024,
    networkReceiveBytes: 2048,
    networkCost: c(spec.networkCost),
    networkCrossZoneCost: 0,
    networkCrossRegionCost: 0,
    networkInternetCost: 0,
    networkCostAdjustment: 0,
    loadBalancerCost: c(spec.loadBalancerCost),
    loadBalancerCostAdjustment: 0,
    pvBytes: 0,
    pvByteHours: 0,
    pvCost: c(spec.pvCost),
    pvs: null,
    pvCostAdjustment: 0,
    ramBytes: 4294967296,
    ramByteRequestAverage: 4294967296,
    ramByteLimitAverage: 8589934592,
    ramByteUsageAverage: 2147483648,
    ramByteHours: 103079215104,
    ramCost: c(spec.ramCost),
    ramCostAdjustment: c(spec.ramCostAdjustment),
    ramCostIdle: 0,
    ramEfficiency: 0.5,
    externalCost: c(spec.externalCost),
    sharedCost: c(spec.sharedCost),
    totalCost: spec.totalCost === undefined ? round5(total) : spec.totalCost,
    totalEfficiency: 0.55,
    proportionalAssetResourceCosts: {},
    lbAllocations: null,
    sharedCostBreakdown: {},
    gpuAllocation: null,
  };
}

/** One request the fake API saw. */
export interface SeenRequest {
  query: URLSearchParams;
  /** The days the `window` parameter covers, first and last inclusive. */
  from: string;
  to: string;
  authorization: string | null;
}

/** Answers a request instead of the data: a JSON body, or a full Response. */
export type Override = (request: SeenRequest, attempt: number) => unknown;

/**
 * A fake OpenCost allocation API on msw that behaves like
 * `ComputeAllocationHandler`: it reads `window` (an RFC3339 pair) and
 * `step=1d`, and answers `{ code: 200, data: [...] }` with one allocation set
 * per day of the window (an empty set for a day without data), keyed by
 * allocation name. Idle allocations are only included with
 * `includeIdle=true`, as in OpenCost. A bad parameter answers 400 with
 * OpenCost's error body. With `token`, requests without it answer 401.
 */
export class FakeOpenCost {
  readonly seen: SeenRequest[] = [];
  private readonly days = new Map<
    string,
    Array<ReturnType<typeof allocation>>
  >();
  private override?: Override;

  constructor(
    server: Pick<SetupServer, 'use'>,
    options: { token?: string; baseUrl?: string; path?: string } = {},
  ) {
    const url = `${options.baseUrl ?? BASE_URL}${options.path ?? ALLOCATION}`;
    server.use(
      http.get(url, ({ request }) => {
        const authorization = request.headers.get('authorization');
        if (options.token && authorization !== `Bearer ${options.token}`) {
          return new HttpResponse('Unauthorized', { status: 401 });
        }
        const query = new URL(request.url).searchParams;
        const [startText, endText, extra] = (query.get('window') ?? '').split(
          ',',
        );
        const start = Date.parse(startText);
        const end = Date.parse(endText);
        if (
          extra !== undefined ||
          Number.isNaN(start) ||
          Number.isNaN(end) ||
          !/Z$/.test(startText) ||
          end <= start
        ) {
          return HttpResponse.json(
            {
              code: 400,
              message: `Error: Invalid 'window' parameter: ${query.get(
                'window',
              )}`,
            },
            { status: 400 },
          );
        }
        if (query.get('step') !== '1d' || query.get('accumulate') !== 'false') {
          return HttpResponse.json(
            { code: 400, message: 'Error: fake supports step=1d only' },
            { status: 400 },
          );
        }
        const from = startText.slice(0, 10);
        const to = addDays(endText.slice(0, 10), -1);
        const seen: SeenRequest = { query, from, to, authorization };
        const attempt = this.seen.filter(
          s => s.from === from && s.to === to,
        ).length;
        this.seen.push(seen);
        if (this.override) {
          const answer = this.override(seen, attempt);
          if (answer !== undefined) {
            return answer instanceof Response
              ? answer
              : HttpResponse.json(answer as any);
          }
        }
        const includeIdle = query.get('includeIdle') === 'true';
        const data = [];
        for (let day = from; day <= to; day = addDays(day, 1)) {
          const set: Record<string, unknown> = {};
          for (const a of this.days.get(day) ?? []) {
            if (!includeIdle && a.name.endsWith('__idle__')) continue;
            set[a.name] = a;
          }
          data.push(set);
        }
        return HttpResponse.json({ code: 200, data });
      }),
    );
  }

  /** The allocations of one day. */
  day(day: string, specs: AllocationSpec[]): this {
    this.days.set(
      day,
      specs.map(spec => allocation(day, spec)),
    );
    return this;
  }

  /** Answers with `override` whenever it returns something other than undefined. */
  answer(override: Override): this {
    this.override = override;
    return this;
  }
}

/** A labelled GPU deployment, as OpenCost reports its label (sanitized key). */
export function workload(
  cluster: string,
  namespace: string,
  controllerKind: string,
  controller: string,
  costs: Omit<
    AllocationSpec,
    'name' | 'cluster' | 'namespace' | 'controllerKind' | 'controller'
  >,
): AllocationSpec {
  return {
    name: `${cluster}/${namespace}/${controllerKind}/${controllerKind}:${controller}`,
    cluster,
    namespace,
    controllerKind,
    controller,
    ...costs,
  };
}

/** The idle allocation of a cluster. */
export function idle(
  cluster: string,
  costs: Omit<AllocationSpec, 'name' | 'cluster'>,
): AllocationSpec {
  return { name: `${cluster}/__idle__`, cluster, ...costs };
}

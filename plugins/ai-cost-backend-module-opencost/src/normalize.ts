import { dayOf, microsFromNumber } from '@ai-cost/plugin-ai-cost-common';
import {
  ProviderApiError,
  type UsageRecord,
} from '@ai-cost/plugin-ai-cost-node';
import type { OpenCostInclude } from './config';
import type { Allocation } from './schemas';

/** The pod label Backstage's Kubernetes plugin finds a component's workloads by. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/**
 * How OpenCost reports {@link KUBERNETES_ID_LABEL}: label keys are sanitized
 * to Prometheus label names, every character other than letters, digits and
 * `_` becoming `_`.
 */
export const SANITIZED_KUBERNETES_ID_LABEL = 'backstage_io_kubernetes_id';

/** OpenCost's name for a property an allocation does not have. */
export const UNALLOCATED = '__unallocated__';

/** OpenCost's name for the cost of capacity no workload requested. */
export const IDLE = '__idle__';

/** Tag on idle records, so that they can be told apart from workloads. */
export const IDLE_TAG = 'idle';

/** Provider kind of the records of this module. @public */
export const KUBERNETES_PROVIDER = 'kubernetes';

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value !== '';

/** OpenCost's special names such as `__unmounted__`, which are not namespaces. */
const isSpecialName = (value: string) => /^__.+__$/.test(value);

/**
 * The `backstage.io/kubernetes-id` label of an allocation, under its sanitized
 * key (`backstage_io_kubernetes_id`, what OpenCost reports) or as written.
 */
export function kubernetesIdOf(
  labels: Record<string, string> | null | undefined,
): string | null {
  const value =
    labels?.[SANITIZED_KUBERNETES_ID_LABEL] ?? labels?.[KUBERNETES_ID_LABEL];
  return present(value) ? value : null;
}

/**
 * Whether an allocation is OpenCost's idle allocation: `__idle__`, or
 * `<cluster>/__idle__` (`<cluster>/<node>/__idle__` with `idleByNode`).
 */
export function isIdleAllocation(name: string): boolean {
  return name.split('/').pop() === IDLE;
}

/**
 * The UTC day an allocation is counted on: the day its step's window starts
 * (the allocation's own `start`, when it carries no window). `aligned` is
 * false when that start is not UTC midnight.
 */
export function allocationDay(
  allocation: Allocation,
  where: string,
): { date: string; aligned: boolean } {
  const start = allocation.window?.start ?? allocation.start;
  const at = start ? Date.parse(start) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new ProviderApiError(
      `${where}: allocation "${
        allocation.name
      }" has no readable window.start (got ${JSON.stringify(start ?? null)})`,
    );
  }
  return { date: dayOf(at), aligned: at % 86_400_000 === 0 };
}

/** A cost field the record needs; null (OpenCost's NaN) is rejected by name. */
function required(
  allocation: Allocation,
  field: 'gpuCost' | 'gpuCostAdjustment' | 'totalCost',
  date: string,
  where: string,
): number {
  const value = allocation[field];
  if (value === null) {
    throw new ProviderApiError(
      `${where}: allocation "${allocation.name}" on ${date} has ${field} null (OpenCost reports a NaN or infinite cost as null); the day cannot be costed`,
    );
  }
  return value ?? 0;
}

/**
 * The cost of an allocation in micro-units, rounded once: for `gpu`,
 * `gpuCost + gpuCostAdjustment`; for `all`, `totalCost`, which OpenCost
 * computes as every cost (CPU, GPU, RAM, PV, network, load balancer,
 * shared, external) plus every adjustment.
 */
export function allocationCost(
  allocation: Allocation,
  include: OpenCostInclude,
  date: string,
  where: string,
): number {
  const cost =
    include === 'gpu'
      ? required(allocation, 'gpuCost', date, where) +
        required(allocation, 'gpuCostAdjustment', date, where)
      : required(allocation, 'totalCost', date, where);
  return microsFromNumber(cost);
}

/**
 * The record of one allocation on one day, or null when it cost nothing
 * (for `gpu`, a workload without GPUs).
 *
 * - `projectId`: the workload's `backstage.io/kubernetes-id` label, claimed by
 *   the `backstage.io/kubernetes-id` annotation; null when unlabelled.
 * - `accountId`: the namespace, claimed by `ai-cost/kubernetes-namespace`
 *   (and `backstage.io/kubernetes-namespace` on entities without a
 *   kubernetes-id).
 * - `resourceId`: `<cluster>/<namespace>/<controllerKind>/<controller>`,
 *   informational; a missing part is `__unallocated__`.
 * - `tags`: cluster, namespace, controllerKind, controller and the
 *   kubernetes-id label, those present.
 *
 * The idle allocation is kept as its own record, `resourceId`
 * `<cluster>/__idle__` and tag `idle=true`, with no namespace or label: it is
 * nobody's until someone claims it, and is never dropped or spread.
 */
export function recordFromAllocation(
  allocation: Allocation,
  options: {
    date: string;
    include: OpenCostInclude;
    currency: string;
    where: string;
  },
): UsageRecord | null {
  const { date, include, currency, where } = options;
  const cost = allocationCost(allocation, include, date, where);
  if (cost === 0) return null;
  const props = allocation.properties ?? {};
  const cluster = present(props.cluster) ? props.cluster : null;
  const base = {
    date,
    model: null,
    lineItem: include === 'gpu' ? 'gpu' : 'compute',
    cost,
    currency,
    costKind: 'estimated' as const,
    estimatedCost: cost,
    unpriced: false,
  };

  if (isIdleAllocation(allocation.name)) {
    return {
      ...base,
      accountId: null,
      projectId: null,
      resourceId: `${cluster ?? UNALLOCATED}/${IDLE}`,
      tags: { ...(cluster ? { cluster } : {}), [IDLE_TAG]: 'true' },
    };
  }

  const namespace = present(props.namespace) ? props.namespace : null;
  const controllerKind = present(props.controllerKind)
    ? props.controllerKind
    : null;
  const controller = present(props.controller) ? props.controller : null;
  const kubernetesId = kubernetesIdOf(props.labels);
  const tags: Record<string, string> = {};
  if (cluster) tags.cluster = cluster;
  if (namespace) tags.namespace = namespace;
  if (controllerKind) tags.controllerKind = controllerKind;
  if (controller) tags.controller = controller;
  if (kubernetesId) tags[KUBERNETES_ID_LABEL] = kubernetesId;
  return {
    ...base,
    accountId: namespace && !isSpecialName(namespace) ? namespace : null,
    projectId: kubernetesId,
    resourceId: [cluster, namespace, controllerKind, controller]
      .map(part => part ?? UNALLOCATED)
      .join('/'),
    tags,
  };
}

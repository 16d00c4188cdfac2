import { z } from 'zod';

/**
 * Zod schemas for the parts of the OpenCost allocation API response this
 * module reads (`AllocationJSON` and `AllocationProperties` of
 * opencost/opencost `core/pkg/opencost`). Only fields the module uses are
 * declared; the many others (efficiencies, byte-hours, `pvs`,
 * `lbAllocations`, ...) are ignored, never rejected.
 *
 * OpenCost writes a cost that is NaN or infinite as `null`, so cost fields
 * are nullable here; the normalizer rejects a null cost it needs, naming the
 * allocation and the field, instead of counting it as 0. Adjustments
 * (`gpuCostAdjustment`) are optional: older versions do not send them.
 */

const text = z.string().nullish();
const amount = z.number().finite().nullable();
const labels = z.record(z.string()).nullish();

/** `AllocationProperties`, as far as this module reads it. */
export const allocationPropertiesSchema = z.object({
  cluster: text,
  namespace: text,
  controller: text,
  controllerKind: text,
  /** Pod labels, keys sanitized to Prometheus label names (`backstage_io_kubernetes_id`). */
  labels,
  namespaceLabels: labels,
});

const windowSchema = z.object({
  start: z.string().nullish(),
  end: z.string().nullish(),
});

/** One allocation of one step (`AllocationJSON`). */
export const allocationSchema = z.object({
  name: z.string(),
  properties: allocationPropertiesSchema.nullish(),
  /** The step's window; `start`/`end` below are when the workload ran within it. */
  window: windowSchema.nullish(),
  start: text,
  end: text,
  gpuCost: amount,
  gpuCostAdjustment: amount.optional(),
  gpuHours: z.number().finite().nullish(),
  totalCost: amount,
});

/** The response envelope, read before the data so that a failure is reported as one. */
export const envelopeSchema = z.object({
  code: z.number().int(),
  message: z.string().nullish(),
});

/** `{ code: 200, data: [ { "<name>": allocation, ... }, ... one set per step ] }` */
export const allocationResponseSchema = z.object({
  code: z.literal(200),
  data: z.array(z.record(allocationSchema).nullable()),
});

export type Allocation = z.infer<typeof allocationSchema>;
export type AllocationResponse = z.infer<typeof allocationResponseSchema>;

/**
 * OpenCost's error body `{"code":500,"message":"Error: ..."}`: its message,
 * e.g. `Error: bad request: invalid window`.
 */
export function describeOpenCostErrorBody(body: unknown): string | undefined {
  const parsed = envelopeSchema.safeParse(body);
  return parsed.success && parsed.data.message
    ? parsed.data.message
    : undefined;
}

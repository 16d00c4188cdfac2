import { z } from 'zod';

/**
 * zod schemas of the two Anthropic Admin API reports this module reads.
 * Only the fields we use are declared; object schemas are not strict, so
 * fields Anthropic adds later are ignored rather than rejected.
 *
 * Dimension fields the request groups by (`workspace_id`, `api_key_id`,
 * `model`) must be present (a string, or null for the default workspace and
 * for Workbench usage); an absent dimension would silently merge spend.
 */

/** A plain decimal number as text: `"123.78912"`, `"-250.00"`, `"0"`. */
const DECIMAL_STRING = /^[+-]?\d+(\.\d+)?$/;

const tokenCount = z.number().int().nonnegative();
const optionalDimension = z.string().nullable().optional();

/** Cents as a decimal string. Rejects numbers and `"12,5"`. */
const centsAmount = z
  .string()
  .regex(DECIMAL_STRING, 'Expected a decimal string of cents, e.g. "123.45"');

const bucket = <T extends z.ZodTypeAny>(result: T) =>
  z.object({
    starting_at: z.string().datetime({ offset: true }),
    ending_at: z.string().datetime({ offset: true }),
    results: z.array(result),
  });

const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    data: z.array(item),
    has_more: z.boolean(),
    next_page: z.string().nullable().optional(),
  });

/** One row of `GET /v1/organizations/cost_report` grouped by workspace and description. */
export const costResultSchema = z.object({
  amount: centsAmount,
  currency: z.string().min(1),
  workspace_id: z.string().nullable(),
  description: optionalDimension,
  cost_type: optionalDimension,
  model: optionalDimension,
  token_type: optionalDimension,
  context_window: optionalDimension,
  service_tier: optionalDimension,
  inference_geo: optionalDimension,
});

/** One row of `GET /v1/organizations/usage_report/messages` grouped by key, workspace and model. */
export const usageResultSchema = z.object({
  api_key_id: z.string().nullable(),
  workspace_id: z.string().nullable(),
  model: z.string().nullable(),
  uncached_input_tokens: tokenCount,
  cache_read_input_tokens: tokenCount,
  cache_creation: z.object({
    ephemeral_5m_input_tokens: tokenCount.optional().default(0),
    ephemeral_1h_input_tokens: tokenCount.optional().default(0),
  }),
  output_tokens: tokenCount,
});

export const costBucketSchema = bucket(costResultSchema);
export const usageBucketSchema = bucket(usageResultSchema);
export const costReportPageSchema = page(costBucketSchema);
export const usageReportPageSchema = page(usageBucketSchema);

export type CostResult = z.infer<typeof costResultSchema>;
export type UsageResult = z.infer<typeof usageResultSchema>;
export type CostBucket = z.infer<typeof costBucketSchema>;
export type UsageBucket = z.infer<typeof usageBucketSchema>;

/**
 * Anthropic's error envelope:
 * `{"type":"error","error":{"type":"rate_limit_error","message":"…"},"request_id":"req_…"}`.
 */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    type: z.string().optional(),
    message: z.string(),
  }),
  request_id: z.string().optional(),
});

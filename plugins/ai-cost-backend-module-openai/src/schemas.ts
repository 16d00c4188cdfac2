import { z } from 'zod';

/**
 * Zod schemas for the parts of OpenAI's organization Usage and Costs API
 * responses this module reads. Only fields the module uses are declared;
 * unknown fields (OpenAI adds some regularly, and real responses carry
 * undocumented ones such as `organization_id`) are ignored, never rejected.
 *
 * Fields the OpenAPI spec marks as required are required here; fields added
 * later (`input_cached_tokens`, `input_cache_write_tokens`,
 * `input_uncached_tokens`, `api_key_id`, `quantity`, ...) are optional and
 * nullable. The exception is a cost result's `amount`: the spec only requires
 * `object`, but a cost line without an amount cannot be billed, so it is
 * rejected loudly rather than dropped.
 */

const tokenCount = z.number().int().nonnegative();
const optionalTokenCount = tokenCount.nullish();
const dimension = z.string().nullish();

/** `organization.usage.completions.result` */
export const completionsResultSchema = z.object({
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  num_model_requests: tokenCount,
  input_cached_tokens: optionalTokenCount,
  input_cache_write_tokens: optionalTokenCount,
  input_uncached_tokens: optionalTokenCount,
  project_id: dimension,
  api_key_id: dimension,
  model: dimension,
  service_tier: dimension,
});

/** `organization.usage.embeddings.result` */
export const embeddingsResultSchema = z.object({
  input_tokens: tokenCount,
  num_model_requests: tokenCount,
  project_id: dimension,
  api_key_id: dimension,
  model: dimension,
});

/** `organization.costs.result` */
export const costsResultSchema = z.object({
  amount: z.object({
    /** Dollars (major units) as a JSON number, e.g. `10.1425634`. */
    value: z.number().finite(),
    /** Lower-case ISO 4217, e.g. `usd`. */
    currency: z.string().min(1),
  }),
  line_item: dimension,
  project_id: dimension,
  api_key_id: dimension,
});

function pageSchema<T extends z.ZodTypeAny>(result: T) {
  return z.object({
    data: z.array(
      z.object({
        start_time: z.number().int(),
        end_time: z.number().int(),
        results: z.array(result),
      }),
    ),
    has_more: z.boolean(),
    next_page: z.string().nullish(),
  });
}

export const completionsPageSchema = pageSchema(completionsResultSchema);
export const embeddingsPageSchema = pageSchema(embeddingsResultSchema);
export const costsPageSchema = pageSchema(costsResultSchema);

export type CompletionsResult = z.infer<typeof completionsResultSchema>;
export type EmbeddingsResult = z.infer<typeof embeddingsResultSchema>;
export type CostsResult = z.infer<typeof costsResultSchema>;

/** A bucket of one page, as parsed. */
export interface Bucket<T> {
  start_time: number;
  end_time: number;
  results: T[];
}

/** OpenAI's standard error envelope `{"error":{"message":...}}`. */
const errorEnvelopeSchema = z.object({
  error: z.object({
    message: z.string().nullish(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

/**
 * Extracts OpenAI's message from an error body, with its type or code when
 * given, e.g. `Invalid authorization header (invalid_request_error)`.
 */
export function describeOpenAiErrorBody(body: unknown): string | undefined {
  const parsed = errorEnvelopeSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { message, type, code } = parsed.data.error;
  if (!message) return undefined;
  const kind = code ?? type;
  return kind ? `${message} (${kind})` : message;
}

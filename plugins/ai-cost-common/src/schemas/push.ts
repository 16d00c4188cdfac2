import { z } from 'zod';
import { currencySchema } from './common';

/**
 * Wire formats of `POST /ingest/events`: OpenTelemetry GenAI usage events
 * (`otel`, the default) or LiteLLM spend-log rows (`litellm`).
 * @public
 */
export const pushEventFormats = ['otel', 'litellm'] as const;

/** @public */
export type PushEventFormat = (typeof pushEventFormats)[number];

/**
 * A source id pushed data is stored under: letters, digits, `.`, `_`, `-`,
 * starting with a letter or digit, at most 64 characters.
 * @public
 */
export const pushSourceIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/**
 * The envelope body of `POST /ingest/events`. Events are validated one by
 * one, so that a bad event is reported by its index while the good ones are
 * stored.
 * @public
 */
export const ingestEventsEnvelopeSchema = z
  .object({
    format: z
      .enum(pushEventFormats, {
        errorMap: () => ({
          message: `must be one of ${pushEventFormats.join(', ')}`,
        }),
      })
      .default('otel'),
    events: z.array(z.unknown(), {
      required_error: 'is required',
      invalid_type_error: 'must be an array of events',
    }),
  })
  .strict();

/**
 * LiteLLM's generic API callback posts its batch as it is: a JSON array of
 * StandardLoggingPayloads (`log_format: json_array`, the default) or one
 * payload per request (`log_format: single`). Both are read as a `litellm`
 * batch; any other body is taken as the envelope.
 */
function liteLlmCallbackBody(body: unknown): unknown {
  if (Array.isArray(body)) return { format: 'litellm', events: body };
  if (
    body &&
    typeof body === 'object' &&
    !('events' in body) &&
    ('id' in body || 'request_id' in body)
  ) {
    return { format: 'litellm', events: [body] };
  }
  return body;
}

/**
 * Body of `POST /ingest/events`: the envelope `{ format, events }`, or what
 * LiteLLM's generic API callback sends (an array of payloads, or one).
 * @public
 */
export const ingestEventsRequestSchema = z.preprocess(
  liteLlmCallbackBody,
  ingestEventsEnvelopeSchema,
);

/** @public */
export type IngestEventsRequest =
  | z.input<typeof ingestEventsEnvelopeSchema>
  | LiteLlmLoggingPayload[]
  | LiteLlmLoggingPayload;

/** A primitive OpenTelemetry attribute value, or an array of them. @public */
const attributeValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
  z.null(),
]);

/**
 * A cost the gateway already knows: a decimal amount (JSON number or decimal
 * string) in an ISO 4217 currency; another currency than the reporting one
 * is converted at the event day's exchange rate when stored.
 * @public
 */
export const pushCostSchema = z
  .object({
    amount: z.union([z.number(), z.string()], {
      errorMap: () => ({ message: 'must be a decimal number or string' }),
    }),
    currency: currencySchema,
  })
  .strict();

/**
 * One OpenTelemetry GenAI usage event (format `otel`), for example:
 *
 * ```json
 * { "id": "evt-1", "timestamp": "2026-11-01T10:00:00Z", "attributes": {
 *   "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o",
 *   "gen_ai.usage.input_tokens": 1200, "gen_ai.usage.output_tokens": 300,
 *   "team": "search" } }
 * ```
 *
 * Attributes outside `gen_ai.*` (and `user.id`) become tags that
 * `ai-cost/gateway-tags` selectors claim.
 * @public
 */
export const genAiUsageEventSchema = z
  .object({
    /** Stable event id; a re-sent event with the same id is a duplicate. */
    id: z
      .string({
        required_error: 'is required (events are deduplicated by id)',
        invalid_type_error: 'must be a string',
      })
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters'),
    /** ISO 8601 date-time (UTC when no offset is given) or epoch milliseconds. */
    timestamp: z.union([z.string(), z.number()], {
      errorMap: () => ({
        message: 'is required: an ISO 8601 date-time or epoch milliseconds',
      }),
    }),
    attributes: z.record(attributeValueSchema, {
      required_error: 'is required',
      invalid_type_error: 'must be an object of OpenTelemetry attribute values',
    }),
    cost: pushCostSchema.optional(),
  })
  .strict();

/** @public */
export type GenAiUsageEvent = z.input<typeof genAiUsageEventSchema>;

/** A JSON object, or a JSON string of one (as some exports serialize it). @public */
const jsonObjectOrString = z.union([z.record(z.unknown()), z.string()]);

const optionalText = z.string().nullish();
const optionalCount = z
  .number({ invalid_type_error: 'must be a number' })
  .nullish();

/**
 * One LiteLLM spend-log row (format `litellm`), the shape of the proxy's
 * `LiteLLM_SpendLogs` table and of `GET /spend/logs?summarize=false`.
 * `spend` is in USD; `api_key` is LiteLLM's hash of the virtual key.
 * Unknown columns are ignored.
 * @public
 */
export const liteLlmSpendLogSchema = z
  .object({
    request_id: z
      .string({
        required_error: 'is required (rows are deduplicated by request_id)',
        invalid_type_error: 'must be a string',
      })
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters'),
    startTime: z.string({
      required_error: 'is required',
      invalid_type_error: 'must be an ISO 8601 date-time string',
    }),
    model: optionalText,
    model_group: optionalText,
    custom_llm_provider: optionalText,
    spend: z.union([z.number(), z.string()]).nullish(),
    prompt_tokens: optionalCount,
    completion_tokens: optionalCount,
    total_tokens: optionalCount,
    api_key: optionalText,
    user: optionalText,
    team_id: optionalText,
    organization_id: optionalText,
    end_user: optionalText,
    cache_hit: z.union([z.string(), z.boolean()]).nullish(),
    status: optionalText,
    metadata: jsonObjectOrString.nullish(),
    request_tags: z.union([z.array(z.string()), z.string()]).nullish(),
  })
  .passthrough();

/** @public */
export type LiteLlmSpendLog = z.input<typeof liteLlmSpendLogSchema>;

/** A start or end time: epoch seconds (a float, as LiteLLM sends it) or ISO 8601. */
const liteLlmTime = z.union([z.number(), z.string()], {
  errorMap: () => ({
    message: 'is required: epoch seconds or an ISO 8601 date-time',
  }),
});

/**
 * One LiteLLM `StandardLoggingPayload` (format `litellm`), what LiteLLM's
 * logging callbacks send: `id` (the call id), `startTime` in epoch seconds,
 * `response_cost` in USD, `model`, `custom_llm_provider`, `prompt_tokens`,
 * `completion_tokens`, `metadata` (`user_api_key_hash`,
 * `user_api_key_alias`, `user_api_key_team_alias`, `usage_object`, ...)
 * and `request_tags`. Unknown fields are ignored.
 * @public
 */
export const liteLlmLoggingPayloadSchema = z
  .object({
    id: z
      .string({
        required_error:
          'is required (a StandardLoggingPayload id, or request_id for a LiteLLM_SpendLogs row)',
        invalid_type_error: 'must be a string',
      })
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters'),
    startTime: liteLlmTime,
    endTime: liteLlmTime.nullish(),
    status: optionalText,
    model: optionalText,
    model_group: optionalText,
    custom_llm_provider: optionalText,
    response_cost: z
      .union([z.number(), z.string()], {
        errorMap: () => ({ message: 'must be a decimal number' }),
      })
      .nullish(),
    response_cost_failure_debug_info: z.unknown().optional(),
    prompt_tokens: optionalCount,
    completion_tokens: optionalCount,
    total_tokens: optionalCount,
    cache_hit: z.union([z.string(), z.boolean()]).nullish(),
    end_user: optionalText,
    metadata: jsonObjectOrString.nullish(),
    request_tags: z.union([z.array(z.string()), z.string()]).nullish(),
  })
  .passthrough();

/** @public */
export type LiteLlmLoggingPayload = z.input<typeof liteLlmLoggingPayloadSchema>;

/** An event `POST /ingest/events` did not store, and why. @public */
export type RejectedEvent = {
  /** Index of the event in the batch's `events` array. */
  index: number;
  /** The offending field, e.g. `attributes["gen_ai.usage.input_tokens"]`. */
  field: string;
  message: string;
};

/** Response of `POST /ingest/events`. @public */
export type IngestEventsResponse = {
  sourceId: string;
  format: PushEventFormat;
  /** Events stored by this request. */
  accepted: number;
  /** Events already stored with the same id and content; nothing changed. */
  duplicates: number;
  /** Events not stored: invalid, or an id already stored with other content. */
  rejected: RejectedEvent[];
  /** Days of the accepted and duplicate events: usage recomputed where events are new, then re-attributed. */
  days: string[];
};

/**
 * Which rows of a FOCUS file `POST /import/focus` imports: `ai` (the
 * default) the rows `aiCost.classification` counts as AI spend, `all`
 * every row.
 * @public
 */
export const focusIncludeOptions = ['ai', 'all'] as const;

/** @public */
export type FocusInclude = (typeof focusIncludeOptions)[number];

/** Query of `POST /import/focus`. @public */
export const focusImportQuerySchema = z
  .object({
    sourceId: pushSourceIdSchema.default('focus'),
    fileId: z
      .string()
      .min(1, 'must not be empty')
      .max(128, 'must be at most 128 characters')
      .optional(),
    replace: z
      .enum(['true', 'false'], {
        errorMap: () => ({ message: 'must be true or false' }),
      })
      .default('false')
      .transform(value => value === 'true'),
    include: z
      .enum(focusIncludeOptions, {
        errorMap: () => ({
          message: `must be one of ${focusIncludeOptions.join(', ')}`,
        }),
      })
      .default('ai'),
  })
  .strict();

/** @public */
export type FocusImportQuery = z.input<typeof focusImportQuerySchema>;

/** A problem with one line of an imported file. @public */
export type ImportLineMessage = {
  /** 1-based line of the CSV (the header is line 1). */
  line: number;
  message: string;
};

/** Response of `POST /import/focus`. @public */
export type FocusImportResponse = {
  sourceId: string;
  fileId: string;
  /** sha256 of the (decompressed) file content. */
  sha256: string;
  /**
   * `imported`: new file; `duplicate`: this exact file was imported before and
   * nothing changed; `replaced`: `replace=true` replaced an earlier version.
   */
  status: 'imported' | 'duplicate' | 'replaced';
  /** Data rows in the file. */
  rows: number;
  /** Rows stored by this request (0 for a duplicate). */
  rowsImported: number;
  currency: string;
  /** Sums of the file, in `currency`; equal to the stored rows to the micro-unit. */
  totals: {
    billedCost: number;
    effectiveCost: number;
    listCost: number;
    /** The negative part of billedCost (credits, refunds). */
    credits: number;
  };
  /** First and last charge day of the file; null for a file without rows. */
  from: string | null;
  to: string | null;
  /** Rows imported with a caveat, e.g. a quantity that is not counted as tokens. */
  warnings: ImportLineMessage[];
  warningCount: number;
  /** Which rows were imported: `ai` (classified as AI spend) or `all`. */
  include: FocusInclude;
  /** Rows not imported because they are not AI spend (none with `include=all`). */
  skipped: FocusSkipped;
};

/** Rows of a FOCUS file that were not imported, in all and per service. @public */
export type FocusSkipped = {
  rows: number;
  /** Sum of their BilledCost, in the response's currency. */
  billedCost: number;
  /** Per ServiceName (`(none)` when empty), most money first. */
  services: Array<{ serviceName: string; rows: number; billedCost: number }>;
};

/** `error.lines` of a 400 from `POST /import/focus`: every invalid line. @public */
export type FocusImportErrors = ImportLineMessage[];

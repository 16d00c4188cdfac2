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
 * Body of `POST /ingest/events`. Events are validated one by one, so that a
 * bad event is reported by its index while the good ones are stored.
 * @public
 */
export const ingestEventsRequestSchema = z
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

/** @public */
export type IngestEventsRequest = z.input<typeof ingestEventsRequestSchema>;

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
 * string) in an ISO 4217 currency, which must be the reporting currency.
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
 * One OpenTelemetry GenAI usage event (format `otel`), e.g.
 * `{ "id": "evt-1", "timestamp": "2026-11-01T10:00:00Z", "attributes": {
 * "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o",
 * "gen_ai.usage.input_tokens": 1200, "gen_ai.usage.output_tokens": 300,
 * "team": "search" } }`. Attributes outside `gen_ai.*` (and `user.id`)
 * become tags that `ai-cost/gateway-tags` selectors claim.
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
};

/** `error.lines` of a 400 from `POST /import/focus`: every invalid line. @public */
export type FocusImportErrors = ImportLineMessage[];

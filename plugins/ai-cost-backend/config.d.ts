import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the AI Cost plugin. */
  aiCost?: {
    /**
     * Reporting currency, an ISO 4217 code. Provider amounts in other
     * currencies are rejected rather than silently mixed.
     * @default USD
     * @visibility frontend
     */
    currency?: string;

    ingestion?: {
      /**
       * How often each source is ingested. Defaults to every 60 minutes with a
       * 15 minute timeout and a 15 second initial delay.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Trailing days re-read on every run, so that restated days replace
       * earlier numbers.
       * @default 35
       */
      lookbackDays?: number;
      /**
       * Days read by the first successful run of a new source.
       * @default 90
       */
      backfillDays?: number;
    };

    attribution?: {
      /**
       * How often the annotation index is rebuilt from the catalog. A change
       * to an entity's ai-cost/* annotations is picked up on the next run and
       * the affected providers' spend is re-attributed. Defaults to every 2
       * minutes with a 10 minute timeout and a 5 second initial delay.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    anomalies?: {
      /**
       * New anomalies at or above this severity are sent to the entity's
       * owners: low, medium, high or critical.
       * @default high
       */
      notifySeverity?: string;
    };

    /**
     * Per-model price overrides for negotiated rates, in currency units per
     * million tokens. Used instead of the bundled price data when estimating.
     */
    pricing?: {
      overrides?: Array<{
        /** Provider kind, e.g. `openai`. */
        provider: string;
        /** Model id as billed, e.g. `gpt-4o-2024-08-06`. */
        model: string;
        inputPerMillion?: number;
        cachedInputPerMillion?: number;
        cacheWritePerMillion?: number;
        outputPerMillion?: number;
      }>;
    };

    /** Billing sources, one list per provider; several instances are allowed. */
    providers?: {
      openai?: Array<{
        /** Source id, unique across all providers, e.g. `openai-prod`. */
        id: string;
        /**
         * An OpenAI organization admin key (`sk-admin-...`).
         * @visibility secret
         */
        adminKey: string;
        /** @default https://api.openai.com/v1 */
        baseUrl?: string;
      }>;
      anthropic?: Array<{
        /** Source id, unique across all providers, e.g. `anthropic-prod`. */
        id: string;
        /**
         * An Anthropic Admin API key (`sk-ant-admin01-...`).
         * @visibility secret
         */
        adminKey: string;
        /** @default https://api.anthropic.com */
        baseUrl?: string;
      }>;
    };

    /**
     * Pushed usage: `POST /ingest/events` (gateway / OpenTelemetry GenAI
     * events, LiteLLM spend logs) and `POST /import/focus` (FOCUS CSV).
     */
    ingest?: {
      /**
       * Source id pushed gateway events are stored under (provider kind
       * `gateway`, which `ai-cost/gateway-tags` claims).
       * @default gateway
       */
      sourceId?: string;
      /**
       * Events one `POST /ingest/events` may carry; more is a 400.
       * @default 10000
       */
      maxEventsPerBatch?: number;
      /**
       * Largest body of `POST /ingest/events`, in bytes; more is a 413.
       * @default 16777216
       */
      maxBatchBytes?: number;
      /**
       * Largest FOCUS file of `POST /import/focus`, in bytes after
       * decompression; more is a 413.
       * @default 52428800
       */
      maxImportBytes?: number;
      /**
       * When set, only these event attributes become tags (the rest are
       * dropped), keeping high-cardinality attributes such as request ids out
       * of the daily usage rows. By default every attribute outside
       * `gen_ai.*` and `user.id` becomes a tag.
       */
      tagKeys?: string[];
    };

    demo?: {
      /**
       * Generate deterministic synthetic usage for the example catalog through
       * the regular ingestion engine. Demo data is marked as such in the API.
       * @default false
       */
      enabled?: boolean;
    };
  };
}

import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the AI Cost plugin. */
  aiCost?: {
    /**
     * Reporting currency, an ISO 4217 code. Amounts billed in other
     * currencies are converted into it at the usage day's rate (see
     * `exchangeRates`); without a rate for a day the run or import fails.
     * @default USD
     * @visibility frontend
     */
    currency?: string;

    /**
     * Exchange rates into `currency`: per ISO 4217 foreign currency, per
     * month (`YYYY-MM`) or day (`YYYY-MM-DD`), how many units of `currency`
     * one unit of it buys, e.g. `{ EUR: { '2026-11': 1.08, '2026-12-01': 1.07 } }`.
     * A day's rate beats its month's; a rate imported through
     * `POST /import/exchange-rates` beats a configured one for the same
     * currency and day or month; a rate the bill states beats both.
     */
    exchangeRates?: {
      [currency: string]: { [dayOrMonth: string]: number };
    };

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

    postAttribution?: {
      /**
       * How often pending post-attribution work (anomaly scan, budget alerts,
       * recommendations) is picked up. Ingestion runs, pushes, imports and
       * claim changes only mark the work as due; one global task does it, on
       * one replica, however many changes arrived since its last run.
       * Defaults to every 15 seconds with a 10 minute timeout.
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
      /**
       * Org default of the smallest anomaly worth raising: its impact
       * (actual − expected) in `aiCost.currency`, e.g. `50`. An entity's
       * `ai-cost/anomaly-threshold` annotation or portal setting beats it.
       * @visibility backend
       */
      minImpact?: number;
      /**
       * Org default of the smallest anomaly worth raising in percent of the
       * expected spend (0–1000), e.g. `30`.
       * @visibility backend
       */
      minImpactPercent?: number;
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
        /** 1-hour prompt cache writes (Anthropic); default `cacheWritePerMillion`. */
        cacheWrite1hPerMillion?: number;
        outputPerMillion?: number;
      }>;
    };

    /**
     * Pushed usage: `POST /ingest/events` (gateway / OpenTelemetry GenAI
     * events, LiteLLM spend logs) and `POST /import/focus` (FOCUS CSV).
     * Not to be confused with `aiCost.ingestion`, the pull schedule.
     */
    push?: {
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

    /**
     * Former name of `aiCost.push`, still read (with a warning) when
     * `aiCost.push` is absent.
     * @deprecated Use `aiCost.push`.
     */
    ingest?: {
      sourceId?: string;
      maxEventsPerBatch?: number;
      maxBatchBytes?: number;
      maxImportBytes?: number;
      tagKeys?: string[];
    };

    /**
     * Which cloud and FOCUS line items count as AI spend. Each list adds to
     * the shipped defaults (ServiceCategory `AI and Machine Learning`; AI
     * services such as Amazon Bedrock, Azure OpenAI, Vertex AI, SageMaker;
     * rows naming a model; GPU and accelerator compute). `POST
     * /import/focus` keeps only AI spend unless `include=all`.
     */
    classification?: {
      /** Providers whose whole bill is AI spend, matched as words in ProviderName (any case). */
      providerNames?: string[];
      /** FOCUS ServiceCategory values that are AI spend (whole value, any case). */
      serviceCategories?: string[];
      /** Service names that are AI spend, matched as words in ServiceName (any case). */
      serviceNames?: string[];
      /** Regular expressions (case-insensitive) naming models in SKU ids, meters and charge descriptions. */
      modelPatterns?: string[];
      /** Tag keys whose value names a model. */
      modelTagKeys?: string[];
      /** Regular expressions (case-insensitive) for GPU / accelerator instance families and SKUs. */
      acceleratorPatterns?: string[];
    };

    /**
     * Corporate-card and expense imports (`POST /import/expenses`).
     * @visibility backend
     */
    expenses?: {
      /**
       * AI vendors added to the shipped list (OpenAI/ChatGPT,
       * Anthropic/Claude, Cursor/Anysphere, GitHub Copilot, Midjourney,
       * Perplexity, Gemini, ...): a name (`Tabnine`), or `{ vendor, aliases }`
       * where a known vendor name adds aliases to it. Vendor text matches an
       * alias case-insensitively by whole words (`OPENAI *CHATGPT SUBSCR`
       * is OpenAI). Lines of other vendors are skipped and counted.
       * @visibility backend
       */
      aiVendors?: Array<string | { vendor: string; aliases?: string[] }>;
    };

    /**
     * Allocation tags, virtual tags and split rules (FinOps allocation), and
     * the chargeback threshold. Every bad value fails start-up with its key.
     * @visibility backend
     */
    allocation?: {
      /**
       * The allocation tag keys every attributed record carries one value (or
       * none) of: lower-case letters, digits, `_`, `.`, `-`. Replaces the
       * default list.
       * @default ["environment", "feature", "customer"]
       * @visibility backend
       */
      tags?: string[];
      /**
       * Per tag, canonical value to synonyms, matched case-insensitively:
       * `{ environment: { production: [prod, prd, live] } }`. Overrides the
       * defaults (production: prod, prd, live; staging: stg, stage;
       * development: dev) per canonical value.
       * @visibility backend
       */
      normalize?: {
        [tag: string]: { [canonical: string]: string[] };
      };
      /**
       * Ordered rules setting one tag on the usage they match; per tag the
       * first match wins (portal rules come before these).
       * @visibility backend
       */
      virtualTags?: Array<{
        /** Optional id; defaults to `virtual-tag-<index>`. */
        id?: string;
        /** One of `tags`. */
        tag: string;
        /** The value set; give this or `valueFrom`. */
        value?: string;
        /** `tags.<key>`: take the value from the record's provider tag. */
        valueFrom?: string;
        /**
         * Dimension to value, all of which must hold: provider, sourceId,
         * accountId, projectId, apiKeyId, resourceId, userId, region, model,
         * serviceTier or `tags.<key>`; values exact or globs with `*`.
         * `{}` matches everything.
         */
        match: { [key: string]: string };
      }>;
      /**
       * Ordered rules dividing the spend they match among their targets,
       * ahead of annotations; the first match wins.
       * @visibility backend
       */
      splitRules?: Array<{
        /** Unique id, e.g. `shared-eval-key`. */
        id: string;
        /** As for `virtualTags`. */
        match: { [key: string]: string };
        /**
         * `even`; `fixed` (by `shares`); `proportional` (by each target's own
         * direct spend that day); `metric` (by a business metric); `members`
         * (by how many catalog Users are members of each target group).
         */
        method: string;
        /** Fixed splits: entity ref to a positive weight (need not sum to 100). */
        shares?: { [entityRef: string]: number };
        /** Other splits: the entity refs to split among. */
        targets?: string[];
        /** Metric splits: the business metric, e.g. `requests`. */
        metric?: string;
      }>;
      chargeback?: {
        /**
         * Share of spend that must be allocated before chargeback is ready
         * (showback until then), in (0, 1].
         * @default 0.8
         * @visibility backend
         */
        coverageThreshold?: number;
      };
    };

    /**
     * Seat and flat-fee AI subscriptions (Copilot, ChatGPT Enterprise, ...),
     * amortised per day as provider `subscription` (source `subscriptions`).
     * More can be managed in the portal (`/ai-cost/subscriptions`); these
     * cannot be changed there. Every bad value fails start-up with its key.
     * @visibility backend
     */
    subscriptions?: Array<{
      /** Unique id: lower-case letters, digits, `_ . -`, e.g. `copilot-business`. */
      id: string;
      vendor: string;
      product: string;
      /** Per period, in `currency`. */
      amount: number;
      /** ISO 4217 code of `amount`. */
      currency: string;
      /** `month` (spread over each calendar month's days) or `year` (over each subscription year's days). */
      period: 'month' | 'year';
      /** First day billed, `YYYY-MM-DD`. */
      start: string;
      /** Last day billed (inclusive), `YYYY-MM-DD`. */
      end?: string;
      /** Seats paid for. */
      seats?: number;
      /** All of the cost goes to this entity. */
      entityRef?: string;
      /** The cost splits among these groups by their member counts. */
      groups?: string[];
      /** A business metric whose latest value is the number of seats in use. */
      activeSeatsMetric?: string;
    }>;

    /** Business metrics for unit economics (cost per document, margin per customer). */
    metrics?: {
      /**
       * Prometheus servers business metrics are pulled from: each query is
       * evaluated at the end of every UTC day (`query_range`, step 1 day), so
       * `increase(x[1d])` is that day's count. Every bad value fails start-up
       * with its key.
       * @visibility backend
       */
      prometheus?: Array<{
        /** Unique source id: letters, digits, `.`, `_`, `-`. Points are stored under it. */
        id: string;
        /** Prometheus (or a compatible API such as Thanos or Mimir), e.g. `https://prometheus.example.com`. */
        baseUrl: string;
        /**
         * Bearer token sent as `Authorization: Bearer <token>`.
         * @visibility secret
         */
        token?: string;
        /** How often the source is pulled. Defaults to every hour with a 10 minute timeout. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Trailing complete days (ending yesterday, UTC) re-read and replaced on
         * every run, 1 to 90.
         * @default 7
         */
        lookbackDays?: number;
        /** One PromQL query per metric; at least one. */
        queries: Array<{
          /**
           * Metric name, e.g. `documents_processed` or `revenue`: a letter, then
           * letters, digits, `_ . : -`. Not `requests`, `tokens` or `customers`
           * (computed from usage).
           */
          metric: string;
          /** PromQL giving the day's value, e.g. `sum by (service) (increase(documents_processed_total[1d]))`. */
          query: string;
          /** Unit, e.g. `documents`; a currency code such as `USD` makes the metric money. */
          unit?: string;
          /** The entity every value belongs to, e.g. `component:default/billing`. */
          entityRef?: string;
          /**
           * Or: the label whose value is the entity, a full ref or a bare name
           * (`component:default/<name>`). Series without it are skipped. With
           * neither, values are organisation-wide.
           */
          entityLabel?: string;
          /** Allocation tag to the label holding its value, e.g. `{ customer: customer_id }`. */
          tagLabels?: { [tag: string]: string };
        }>;
      }>;
    };

    budgets?: {
      /**
       * The multiple of the expected spend a suggested budget allows
       * (`GET /budgets/suggestion`): the month-end forecast, three times it
       * for a quarter, times this, rounded up to two significant digits.
       * Between 1 and 10.
       * @default 1.15
       * @visibility backend
       */
      suggestionHeadroom?: number;
      /**
       * Budget requests (`POST /budgets/requests`, the Scaffolder action
       * `ai-cost:budget:request`). Approvers are the members of the parent
       * groups of the entity's owner group and of `approvers`; a requester
       * never approves their own request. Amounts are compared per month
       * (a quarterly amount divided by 3), in `aiCost.currency`.
       */
      approval?: {
        /**
         * Groups (or users) that may approve any request, e.g.
         * `group:default/finance`; a bare name is a group in `default`.
         * @visibility backend
         */
        approvers?: string[];
        /**
         * Requests below this monthly amount are approved at once by
         * `system` and applied. Unset: every request waits for an approver.
         * @visibility backend
         */
        autoApproveBelow?: number;
        /**
         * Requests above this monthly amount need a business case of at
         * least `businessCaseMinLength` characters (400 naming `businessCase`).
         * @visibility backend
         */
        businessCaseAbove?: number;
        /**
         * The shortest business case accepted above `businessCaseAbove`.
         * @default 50
         * @visibility backend
         */
        businessCaseMinLength?: number;
      };
    };

    /**
     * Digests through the notifications backend (topics
     * `ai-cost-digest-weekly`, `ai-cost-digest-monthly` and
     * `ai-cost-leadership`, which users can mute in their notification
     * settings). Each covers the last complete week or month (UTC) and goes
     * out once per period.
     */
    digests?: {
      /**
       * On Mondays, every group or user whose AI Cost view had spend last
       * week gets a digest: spend and its change, budget, open anomalies,
       * top recommendations and policy violations.
       * @default false
       */
      weekly?: boolean;
      /**
       * The same on the 1st of each month, for the month before.
       * @default false
       */
      monthly?: boolean;
      /**
       * Groups that get the monthly leadership report on the 1st: the
       * organisation's total and change, top teams, budget states, open
       * anomalies and the unallocated share, e.g. `[group:default/leadership]`.
       */
      leadership?: string[];
    };

    /**
     * Model policies (DESIGN §9.4): which model tiers entities may use.
     * An entity's `ai-cost/max-model-tier` and `ai-cost/allowed-models`
     * annotations beat the org defaults here.
     */
    policies?: {
      /**
       * Model globs per tier (`*` matches any run of characters,
       * case-insensitive); a tier given here replaces its shipped list, e.g.
       * `frontier: [gpt-4.5*, o3, o3-pro*, claude-opus*]`. A model matched by
       * several globs gets the tier of the most literal one.
       * @visibility backend
       */
      modelTiers?: {
        frontier?: string[];
        standard?: string[];
        efficient?: string[];
      };
      /**
       * The org's max tier by environment (the canonical `environment`
       * value of the entity's `ai-cost/tags`), e.g.
       * `{ production: standard, staging: efficient }`.
       * @visibility backend
       */
      defaults?: {
        [environment: string]: 'frontier' | 'standard' | 'efficient';
      };
      /**
       * The org's max tier of entities of any other or no environment.
       * Without it (and without `defaults`), entities without annotations
       * have no model policy.
       * @visibility backend
       */
      defaultMaxTier?: 'frontier' | 'standard' | 'efficient';
    };

    queryCache?: {
      /**
       * About how much memory of each backend process the answers of page
       * views' cost queries may take. Answers are kept under the version of
       * all attributed spend, which every re-attribution changes, so a page
       * never shows spend older than the database's; the least recently
       * used go first. 0 turns the cache off.
       * @default 64
       */
      maxMegabytes?: number;
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

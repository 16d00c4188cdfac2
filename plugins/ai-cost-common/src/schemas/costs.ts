import { z } from 'zod';
import type { AiSpendCategory } from '../spendCategories';
import { daysInclusive, isIsoDay } from '../dates';
import {
  entityRefSchema,
  isoDaySchema,
  MAX_WINDOW_DAYS,
  metricNameSchema,
} from './common';

/** Spend of one allocation tag value. @public */
export type TagCostItem = {
  value: string | null;
  cost: number;
  /** Present on the item that folds the values past the top ones. */
  otherValues?: number;
};

/** Spend a split rule gave an entity. @public */
export type SharedCost = {
  ruleId: string;
  method: 'even' | 'fixed' | 'proportional' | 'metric' | 'members';
  /** This entity's fraction (0..1) of everything the rule split in the window. */
  share: number;
  cost: number;
};

/**
 * Checks that a `from`/`to` window (both inclusive) is in order and not
 * larger than {@link MAX_WINDOW_DAYS}; issues name the offending field.
 * Runs only once both days are valid.
 * @public
 */
export function refineWindow(
  value: { from: string; to: string },
  ctx: z.RefinementCtx,
) {
  if (!isIsoDay(value.from) || !isIsoDay(value.to)) return;
  if (value.from > value.to) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['from'],
      message: `must not be after to (${value.to})`,
    });
  } else if (daysInclusive(value.from, value.to) > MAX_WINDOW_DAYS) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['to'],
      message: `window must be at most ${MAX_WINDOW_DAYS} days`,
    });
  }
}

/** Query of `GET /costs` and `GET /export.csv`. @public */
export const costsQuerySchema = z
  .object({ entityRef: entityRefSchema, from: isoDaySchema, to: isoDaySchema })
  .strict()
  .superRefine(refineWindow);

/** @public */
export type CostsQuery = z.infer<typeof costsQuerySchema>;

/** Dimensions `GET /rollup` can group by. @public */
export const rollupGroupBys = [
  'owner',
  'system',
  'domain',
  'provider',
  'model',
  /** Model APIs, cloud AI services, self-hosted GPU, subscriptions, expensed tools (DESIGN §9.3). */
  'category',
] as const;

/** `tag:<key>`: a rollup by the values of one allocation tag. @public */
export type TagGroupBy = `tag:${string}`;

/** @public */
export type RollupGroupBy = (typeof rollupGroupBys)[number] | TagGroupBy;

const GROUP_BY_MESSAGE = `must be one of ${rollupGroupBys.join(
  ', ',
)}, or tag:<allocation tag> such as tag:environment`;

/** Query of `GET /rollup`. @public */
export const rollupQuerySchema = z
  .object({
    groupBy: z
      .string({ errorMap: () => ({ message: GROUP_BY_MESSAGE }) })
      .refine(
        (value): value is RollupGroupBy =>
          (rollupGroupBys as readonly string[]).includes(value) ||
          /^tag:[a-z0-9][a-z0-9_.-]*$/.test(value),
        { message: GROUP_BY_MESSAGE },
      ),
    from: isoDaySchema,
    to: isoDaySchema,
    /** A metric (DESIGN §9.2) each item is measured by: adds `metricValue`, `unitCost`, and `margin` for money. */
    metric: metricNameSchema.optional(),
  })
  .strict()
  .superRefine(refineWindow);

/** @public */
export type RollupQuery = z.infer<typeof rollupQuerySchema>;

/** Token and request totals with their cost, in major currency units. @public */
export type CostTotals = {
  cost: number;
  /** Uncached input tokens. */
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  /** Output tokens, reasoning tokens included. */
  outputTokens: number;
  reasoningTokens: number;
  requests: number;
};

/** Token types a cost can be broken down by. @public */
export const tokenTypes = [
  'input',
  'cachedInput',
  'cacheWrite',
  'output',
] as const;

/** @public */
export type TokenType = (typeof tokenTypes)[number];

/** What an entity claims through one of its `ai-cost/*` annotations. @public */
export type EntityClaim = {
  annotation: string;
  provider: string;
  /** `apiKeyId`, `projectId`, `resourceId`, `accountId` or `tag`. */
  dimension: string;
  /** The claimed id, or `key=value[,key=value]` for tag selectors. */
  value: string;
  /** Other entities claim the same value equally specifically; spend is split. */
  conflictsWith: string[];
  /** A split rule divides this value's spend instead of the claims (DESIGN §9.1). */
  splitRule?: { id: string; method: string };
};

/** Response of `GET /costs`. @public */
export type EntityCostsResponse = {
  entityRef: string;
  /** The entity's kind, e.g. `Component` or `Group`. */
  kind: string;
  title?: string;
  currency: string;
  from: string;
  to: string;
  /** Own spend plus the spend of every descendant. */
  total: CostTotals;
  /** Spend claimed by the entity itself. */
  own: { cost: number };
  /** Spend claimed by descendants (parts of a system or domain, entities owned by a group and its child groups). */
  viaChildren: { cost: number };
  /** The part of `total.cost` we priced ourselves because no billed figure exists. */
  estimatedCost: number;
  /** The part of `total.cost` that comes from synthetic demo sources. */
  demoCost: number;
  /** The window of equal length just before `from`, for the trend. */
  previousPeriod: { from: string; to: string; cost: number };
  /**
   * First day with ingested history for the sources behind these figures
   * (the latest of their first days); null when nothing was ingested. When
   * `previousPeriod.from` is before it, the trend compares against a period
   * only partly covered; when `from` is before it, so is the window.
   */
  historyFrom: string | null;
  /** Every day of the window, zero-filled. */
  daily: Array<{ date: string; cost: number }>;
  /**
   * Spend of descendants the caller cannot see in the catalog, folded into
   * one line. It counts in `total`, `daily`, `viaChildren` and `byChild`,
   * but not in `dailyByModel`, `byProvider`, `byCategory`, `byModel`, `byApiKey` and
   * `byTokenType`: they break down the rest, `total.cost - hiddenDescendants.cost`.
   */
  hiddenDescendants: { count: number; cost: number };
  /** Non-zero days per provider and model, for stacked charts. */
  dailyByModel: Array<{
    date: string;
    provider: string;
    model: string;
    cost: number;
  }>;
  byProvider: Array<{ provider: string; cost: number }>;
  /** Spend per kind (model APIs, cloud AI services, self-hosted GPU, subscriptions, expensed tools); only those with spend. */
  byCategory: Array<{ category: AiSpendCategory; cost: number }>;
  byModel: Array<{
    /** The model's provider, e.g. `openai` for gpt-4o priced by a gateway. */
    provider: string;
    /**
     * The provider kind of the source the spend came through: the provider
     * itself for its billing API, `gateway` for pushed gateway or
     * OpenTelemetry events, `focus` for FOCUS imports of other providers.
     */
    source: string;
    /** Empty when no model explains the spend (e.g. a provider fee). */
    model: string;
    /**
     * Usage of a model no price is known for, stored at cost 0: its
     * requests and tokens are not in `cost` (never shown as free).
     */
    unpriced: boolean;
    cost: number;
    estimatedCost: number;
    inputTokens: number;
    cachedInputTokens: number;
    cacheWriteTokens: number;
    outputTokens: number;
    requests: number;
  }>;
  /** Spend per provider api key; `apiKeyId` is empty when the source has no key dimension. */
  byApiKey: Array<{
    provider: string;
    apiKeyId: string;
    cost: number;
    requests: number;
  }>;
  /**
   * Tokens per type and the cost they explain: each model's cost split by the
   * list-price weight of its token types (an estimate, labelled as such).
   * Cost that no priced token explains is reported under `unexplainedCost`.
   */
  byTokenType: {
    items: Array<{ tokenType: TokenType; tokens: number; cost: number }>;
    unexplainedCost: number;
  };
  /**
   * Spend per allocation tag value (DESIGN §9.1), for every configured tag;
   * each tag's items sum to what the other breakdowns cover. `value: null`
   * is spend without a value; past the top values the rest is one item with
   * `otherValues` (how many values it folds) and `value: null`.
   */
  byTag: Record<string, TagCostItem[]>;
  /** Spend this entity (and what rolls up to it) got from split rules, and its share of each. */
  shared: SharedCost[];
  /** Direct children with their totals; children the caller cannot see are folded into `hiddenChildren`. */
  byChild: Array<{
    entityRef: string;
    kind: string;
    title?: string;
    /** What the child contributes here; the items sum to `viaChildren`. */
    cost: number;
    /**
     * The child's own total, as its own page shows it: more than `cost` when
     * part of its spend counts under other children (a system whose
     * components are listed too) or, under an owner, comes from parts owned
     * elsewhere.
     */
    total: number;
  }>;
  hiddenChildren: { count: number; cost: number };
  /** The claims of the entity itself, from its annotations. */
  claims: EntityClaim[];
};

/** One unclaimed provider dimension in a rollup. @public */
export type UnallocatedItem = {
  provider: string;
  /** `projectId`, `apiKeyId`, `resourceId`, `accountId`, `tag` or `none`. */
  dimension: string;
  /** The unclaimed id, `key=value` for a tag, empty for `none`. */
  value: string;
  cost: number;
  /** The annotation that would claim it, e.g. `ai-cost/openai-project-id`; absent when nothing can. */
  claimWith?: string;
  /** What would claim it, in a sentence; for `none`, what to change where it is billed. */
  hint: string;
};

/** One group of a rollup. @public */
export type RollupItem = {
  /**
   * Entity ref of the owner/system/domain, the provider, `provider/model` or
   * the spend category (`model-api`, `cloud-ai`, `self-hosted`,
   * `subscription`, `expense`: every one listed, with 0 where there is none);
   * `(none)` for spend outside any group. By tag: the tag value, `null` for
   * spend without one (and for the item folding the values past the top ones).
   */
  key: string | null;
  entityRef?: string;
  title?: string;
  cost: number;
  /** Cost of the same group in the window of equal length before `from`. */
  previousCost: number;
  /** Provider, category and tag rollups only: the part of `cost` no entity claims (also listed under `unallocated`). */
  unallocatedCost?: number;
  /** Tag rollups only: on the item folding the values past the top ones, how many it folds. */
  otherValues?: number;
  /** With `metric`: the metric's value for the group in the window; null when it has none. */
  metricValue?: number | null;
  /** With `metric`: cost per unit (per 1,000 for `tokens`); null without a value. */
  unitCost?: number | null;
  /** With a money `metric` (e.g. revenue): metricValue − cost; null without a value. */
  margin?: number | null;
  /** margin / metricValue; null without a positive value. */
  marginPercent?: number | null;
  /** With `metric`: the metric's value in the previous window. */
  previousMetricValue?: number | null;
};

/** Response of `GET /rollup`. @public */
export type RollupResponse = {
  currency: string;
  from: string;
  to: string;
  groupBy: RollupQuery['groupBy'];
  /**
   * First day with ingested history of every source (the latest of their
   * first days, sources that started after `to` aside); null when nothing
   * was ingested. Before it, `previousCost` is not a full period's spend.
   */
  historyFrom: string | null;
  /** Attributed plus unallocated spend: everything ingested in the window. */
  total: number;
  /**
   * Sorted by cost, largest first. By provider, items include the provider's
   * unallocated spend and sum to `total`; otherwise they sum to the
   * attributed spend and `unallocated` is the rest.
   */
  items: RollupItem[];
  unallocated: { cost: number; items: UnallocatedItem[] };
  /** With `metric`: the metric the items are measured by. */
  metric?: { metric: string; unit: string | null; money: boolean; per: number };
};

/** Response of `GET /attribution`: the state of the annotation index. @public */
export type AttributionStatus = {
  /** When the index was last rebuilt from the catalog; null before the first build. */
  builtAt: string | null;
  /** Entities in the catalog snapshot, and how many of them claim spend. */
  entities: number;
  claimingEntities: number;
  claims: number;
  /** Values claimed equally specifically by several entities; their spend is split evenly. */
  conflicts: Array<{
    provider: string;
    dimension: string;
    value: string;
    entityRefs: string[];
  }>;
  /** Annotations that could not be read; the claim is ignored until fixed. */
  problems: Array<{ entityRef: string; annotation: string; message: string }>;
};

import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type {
  AttributedRow,
  UnallocatedRow,
  UsageAmounts,
  UsageGroup,
} from '../attribution/attributeUsage';
import type {
  CatalogSnapshot,
  ClaimedValue,
} from '../attribution/catalogSnapshot';

/** When and from what the annotation index was last built. */
export interface CatalogIndexState {
  fingerprint: string;
  builtAt: string;
  entityCount: number;
  problems: CatalogSnapshot['problems'];
}

/**
 * The cost in micro-units of the billed currency, present when a query
 * groups by `originalCurrency` (0 for spend that was not converted).
 */
export type OriginalCostSum = { originalCost?: number };

/** Attributed amounts of one group of a query, money in micro-units. */
export type AmountsRow<K extends string> = Record<K, string> & UsageAmounts;

/** The amounts kept of unallocated spend: no estimate share, no reasoning tokens. */
export type UnallocatedAmounts = Omit<
  UsageAmounts,
  'estimatedOnly' | 'reasoningTokens'
>;

/** The days of stored usage of one source. */
export interface SourceUsageSpan {
  sourceId: string;
  /** The source's provider kind. */
  provider: string;
  from: string;
  to: string;
}

/** Persistence of the catalog snapshot: entities, their claims, the index state. */
export interface CatalogSnapshotStore {
  /** Replaces the catalog snapshot and its claims in one transaction. */
  replaceCatalogSnapshot(
    snapshot: CatalogSnapshot,
    fingerprint: string,
  ): Promise<void>;
  loadCatalogSnapshot(): Promise<
    { snapshot: CatalogSnapshot; state: CatalogIndexState } | undefined
  >;
  getIndexState(): Promise<CatalogIndexState | undefined>;
}

/**
 * Persistence of attributed spend (`ai_cost_daily`,
 * `ai_cost_unallocated_daily`) and the queries page views make against it.
 * Page views never read raw usage.
 */
export interface AttributedSpendStore {
  /**
   * How many `reattribute` transactions of different sources are worth
   * running at once: 1 on SQLite (one writer), a few on PostgreSQL.
   */
  readonly reattributeConcurrency: number;

  /**
   * Every source and month with attributed spend and the version of it,
   * and the versions of days re-attributed alone since their month was:
   * each re-attribution raises, in the transaction that writes the spend,
   * the versions of the days it rewrites alone (some days only: a push's
   * today) or of the months of its whole window (whose day versions it
   * deletes), so an answer cached under versions is never read after the
   * data it summed changed. One read of two small tables.
   */
  attributedVersions(): Promise<AttributedVersion[]>;

  /**
   * First and last day of stored usage per source (index probes, not a scan
   * of usage), optionally only of the sources of some provider kinds or
   * with usage of those providers.
   */
  usageSpans(providers?: string[]): Promise<SourceUsageSpan[]>;

  /**
   * Per configured or pushed source, the first day it has history: the
   * earlier of the first day of its initial backfill and its first usage
   * row. Sources with neither (never ingested anything) are left out. One
   * index probe per source, never a scan: page views may call it.
   */
  historyStarts(): Promise<Array<{ sourceId: string; from: string }>>;

  /**
   * The days of each source whose usage carries one of the claimed values
   * (or may: the match is case-insensitive, by prefix for resource ids), in
   * order: the only days a change of these claims can attribute anew.
   */
  daysWithClaimedValues(
    values: ClaimedValue[],
  ): Promise<Array<{ sourceId: string; days: string[] }>>;

  /**
   * In one transaction that holds the source's row lock: reads the source's
   * usage of the window summed by claimable dimensions, lets `attribute`
   * turn it into rows, and replaces the window's attributed and unallocated
   * rows with them, keeping the sums rollups read (`ai_cost_tag_daily`,
   * `ai_cost_entity_daily`) in step.
   */
  reattribute(options: {
    sourceId: string;
    window: UsageWindow;
    /** Only these days of the window (at most a few dozen), when given. */
    days?: string[];
    attribute: (groups: UsageGroup[]) => {
      attributed: AttributedRow[];
      unallocated: UnallocatedRow[];
    };
    /** Group by user too (an allocation rule matches on it). */
    byUser?: boolean;
  }): Promise<{ attributedRows: number; unallocatedRows: number }>;

  /**
   * Raw usage of every source summed as `reattribute` gives it to
   * attribution: what previews of allocation rules run on.
   */
  usageGroups(options: {
    window: UsageWindow;
    byUser?: boolean;
  }): Promise<UsageGroup[]>;

  /** Attributed spend of some entities summed by the given columns. */
  sumAttributed<K extends AttributedColumn>(options: {
    window: UsageWindow;
    /** All entities when omitted. */
    entityRefs?: string[];
    /** All sources when omitted. */
    sourceIds?: string[];
    groupBy: K[];
  }): Promise<Array<AmountsRow<K> & OriginalCostSum>>;

  /**
   * Attributed cost alone of every entity summed by the given columns: what
   * rollups read. By entity and day alone it reads `ai_cost_entity_daily`,
   * one row per entity and day.
   */
  sumAttributedCost<K extends AttributedColumn>(options: {
    window: UsageWindow;
    groupBy: K[];
  }): Promise<Array<Record<K, string> & { cost: number }>>;

  /** Unallocated spend summed by provider, dimension and value. */
  sumUnallocated(
    window: UsageWindow,
  ): Promise<Array<AmountsRow<'provider' | 'dimension' | 'value'>>>;

  /** Unallocated spend (cost only) summed by the given columns. */
  sumUnallocatedCost<K extends UnallocatedColumn>(options: {
    window: UsageWindow;
    groupBy: K[];
  }): Promise<Array<Record<K, string> & { cost: number }>>;

  /**
   * Cost, attributed and unallocated, per value of one allocation tag
   * (`ai_cost_tag_daily`, a few rows per day): the spend without a value is
   * the item with value null, left out when there is none.
   */
  sumTagValues(options: {
    window: UsageWindow;
    tag: string;
  }): Promise<TagValueCost[]>;

  /** Unallocated spend summed by day, provider, dimension, value, model and allocation tags. */
  sumUnallocatedDaily(window: UsageWindow): Promise<
    Array<
      Record<
        | 'date'
        | 'provider'
        | 'dimension'
        | 'value'
        | 'model'
        | 'allocationTags',
        string
      > &
        UnallocatedAmounts & {
          /** The billed currency of converted spend; null when not converted. */
          originalCurrency: string | null;
          /** Its cost in micro-units of `originalCurrency` (0 when not converted). */
          originalCost: number;
        }
    >
  >;

  /** Everything ingested in the window: the right-hand side of the invariant. */
  sumIngested(window: UsageWindow): Promise<UsageAmounts>;
}

/** The annotation index and attributed spend, as the attribution code uses them. */
export type AttributionStore = CatalogSnapshotStore & AttributedSpendStore;

/**
 * How many times a source's attributed spend of a month (`YYYY-MM`) was
 * written, or of one day of it (`day`) re-attributed alone since.
 */
export interface AttributedVersion {
  sourceId: string;
  month: string;
  /** Set on the version of one day (`YYYY-MM-DD`) of the month. */
  day?: string;
  version: number;
}

/** Cost of one value of an allocation tag; null: spend without a value. */
export type TagValueCost = {
  value: string | null;
  /** Attributed and unallocated cost in micro-units. */
  cost: number;
  /** The part of `cost` no entity claims. */
  unallocatedCost: number;
};

/** Columns of `ai_cost_unallocated_daily` a query can group by. */
export type UnallocatedColumn =
  | 'date'
  | 'provider'
  | 'dimension'
  | 'value'
  | 'model'
  /** Spend category; empty on rows attributed before it existed. */
  | 'category'
  /** JSON object of allocation tag values, sorted keys. */
  | 'allocationTags';

/** Columns of `ai_cost_daily` a query can group by. */
export type AttributedColumn =
  | 'entityRef'
  | 'date'
  | 'sourceId'
  | 'provider'
  | 'model'
  /** Provider of the model when not `provider` (gateway events), else empty. */
  | 'modelProvider'
  /** Spend category; empty on rows attributed before it existed. */
  | 'category'
  /** The billed currency of converted spend; null when not converted. */
  | 'originalCurrency'
  | 'apiKeyId'
  /** JSON object of allocation tag values, sorted keys. */
  | 'allocationTags'
  | 'splitRuleId'
  | 'splitMethod';

import {
  aiSpendCategoryOf,
  allocateMicros,
} from '@ai-cost/plugin-ai-cost-common';
import {
  splitWeights,
  type AllocationPolicy,
  type AllocationRecord,
  type SplitRule,
} from '../allocation';
import { EXPENSE_PROVIDER } from '../expenses/aiVendors';
import { pricingProviderOf } from '../push/providers';
import type { ClaimIndex, UsageDimensions } from './ClaimIndex';
import {
  AMOUNT_KEYS,
  addAmounts,
  emptyAmounts,
  tokensOf,
  type UsageAmounts,
} from './usageAmounts';

export type { UsageAmounts } from './usageAmounts';

/** Ingested usage summed per source, day, model and the dimensions rules match. */
export interface UsageGroup extends UsageDimensions, UsageAmounts {
  sourceId: string;
  date: string;
  model: string;
  /** The provider line item; for gateway events, the upstream provider as reported. */
  lineItem?: string | null;
  /** The spend category the source stated; null when its provider kind decides. */
  category?: string | null;
  /** The billed currency of usage converted into the reporting currency; null when not converted. */
  originalCurrency?: string | null;
  /** The cost in micro-units of `originalCurrency`, when converted. */
  originalCost?: number | null;
  /** Only grouped by when an allocation rule matches on it. */
  userId?: string | null;
  region?: string | null;
  serviceTier?: string | null;
}

/** Allocation tag values of some spend, e.g. `{ environment: 'production' }`. */
export type AllocationTags = Record<string, string>;

/** Attributed spend of one entity (one `ai_cost_daily` row). */
export interface AttributedRow extends UsageAmounts {
  entityRef: string;
  date: string;
  sourceId: string;
  provider: string;
  model: string;
  /**
   * The provider of the model when it is not `provider`: gateway events
   * name the upstream provider (`openai` for gateway-priced gpt-4o), while
   * their spend is claimed under `gateway`. Empty otherwise.
   */
  modelProvider: string;
  /** The kind of AI spend (`model-api`, `cloud-ai`, `self-hosted`, ...). */
  category: string;
  apiKeyId: string;
  /** Split evenly with other equally specific claims. */
  conflict: boolean;
  allocationTags: AllocationTags;
  /** The split rule that gave this spend, empty for a claim. */
  splitRuleId: string;
  splitMethod: string;
  /** The billed currency of converted spend, empty when not converted. */
  originalCurrency: string;
  /** The share of the cost in micro-units of `originalCurrency` (0 when not converted). */
  originalCost: number;
}

/** Unclaimed spend of one provider dimension (one `ai_cost_unallocated_daily` row). */
export interface UnallocatedRow extends UsageAmounts {
  date: string;
  sourceId: string;
  provider: string;
  dimension: string;
  value: string;
  model: string;
  /** The kind of AI spend (`model-api`, `cloud-ai`, `self-hosted`, ...). */
  category: string;
  allocationTags: AllocationTags;
  /** The billed currency of converted spend, empty when not converted. */
  originalCurrency: string;
  /** The cost in micro-units of `originalCurrency` (0 when not converted). */
  originalCost: number;
}

/** What attribution needs to apply allocation rules and tags (DESIGN §9.1). */
export interface Allocation {
  policy: AllocationPolicy;
  /** Tags of an entity's `ai-cost/tags` annotation. */
  entityTags(entityRef: string): AllocationTags | undefined;
  /** Whether a split rule's target exists in the catalog. */
  inCatalog(entityRef: string): boolean;
  /** An entity and everything that rolls up to it. */
  subtree(entityRef: string): Iterable<string>;
  /** An entity's own pushed value of a metric that day (micro-units), for metric splits. */
  metricValue(metric: string, date: string, entityRef: string): number;
  /** How many catalog Users name the group in `memberOf`, for members splits. */
  memberCount(groupRef: string): number;
}

/** Unallocated spend of a split rule's targets missing from the catalog. */
export const SPLIT_RULE_DIMENSION = 'splitRule';

/** Amounts of some spend and, when it was converted, its cost in the billed currency. */
type Share = UsageAmounts & { originalCost?: number };

/** Splits every amount into integer parts by weight that sum exactly. */
function splitAmounts(amounts: Share, weights: number[]): Share[] {
  const parts: Share[] = weights.map(emptyAmounts);
  for (const key of AMOUNT_KEYS) {
    allocateMicros(amounts[key], weights).forEach((value, i) => {
      parts[i][key] = value;
    });
  }
  // The original amount splits by the same weights, so its parts sum too.
  if (amounts.originalCost !== undefined) {
    allocateMicros(amounts.originalCost, weights).forEach((value, i) => {
      parts[i].originalCost = value;
    });
  }
  return parts;
}

function amountsOf(group: UsageGroup): Share {
  const amounts: Share = emptyAmounts();
  for (const key of AMOUNT_KEYS) amounts[key] = group[key];
  if (group.originalCurrency) amounts.originalCost = group.originalCost ?? 0;
  return amounts;
}

/** A usage group as allocation rules see it. */
export function allocationRecordOf(group: UsageGroup): AllocationRecord {
  return {
    ...group,
    userId: group.userId ?? null,
    region: group.region ?? null,
    serviceTier: group.serviceTier ?? null,
  };
}

/** JSON with sorted keys, as the tables store allocation tags. */
export function allocationTagsJson(tags: AllocationTags): string {
  // Most spend has no tag or one: nothing to sort.
  if (Object.keys(tags).length < 2) return JSON.stringify(tags);
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  );
}

const NO_TAGS: AllocationTags = {};

/**
 * Attributes summed usage to entities (DESIGN §3, §9.1). A matching split
 * rule takes precedence over claims and divides the spend among its targets
 * (even, fixed weights, proportional to each target's directly claimed
 * spend from the same source that day, or by each target's value of a metric
 * that day: requests or tokens it claimed directly from the same source, or
 * a pushed business metric); otherwise the most specific claims
 * win, equally specific ones splitting evenly. Every micro-unit, token and
 * request of the input ends up either in an attributed row or in an
 * unallocated row: splits use the largest-remainder method, so the parts
 * always add up to the whole. Every row carries its allocation tags.
 */
export function attributeUsage(
  groups: Iterable<UsageGroup>,
  index: ClaimIndex,
  allocation?: Allocation,
): { attributed: AttributedRow[]; unallocated: UnallocatedRow[] } {
  const attributed = new Map<string, AttributedRow>();
  const unallocated = new Map<string, UnallocatedRow>();
  const resolutions = new Map<string, ReturnType<ClaimIndex['resolve']>>();
  /** Directly claimed amounts per day and entity, for proportional and built-in metric splits. */
  const direct = new Map<string, UsageAmounts>();
  const deferred: Array<{ group: UsageGroup; rule: SplitRule }> = [];

  // The group being attributed as allocation rules see it.
  let record: AllocationRecord | undefined;
  let recordOf: UsageGroup | undefined;
  const allocationRecord = (group: UsageGroup) => {
    if (recordOf !== group) {
      record = allocationRecordOf(group);
      recordOf = group;
    }
    return record!;
  };
  const tagsOf = (group: UsageGroup, entityRef?: string) =>
    allocation
      ? allocation.policy.tagsFor(
          allocationRecord(group),
          entityRef ? allocation.entityTags(entityRef) : undefined,
        )
      : NO_TAGS;

  const addAttributed = (
    group: UsageGroup,
    entityRef: string,
    amounts: Share,
    how: { conflict: boolean; rule?: SplitRule },
  ) => {
    const apiKeyId = group.apiKeyId ?? '';
    const allocationTags = tagsOf(group, entityRef);
    const splitRuleId = how.rule?.id ?? '';
    const modelProvider = modelProviderOf(group);
    const category = categoryOf(group);
    const key = [
      entityRef,
      group.date,
      group.sourceId,
      group.provider,
      group.model,
      modelProvider,
      category,
      apiKeyId,
      allocationTagsJson(allocationTags),
      splitRuleId,
      // Spend billed in different currencies stays apart (DESIGN §9.3).
      group.originalCurrency ?? '',
    ].join('\u0000');
    const row = attributed.get(key) ?? {
      ...emptyAmounts(),
      entityRef,
      date: group.date,
      sourceId: group.sourceId,
      provider: group.provider,
      model: group.model,
      modelProvider,
      category,
      apiKeyId,
      conflict: false,
      allocationTags,
      splitRuleId,
      splitMethod: how.rule?.method ?? '',
      originalCurrency: group.originalCurrency ?? '',
      originalCost: 0,
    };
    addAmounts(row, amounts);
    row.originalCost += amounts.originalCost ?? 0;
    row.conflict ||= how.conflict;
    attributed.set(key, row);
  };

  const addUnallocated = (
    group: UsageGroup,
    dimension: string,
    value: string,
    amounts: Share,
  ) => {
    const allocationTags = tagsOf(group);
    const category = categoryOf(group);
    const key = [
      group.date,
      group.sourceId,
      group.provider,
      dimension,
      value,
      group.model,
      category,
      allocationTagsJson(allocationTags),
      group.originalCurrency ?? '',
    ].join('\u0000');
    const row = unallocated.get(key) ?? {
      ...emptyAmounts(),
      date: group.date,
      sourceId: group.sourceId,
      provider: group.provider,
      dimension,
      value,
      model: group.model,
      category,
      allocationTags,
      originalCurrency: group.originalCurrency ?? '',
      originalCost: 0,
    };
    addAmounts(row, amounts);
    row.originalCost += amounts.originalCost ?? 0;
    unallocated.set(key, row);
  };

  for (const group of groups) {
    const rule = allocation?.policy.splitRuleFor(allocationRecord(group));
    if (rule) {
      deferred.push({ group, rule });
      continue;
    }
    const dimensionsKey = JSON.stringify([
      group.provider,
      group.accountId,
      group.projectId,
      group.resourceId,
      group.apiKeyId,
      group.tags,
      group.provider === EXPENSE_PROVIDER ? group.userId ?? null : null,
    ]);
    let resolution = resolutions.get(dimensionsKey);
    if (!resolution) {
      resolution = index.resolve(group);
      resolutions.set(dimensionsKey, resolution);
    }
    const amounts = amountsOf(group);

    if (resolution.kind === 'unallocated') {
      addUnallocated(group, resolution.dimension, resolution.value, amounts);
      continue;
    }

    const { entityRefs } = resolution;
    const shares =
      entityRefs.length === 1
        ? [amounts]
        : splitAmounts(
            amounts,
            entityRefs.map(() => 1),
          );
    entityRefs.forEach((entityRef, i) => {
      addAttributed(group, entityRef, shares[i], {
        // An employee's groups share their expensed spend by design.
        conflict: entityRefs.length > 1 && group.provider !== EXPENSE_PROVIDER,
      });
      const key = `${group.date}\u0000${entityRef}`;
      const sum = direct.get(key) ?? emptyAmounts();
      addAmounts(sum, shares[i]);
      direct.set(key, sum);
    });
  }

  for (const { group, rule } of deferred) {
    // A target's measure covers everything that rolls up to it.
    const ofSubtree = (target: string, measure: (ref: string) => number) => {
      let sum = 0;
      for (const ref of allocation!.subtree(target)) sum += measure(ref);
      return sum;
    };
    const directOf = (ref: string) => direct.get(`${group.date}\u0000${ref}`);
    const measure = (target: string) =>
      rule.method === 'members'
        ? allocation!.memberCount(target)
        : ofSubtree(target, ref => {
            if (rule.method !== 'metric') return directOf(ref)?.cost ?? 0;
            if (rule.metric === 'requests') return directOf(ref)?.requests ?? 0;
            if (rule.metric === 'tokens') {
              const amounts = directOf(ref);
              return amounts ? tokensOf(amounts) : 0;
            }
            return allocation!.metricValue(rule.metric!, group.date, ref);
          });
    const { weights } = splitWeights(rule, measure);
    const parts = splitAmounts(amountsOf(group), weights);
    rule.targets.forEach((target, i) => {
      if (allocation!.inCatalog(target)) {
        addAttributed(group, target, parts[i], { conflict: false, rule });
      } else {
        addUnallocated(group, SPLIT_RULE_DIMENSION, rule.id, parts[i]);
      }
    });
  }

  return {
    attributed: [...attributed.values()],
    unallocated: [...unallocated.values()],
  };
}

/**
 * The provider of a group's model when it differs from the source's: for
 * gateway usage the upstream provider the events named (kept as the line
 * item), as prices know it (`aws.bedrock` → `aws`). Empty otherwise, and
 * when the events named none.
 */
export function modelProviderOf(
  group: Pick<UsageGroup, 'provider' | 'lineItem'>,
): string {
  if (group.provider !== 'gateway' || !group.lineItem) return '';
  const provider = pricingProviderOf(group.lineItem);
  return provider === 'gateway' ? '' : provider.slice(0, 64);
}

/**
 * The spend category of a group: the one its source stated, else what its
 * provider kind (and a gateway's upstream provider) says.
 */
export function categoryOf(
  group: Pick<UsageGroup, 'provider' | 'lineItem' | 'category'>,
): string {
  return (
    group.category || aiSpendCategoryOf(group.provider, modelProviderOf(group))
  );
}

import { allocateMicros } from '@ai-cost/plugin-ai-cost-common';
import type { ClaimIndex, UsageDimensions } from './ClaimIndex';
import {
  AMOUNT_KEYS,
  addAmounts,
  emptyAmounts,
  type UsageAmounts,
} from './usageAmounts';

export type { UsageAmounts } from './usageAmounts';

/** Ingested usage summed per source, day, model and claimable dimensions. */
export interface UsageGroup extends UsageDimensions, UsageAmounts {
  sourceId: string;
  date: string;
  model: string;
}

/** Attributed spend of one entity (one `ai_cost_daily` row). */
export interface AttributedRow extends UsageAmounts {
  entityRef: string;
  date: string;
  sourceId: string;
  provider: string;
  model: string;
  apiKeyId: string;
  /** Split evenly with other equally specific claims. */
  conflict: boolean;
}

/** Unclaimed spend of one provider dimension (one `ai_cost_unallocated_daily` row). */
export interface UnallocatedRow extends UsageAmounts {
  date: string;
  sourceId: string;
  provider: string;
  dimension: string;
  value: string;
  model: string;
}

/** Splits every amount evenly into `n` integer parts that sum exactly. */
function splitEvenly(amounts: UsageAmounts, n: number): UsageAmounts[] {
  const parts = Array.from({ length: n }, emptyAmounts);
  const ones = parts.map(() => 1);
  for (const key of AMOUNT_KEYS) {
    allocateMicros(amounts[key], ones).forEach((value, i) => {
      parts[i][key] = value;
    });
  }
  return parts;
}

function amountsOf(group: UsageGroup): UsageAmounts {
  const amounts = emptyAmounts();
  for (const key of AMOUNT_KEYS) amounts[key] = group[key];
  return amounts;
}

/**
 * Attributes summed usage to entities (DESIGN §3). Every micro-unit, token
 * and request of the input ends up either in an attributed row or in an
 * unallocated row: splits use the largest-remainder method, so the parts of
 * a conflict always add up to the whole.
 */
export function attributeUsage(
  groups: Iterable<UsageGroup>,
  index: ClaimIndex,
): { attributed: AttributedRow[]; unallocated: UnallocatedRow[] } {
  const attributed = new Map<string, AttributedRow>();
  const unallocated = new Map<string, UnallocatedRow>();
  const resolutions = new Map<string, ReturnType<ClaimIndex['resolve']>>();

  for (const group of groups) {
    const dimensionsKey = JSON.stringify([
      group.provider,
      group.accountId,
      group.projectId,
      group.resourceId,
      group.apiKeyId,
      group.tags,
    ]);
    let resolution = resolutions.get(dimensionsKey);
    if (!resolution) {
      resolution = index.resolve(group);
      resolutions.set(dimensionsKey, resolution);
    }
    const amounts = amountsOf(group);

    if (resolution.kind === 'unallocated') {
      const key = [
        group.date,
        group.sourceId,
        group.provider,
        resolution.dimension,
        resolution.value,
        group.model,
      ].join('\u0000');
      const row = unallocated.get(key) ?? {
        ...emptyAmounts(),
        date: group.date,
        sourceId: group.sourceId,
        provider: group.provider,
        dimension: resolution.dimension,
        value: resolution.value,
        model: group.model,
      };
      addAmounts(row, amounts);
      unallocated.set(key, row);
      continue;
    }

    const { entityRefs } = resolution;
    const shares =
      entityRefs.length === 1
        ? [amounts]
        : splitEvenly(amounts, entityRefs.length);
    entityRefs.forEach((entityRef, i) => {
      const apiKeyId = group.apiKeyId ?? '';
      const key = [
        entityRef,
        group.date,
        group.sourceId,
        group.provider,
        group.model,
        apiKeyId,
      ].join('\u0000');
      const row = attributed.get(key) ?? {
        ...emptyAmounts(),
        entityRef,
        date: group.date,
        sourceId: group.sourceId,
        provider: group.provider,
        model: group.model,
        apiKeyId,
        conflict: false,
      };
      addAmounts(row, shares[i]);
      row.conflict ||= entityRefs.length > 1;
      attributed.set(key, row);
    });
  }
  return {
    attributed: [...attributed.values()],
    unallocated: [...unallocated.values()],
  };
}

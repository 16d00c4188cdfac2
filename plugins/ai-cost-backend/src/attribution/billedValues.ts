import { CLAIM_ANNOTATIONS } from '@ai-cost/plugin-ai-cost-common';
import { matchesTagSelector, parseTagSelector } from './claims';

/** Spend of stored usage carrying one id, micro-units. */
export interface BilledId {
  provider: string;
  dimension: 'apiKeyId' | 'projectId' | 'resourceId' | 'accountId';
  value: string;
  cost: number;
  lastSeen: string;
}

/** Spend of stored usage carrying one exact set of tags, micro-units. */
export interface BilledTagSet {
  provider: string;
  tags: Record<string, string>;
  cost: number;
  lastSeen: string;
}

/** What billing carried over a window: the values claims can match. */
export interface BilledValues {
  ids: BilledId[];
  tagSets: BilledTagSet[];
}

/** Reads {@link BilledValues} from stored usage. */
export interface BilledValueReader {
  /** Values seen from `from` (all history when omitted) to `to`, both inclusive. */
  billedValues(options: {
    from?: string;
    to: string;
    provider?: string;
  }): Promise<BilledValues>;
}

/** Spend a claim's value was billed, micro-units, and when it was last seen. */
export interface ClaimSpend {
  cost: number;
  lastSeen: string | null;
}

function later(a: string | null, b: string): string {
  return a !== null && a > b ? a : b;
}

/**
 * The spend of the usage a claim's value matches, whoever it is attributed
 * to: ids exactly, resource ids by prefix (Azure's case-insensitively),
 * tag selectors when a record carries all their pairs.
 */
export function claimSpend(
  claim: { provider: string; dimension: string; value: string },
  billed: BilledValues,
): ClaimSpend {
  const spend: ClaimSpend = { cost: 0, lastSeen: null };
  const add = (item: { cost: number; lastSeen: string }) => {
    spend.cost += item.cost;
    spend.lastSeen = later(spend.lastSeen, item.lastSeen);
  };
  if (claim.dimension === 'tag') {
    const pairs = parseTagSelector(claim.value);
    for (const set of billed.tagSets) {
      if (
        set.provider === claim.provider &&
        matchesTagSelector(pairs, set.tags)
      ) {
        add(set);
      }
    }
    return spend;
  }
  const ignoreCase = CLAIM_ANNOTATIONS.some(
    a =>
      a.provider === claim.provider &&
      a.dimension === claim.dimension &&
      a.ignoreCase === true,
  );
  const matches = (value: string) => {
    const id = ignoreCase ? value.toLocaleLowerCase('en-US') : value;
    return claim.dimension === 'resourceId'
      ? id.startsWith(claim.value)
      : id === claim.value;
  };
  for (const id of billed.ids) {
    if (
      id.provider === claim.provider &&
      id.dimension === claim.dimension &&
      matches(id.value)
    ) {
      add(id);
    }
  }
  return spend;
}

/**
 * Every value billing carried, tags as single `key=value` pairs, summed
 * per provider, dimension and value.
 */
export function distinctBilledValues(
  billed: BilledValues,
): Array<
  Omit<BilledId, 'dimension'> & { dimension: BilledId['dimension'] | 'tag' }
> {
  const byKey = new Map<
    string,
    Omit<BilledId, 'dimension'> & { dimension: BilledId['dimension'] | 'tag' }
  >();
  const add = (
    provider: string,
    dimension: BilledId['dimension'] | 'tag',
    value: string,
    item: { cost: number; lastSeen: string },
  ) => {
    const key = `${provider}\u0000${dimension}\u0000${value}`;
    const entry = byKey.get(key);
    if (entry) {
      entry.cost += item.cost;
      entry.lastSeen = later(entry.lastSeen, item.lastSeen);
    } else {
      byKey.set(key, {
        provider,
        dimension,
        value,
        cost: item.cost,
        lastSeen: item.lastSeen,
      });
    }
  };
  for (const id of billed.ids) {
    add(id.provider, id.dimension, id.value, id);
  }
  for (const set of billed.tagSets) {
    for (const [key, value] of Object.entries(set.tags)) {
      add(set.provider, 'tag', `${key}=${value}`, set);
    }
  }
  return [...byKey.values()];
}

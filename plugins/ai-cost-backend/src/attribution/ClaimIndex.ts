import { CLAIM_ANNOTATIONS } from '@ai-cost/plugin-ai-cost-common';
import { EXPENSE_PROVIDER } from '../expenses/aiVendors';
import {
  compareCodeUnits,
  matchesTagSelector,
  parseTagSelector,
  type Claim,
} from './claims';

/** The dimensions of a usage record that claims can match. */
export interface UsageDimensions {
  provider: string;
  accountId: string | null;
  projectId: string | null;
  resourceId: string | null;
  apiKeyId: string | null;
  /** The employee of expensed spend (provider `expense`); absent elsewhere. */
  userId?: string | null;
  tags: Record<string, string> | null;
}

/** Who gets a usage record. */
export type ClaimResolution =
  | {
      kind: 'claimed';
      /** Sorted; more than one means an even split (a conflict). */
      entityRefs: string[];
      specificity: number;
    }
  | {
      kind: 'unallocated';
      /** The dimension someone should claim, e.g. `projectId`. */
      dimension: string;
      value: string;
    };

/** A value claimed equally specifically by several entities. */
export type ClaimConflict = {
  provider: string;
  dimension: string;
  value: string;
  entityRefs: string[];
};

interface ProviderClaims {
  apiKeyId: Map<string, Set<string>>;
  /** Employees (expense): e-mail addresses and user refs, lower-case. */
  userId: Map<string, Set<string>>;
  projectId: Map<string, Set<string>>;
  accountId: Map<string, Set<string>>;
  /** Resource id prefixes, longest first. */
  resourceId: Array<{ prefix: string; entityRefs: Set<string> }>;
  /** Whether resource ids compare case-insensitively (claims are stored lower-case). */
  resourceIdIgnoresCase: boolean;
  tag: Array<{
    pairs: Array<{ key: string; value: string }>;
    entityRef: string;
  }>;
}

/** Dimensions an unallocated record is reported under, most useful first. */
const UNALLOCATED_ORDER = [
  'projectId',
  'apiKeyId',
  'resourceId',
  'accountId',
] as const;

const unallocatedOrders = new Map<
  string,
  ReadonlyArray<(typeof UNALLOCATED_ORDER)[number]>
>();

/**
 * {@link UNALLOCATED_ORDER} for one provider: the dimensions its annotations
 * can claim first, in order, then the others. Computed once per provider,
 * not per unclaimed record.
 */
function unallocatedOrder(
  provider: string,
): ReadonlyArray<(typeof UNALLOCATED_ORDER)[number]> {
  let order = unallocatedOrders.get(provider);
  if (!order) {
    const claimable = new Set<string>(
      CLAIM_ANNOTATIONS.filter(a => a.provider === provider).map(
        a => a.dimension,
      ),
    );
    order = [
      ...UNALLOCATED_ORDER.filter(d => claimable.has(d)),
      ...UNALLOCATED_ORDER.filter(d => !claimable.has(d)),
    ];
    unallocatedOrders.set(provider, order);
  }
  return order;
}

function addTo(map: Map<string, Set<string>>, key: string, entityRef: string) {
  const set = map.get(key) ?? new Set<string>();
  set.add(entityRef);
  map.set(key, set);
}

/**
 * Resolves usage records to the entities that claim them (DESIGN §3):
 * the most specific matching claim wins (api key > project / workspace /
 * resource > account / tags); equally specific claims of several entities
 * split the record evenly. Resource ids match by prefix, the longest prefix
 * winning (Azure's case-insensitively, AWS ARNs case-sensitively); tag selectors match records carrying all their pairs.
 */
export class ClaimIndex {
  readonly #byProvider = new Map<string, ProviderClaims>();
  readonly #claims: Claim[];
  #conflicts: ClaimConflict[] | undefined;

  constructor(claims: Claim[]) {
    this.#claims = claims;
    const prefixes = new Map<string, Map<string, Set<string>>>();
    for (const claim of claims) {
      const p = this.#forProvider(claim.provider);
      if (claim.dimension === 'tag') {
        p.tag.push({
          pairs: parseTagSelector(claim.value),
          entityRef: claim.entityRef,
        });
      } else if (claim.dimension === 'resourceId') {
        const byPrefix = prefixes.get(claim.provider) ?? new Map();
        addTo(byPrefix, claim.value, claim.entityRef);
        prefixes.set(claim.provider, byPrefix);
      } else {
        addTo(p[claim.dimension], claim.value, claim.entityRef);
      }
    }
    for (const [provider, byPrefix] of prefixes) {
      this.#forProvider(provider).resourceId = [...byPrefix]
        .map(([prefix, entityRefs]) => ({ prefix, entityRefs }))
        .sort((a, b) => b.prefix.length - a.prefix.length);
    }
  }

  #forProvider(provider: string): ProviderClaims {
    let p = this.#byProvider.get(provider);
    if (!p) {
      p = {
        apiKeyId: new Map(),
        userId: new Map(),
        projectId: new Map(),
        accountId: new Map(),
        resourceId: [],
        resourceIdIgnoresCase: CLAIM_ANNOTATIONS.some(
          a =>
            a.provider === provider &&
            a.dimension === 'resourceId' &&
            a.ignoreCase === true,
        ),
        tag: [],
      };
      this.#byProvider.set(provider, p);
    }
    return p;
  }

  resolve(usage: UsageDimensions): ClaimResolution {
    const p = this.#byProvider.get(usage.provider);
    if (p) {
      const levels: Array<[number, Set<string>]> = [
        [
          3,
          new Set([
            ...this.#matchKey(p.apiKeyId, usage.apiKeyId),
            ...this.#matchKey(
              p.userId,
              usage.userId?.toLocaleLowerCase('en-US') ?? null,
            ),
          ]),
        ],
        [
          2,
          new Set([
            ...this.#matchKey(p.projectId, usage.projectId),
            ...this.#matchPrefix(p, usage.resourceId),
          ]),
        ],
        [
          1,
          new Set([
            ...this.#matchKey(p.accountId, usage.accountId),
            ...this.#matchTags(p.tag, usage.tags),
          ]),
        ],
      ];
      for (const [specificity, entityRefs] of levels) {
        if (entityRefs.size > 0) {
          return {
            kind: 'claimed',
            entityRefs: [...entityRefs].sort(),
            specificity,
          };
        }
      }
    }
    return this.#unallocated(usage);
  }

  /**
   * Every value several entities claim at the same specificity (computed
   * once). Expensed spend is left out: an employee in several groups is
   * claimed by each of them by design (their spend splits evenly), not a
   * conflict anyone should fix.
   */
  conflicts(): ClaimConflict[] {
    this.#conflicts ??= this.#findConflicts();
    return this.#conflicts;
  }

  #findConflicts(): ClaimConflict[] {
    const byValue = new Map<string, ClaimConflict>();
    for (const claim of this.#claims) {
      if (claim.provider === EXPENSE_PROVIDER) continue;
      const key = `${claim.provider}\u0000${claim.dimension}\u0000${claim.value}`;
      const entry = byValue.get(key) ?? {
        provider: claim.provider,
        dimension: claim.dimension,
        value: claim.value,
        entityRefs: [],
      };
      if (!entry.entityRefs.includes(claim.entityRef)) {
        entry.entityRefs.push(claim.entityRef);
      }
      byValue.set(key, entry);
    }
    return [...byValue.values()]
      .filter(c => c.entityRefs.length > 1)
      .map(c => ({ ...c, entityRefs: c.entityRefs.sort() }))
      .sort(
        (a, b) =>
          a.provider.localeCompare(b.provider) ||
          a.dimension.localeCompare(b.dimension) ||
          a.value.localeCompare(b.value),
      );
  }

  #matchKey(map: Map<string, Set<string>>, value: string | null): Set<string> {
    return (value !== null && map.get(value)) || new Set();
  }

  #matchPrefix(claims: ProviderClaims, resourceId: string | null): Set<string> {
    if (!resourceId) return new Set();
    const prefixes = claims.resourceId;
    const id = claims.resourceIdIgnoresCase
      ? resourceId.toLocaleLowerCase('en-US')
      : resourceId;
    const longest = prefixes.find(p => id.startsWith(p.prefix));
    if (!longest) return new Set();
    const refs = new Set<string>();
    for (const p of prefixes) {
      if (
        p.prefix.length === longest.prefix.length &&
        id.startsWith(p.prefix)
      ) {
        p.entityRefs.forEach(ref => refs.add(ref));
      }
    }
    return refs;
  }

  #matchTags(
    selectors: ProviderClaims['tag'],
    tags: Record<string, string> | null,
  ): Set<string> {
    const refs = new Set<string>();
    if (!tags) return refs;
    for (const selector of selectors) {
      if (matchesTagSelector(selector.pairs, tags)) {
        refs.add(selector.entityRef);
      }
    }
    return refs;
  }

  /**
   * The dimension unclaimed usage is reported under: the first one of
   * {@link UNALLOCATED_ORDER} an annotation of its provider can claim (an
   * unlabelled Kubernetes workload under its namespace, not its
   * unclaimable workload id), else the first it has.
   */
  #unallocated(usage: UsageDimensions): ClaimResolution {
    for (const dimension of unallocatedOrder(usage.provider)) {
      const value = usage[dimension];
      if (value) {
        return { kind: 'unallocated', dimension, value };
      }
    }
    // Expensed spend of an employee the catalog does not know. Other
    // providers' users (allocation rules may group by them) are not a
    // dimension claims match, so they are not reported under it.
    if (usage.provider === EXPENSE_PROVIDER && usage.userId) {
      return { kind: 'unallocated', dimension: 'userId', value: usage.userId };
    }
    const tags = Object.entries(usage.tags ?? {}).sort(([a], [b]) =>
      compareCodeUnits(a, b),
    );
    if (tags.length > 0) {
      return {
        kind: 'unallocated',
        dimension: 'tag',
        value: `${tags[0][0]}=${tags[0][1]}`,
      };
    }
    return { kind: 'unallocated', dimension: 'none', value: '' };
  }
}

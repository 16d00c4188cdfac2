import { allocationMatchKeys } from '@ai-cost/plugin-ai-cost-common';
import { matchesRule } from './matchRule';
import type {
  AllocationRecord,
  AllocationRule,
  AllocationSettings,
  MatchKey,
  SplitRule,
  VirtualTagRule,
} from './types';

const TAG_PREFIX = 'tags.';

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/** A provider tag: the exact key, else the same key in another case (AWS `Environment`). */
function providerTag(
  tags: Record<string, string> | null,
  key: string,
): string | undefined {
  if (!tags) return undefined;
  if (tags[key] !== undefined) return tags[key];
  const found = Object.keys(tags).find(k => lower(k) === key);
  return found === undefined ? undefined : tags[found];
}

/**
 * The allocation rules in force (portal rules, then config rules, each in
 * order) and what they decide for one group of usage: its allocation tags
 * and the split rule that claims it.
 */
export class AllocationPolicy {
  readonly tagKeys: string[];
  readonly #rules: AllocationRule[];
  readonly #virtualTags: Map<string, VirtualTagRule[]>;
  readonly #splitRules: SplitRule[];
  /** tag → lower-case spelling → canonical value. */
  readonly #spellings: Map<string, Map<string, string>>;

  constructor(
    settings: AllocationSettings,
    portalRules: AllocationRule[] = [],
  ) {
    this.tagKeys = settings.tagKeys;
    this.#rules = [...portalRules, ...settings.rules];
    this.#virtualTags = new Map(
      this.tagKeys.map(tag => [
        tag,
        this.#rules.filter(
          (r): r is VirtualTagRule => r.kind === 'virtualTag' && r.tag === tag,
        ),
      ]),
    );
    this.#splitRules = this.#rules.filter(
      (r): r is SplitRule => r.kind === 'split',
    );
    this.#spellings = new Map(
      Object.entries(settings.normalize).map(([tag, values]) => {
        const spellings = new Map<string, string>();
        for (const [canonical, synonyms] of Object.entries(values)) {
          for (const word of [canonical, ...synonyms]) {
            spellings.set(lower(word.trim()), canonical);
          }
        }
        return [tag, spellings];
      }),
    );
  }

  /** Every rule: portal rules first, then config rules, each in order. */
  rules(): AllocationRule[] {
    return [...this.#rules];
  }

  /** Trims; a known spelling (any case) becomes its canonical value, others stay as written. */
  normalize(tag: string, value: string): string {
    const trimmed = value.trim();
    return this.#spellings.get(tag)?.get(lower(trimmed)) ?? trimmed;
  }

  /**
   * One value per allocation tag, from the first of: a matching virtual-tag
   * rule (one whose `valueFrom` tag the record lacks gives nothing), the
   * record's own provider tag, the claiming entity's `ai-cost/tags`; all
   * normalized. Tags without a value are left out; keys in tagKeys order.
   */
  tagsFor(
    record: AllocationRecord,
    entityTags?: Record<string, string>,
  ): Record<string, string> {
    const result: Record<string, string> = {};
    for (const tag of this.tagKeys) {
      const value = this.#tagValue(tag, record, entityTags);
      if (value !== undefined) result[tag] = value;
    }
    return result;
  }

  #tagValue(
    tag: string,
    record: AllocationRecord,
    entityTags?: Record<string, string>,
  ): string | undefined {
    const clean = (value: string | undefined) =>
      value === undefined ? '' : this.normalize(tag, value);
    for (const rule of this.#virtualTags.get(tag) ?? []) {
      if (!matchesRule(rule.match, record)) continue;
      const value = clean(
        rule.value ?? record.tags?.[rule.valueFrom!.slice(TAG_PREFIX.length)],
      );
      if (value) return value;
    }
    return (
      clean(providerTag(record.tags, tag)) ||
      clean(entityTags?.[tag]) ||
      undefined
    );
  }

  /** The first split rule (portal, then config) that matches the record. */
  splitRuleFor(record: AllocationRecord): SplitRule | undefined {
    return this.#splitRules.find(rule => matchesRule(rule.match, record));
  }

  /**
   * The split rule that takes all spend of a claimed id (one whose match
   * names only the provider and that id's dimension); tag selectors aside.
   */
  splitRuleForClaim(claim: {
    provider: string;
    dimension: string;
    value: string;
  }): SplitRule | undefined {
    if (claim.dimension === 'tag') return undefined;
    const record: AllocationRecord = {
      sourceId: '',
      provider: claim.provider,
      accountId: null,
      projectId: null,
      resourceId: null,
      apiKeyId: null,
      userId: null,
      region: null,
      serviceTier: null,
      model: '',
      tags: null,
      [claim.dimension]: claim.value,
    };
    return this.#splitRules.find(
      rule =>
        Object.keys(rule.match).every(
          key => key === 'provider' || key === claim.dimension,
        ) && matchesRule(rule.match, record),
    );
  }

  /** The usage dimensions any rule matches on (`tags.<key>` aside). */
  matchDimensions(): Set<MatchKey> {
    const keys = this.#rules.flatMap(rule => Object.keys(rule.match));
    return new Set(allocationMatchKeys.filter(key => keys.includes(key)));
  }
}

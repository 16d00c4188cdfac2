import {
  allocationRecordOf,
  attributeUsage,
  type Allocation,
  type UsageGroup,
} from '../attribution/attributeUsage';
import type { ClaimIndex } from '../attribution/ClaimIndex';
import { matchesRule } from './matchRule';
import type { AllocationRule } from './types';

/** Spend that a rule would move from one place to another, micro-units. */
export interface RuleMove {
  /** An entity ref (split rules) or tag value (virtual tags); null: unallocated / no value. */
  from: string | null;
  to: string | null;
  cost: number;
}

/** Where spend lands: per entity (null: unallocated), or per value of one tag. */
function destinations(
  groups: UsageGroup[],
  claims: ClaimIndex,
  allocation: Allocation,
  tag: string | undefined,
): Map<string | null, number> {
  const totals = new Map<string | null, number>();
  const add = (key: string | null, cost: number) =>
    totals.set(key, (totals.get(key) ?? 0) + cost);
  // Attribution runs per source, as re-attribution does: proportional splits
  // weigh targets by their spend from the same source.
  const bySource = new Map<string, UsageGroup[]>();
  for (const group of groups) {
    const list = bySource.get(group.sourceId) ?? [];
    list.push(group);
    bySource.set(group.sourceId, list);
  }
  for (const sourceGroups of bySource.values()) {
    const { attributed, unallocated } = attributeUsage(
      sourceGroups,
      claims,
      allocation,
    );
    for (const row of attributed) {
      add(tag ? row.allocationTags[tag] ?? null : row.entityRef, row.cost);
    }
    for (const row of unallocated) {
      add(tag ? row.allocationTags[tag] ?? null : null, row.cost);
    }
  }
  return totals;
}

/** Pairs what some destinations lose with what others gain, largest first. */
function pairMoves(
  before: Map<string | null, number>,
  after: Map<string | null, number>,
): RuleMove[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const deltas = [...keys].map(key => ({
    key,
    delta: (after.get(key) ?? 0) - (before.get(key) ?? 0),
  }));
  const order = (a: { key: string | null }, b: { key: string | null }) =>
    String(a.key).localeCompare(String(b.key));
  const losers = deltas
    .filter(d => d.delta < 0)
    .map(d => ({ key: d.key, left: -d.delta }))
    .sort((a, b) => b.left - a.left || order(a, b));
  const gainers = deltas
    .filter(d => d.delta > 0)
    .map(d => ({ key: d.key, left: d.delta }))
    .sort((a, b) => b.left - a.left || order(a, b));
  const moves = new Map<string, RuleMove>();
  let i = 0;
  let j = 0;
  while (i < losers.length && j < gainers.length) {
    const cost = Math.min(losers[i].left, gainers[j].left);
    const id = JSON.stringify([losers[i].key, gainers[j].key]);
    const move = moves.get(id) ?? {
      from: losers[i].key,
      to: gainers[j].key,
      cost: 0,
    };
    move.cost += cost;
    moves.set(id, move);
    losers[i].left -= cost;
    gainers[j].left -= cost;
    if (losers[i].left === 0) i++;
    if (gainers[j].left === 0) j++;
  }
  return [...moves.values()].sort((a, b) => b.cost - a.cost);
}

/** The cost of the usage a rule matches, micro-units. */
export function matchedCost(
  rule: AllocationRule,
  groups: UsageGroup[],
): number {
  return groups
    .filter(group => matchesRule(rule.match, allocationRecordOf(group)))
    .reduce((sum, group) => sum + group.cost, 0);
}

/**
 * What a candidate rule would do to some usage, nothing saved (DESIGN §9.1
 * `POST /allocation/rules/preview`): the spend it matches and the net moves
 * between entities (a split rule) or tag values (a virtual tag) when the
 * rules in force (`before`) become the rules with it (`after`). Attribution
 * runs exactly as re-attribution will once the rule is saved.
 */
export function previewRule(options: {
  rule: AllocationRule;
  groups: UsageGroup[];
  claims: ClaimIndex;
  before: Allocation;
  after: Allocation;
}): { matchedCost: number; moves: RuleMove[] } {
  const { rule, groups, claims } = options;
  const tag = rule.kind === 'virtualTag' ? rule.tag : undefined;
  return {
    matchedCost: matchedCost(rule, groups),
    moves: pairMoves(
      destinations(groups, claims, options.before, tag),
      destinations(groups, claims, options.after, tag),
    ),
  };
}

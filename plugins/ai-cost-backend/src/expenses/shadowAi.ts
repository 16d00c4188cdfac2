import { parseListAnnotation } from '@ai-cost/plugin-ai-cost-common';
import type { ExpenseSpend } from '../database/ExpenseStore';
import type { VendorMatcher } from './aiVendors';

/** A vendor's expensed AI spend in a window; money in micro-units. */
export interface ShadowAiVendor {
  vendor: string;
  /** Attributed plus unallocated. */
  cost: number;
  /** Of `cost`, what no catalog entity was found for (unknown employees). */
  unallocated: number;
  /** Distinct employees (e-mail or user ref) who expensed it. */
  users: number;
  /** The entities its spend was attributed to, most spend first. */
  groups: string[];
  approved: boolean;
  /** The entities whose `ai-cost/vendor` annotation names it. */
  approvedBy: string[];
  /** The first day it was ever expensed, in any window. */
  firstSeen: string;
}

/** Expensed AI spend split into approved and shadow; money in micro-units. */
export interface ShadowAiReport {
  total: number;
  approved: number;
  shadow: number;
  /** Most spend first, then by name. */
  vendors: ShadowAiVendor[];
}

/**
 * Which vendors catalog entities approve: each entity's raw
 * `ai-cost/vendor` annotation (`OpenAI, Cursor`), every name matched through
 * the vendor aliases (`ChatGPT` approves OpenAI) or, when it is no known AI
 * vendor, taken as written. Keys are lower-case vendor names; values the
 * approving entity refs, sorted.
 */
export function approvedVendors(
  declarations: Iterable<{ entityRef: string; vendors: string }>,
  matcher: Pick<VendorMatcher, 'match'>,
): Map<string, string[]> {
  const approved = new Map<string, Set<string>>();
  for (const { entityRef, vendors } of declarations) {
    for (const name of parseListAnnotation(vendors)) {
      const vendor = (matcher.match(name) ?? name).toLocaleLowerCase('en-US');
      const refs = approved.get(vendor) ?? new Set<string>();
      refs.add(entityRef);
      approved.set(vendor, refs);
    }
  }
  return new Map(
    [...approved].map(([vendor, refs]) => [vendor, [...refs].sort()]),
  );
}

/**
 * The shadow-AI report of a window (DESIGN §9.3): expensed spend per vendor
 * (attributed plus unallocated, so nothing expensed is dropped), who spent
 * it, and whether a catalog entity approves the vendor. `approved` and
 * `shadow` add up to `total` to the micro-unit, as the vendors' costs do.
 */
export function shadowAiReport(
  spend: ExpenseSpend,
  approvals: Map<string, string[]>,
): ShadowAiReport {
  const vendors = new Map<
    string,
    {
      cost: number;
      unallocated: number;
      byEntity: Map<string, number>;
      users: Set<string>;
    }
  >();
  const entry = (vendor: string) => {
    let v = vendors.get(vendor);
    if (!v) {
      v = { cost: 0, unallocated: 0, byEntity: new Map(), users: new Set() };
      vendors.set(vendor, v);
    }
    return v;
  };
  for (const row of spend.attributed) {
    const v = entry(row.vendor);
    v.cost += row.cost;
    v.byEntity.set(
      row.entityRef,
      (v.byEntity.get(row.entityRef) ?? 0) + row.cost,
    );
  }
  for (const row of spend.unallocated) {
    const v = entry(row.vendor);
    v.cost += row.cost;
    v.unallocated += row.cost;
  }
  for (const row of spend.users) {
    vendors.get(row.vendor)?.users.add(row.userId);
  }
  const firstSeen = new Map(spend.firstSeen.map(f => [f.vendor, f.date]));

  let total = 0;
  let approved = 0;
  const list: ShadowAiVendor[] = [];
  for (const [vendor, v] of vendors) {
    const approvedBy = approvals.get(vendor.toLocaleLowerCase('en-US')) ?? [];
    total += v.cost;
    if (approvedBy.length > 0) approved += v.cost;
    list.push({
      vendor,
      cost: v.cost,
      unallocated: v.unallocated,
      users: v.users.size,
      groups: [...v.byEntity]
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .map(([ref]) => ref),
      approved: approvedBy.length > 0,
      approvedBy,
      firstSeen: firstSeen.get(vendor) ?? '',
    });
  }
  list.sort(
    (a, b) =>
      Math.abs(b.cost) - Math.abs(a.cost) || a.vendor.localeCompare(b.vendor),
  );
  return { total, approved, shadow: total - approved, vendors: list };
}

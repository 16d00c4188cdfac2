import type { SplitRuleInput, VirtualTagRuleInput } from './allocation';

/** What every allocation rule of `GET /allocation/rules` carries besides its body. @public */
export type AllocationRuleState = {
  id: string;
  /** `config` rules come from app-config; `portal` rules are managed here and apply first. */
  source: 'config' | 'portal';
  /** Spend the rule matches over the window of the response. */
  matchedCost: number;
  /** Why the rule cannot do all it says, e.g. a target missing from the catalog. */
  problems: string[];
  updatedBy?: string;
  updatedAt?: string;
};

/** A virtual-tag rule as `GET /allocation/rules` lists it. @public */
export type VirtualTagRuleView = Omit<VirtualTagRuleInput, 'id' | 'kind'> &
  AllocationRuleState & { kind: 'virtualTag' };

/** A split rule as `GET /allocation/rules` lists it. @public */
export type SplitRuleView = Omit<SplitRuleInput, 'id' | 'kind'> &
  AllocationRuleState & { kind: 'split' };

/** Response of `GET /allocation/rules` (DESIGN §9.1), rules in the order they apply. @public */
export type AllocationRulesResponse = {
  currency: string;
  /** The window of `matchedCost`: the last 30 days. */
  from: string;
  to: string;
  /** The allocation tags rules can set. */
  tags: string[];
  virtualTags: VirtualTagRuleView[];
  splitRules: SplitRuleView[];
};

/** Response of `POST /allocation/rules/preview`: nothing is saved. @public */
export type AllocationRulePreview = {
  currency: string;
  from: string;
  to: string;
  /** Spend the candidate rule matches. */
  matchedCost: number;
  /**
   * Net spend that moves once the rule is saved: between entities (split
   * rules; null is unallocated) or tag values (virtual tags; null is no value).
   */
  moves: Array<{ from: string | null; to: string | null; cost: number }>;
};

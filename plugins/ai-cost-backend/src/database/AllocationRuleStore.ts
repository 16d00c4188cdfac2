import type { AllocationRule } from '../allocation';

/** A portal-managed allocation rule as stored, with who changed it last. */
export interface StoredAllocationRule {
  rule: AllocationRule;
  updatedBy: string;
  updatedAt: string;
}

/** Virtual-tag and split rules managed in the portal (DESIGN §9.1). */
export interface AllocationRuleStore {
  /** Every portal rule, in the order they apply. */
  list(): Promise<StoredAllocationRule[]>;
  /** Creates a rule at the end of the order, or replaces it in place. */
  put(
    rule: AllocationRule,
    updatedBy: string,
    at: Date,
  ): Promise<{ created: boolean; previous?: AllocationRule }>;
  /** The rule that was removed, if there was one. */
  delete(id: string): Promise<AllocationRule | undefined>;
}

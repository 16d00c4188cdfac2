import type {
  BudgetPeriod,
  BudgetRequestStatus,
} from '@ai-cost/plugin-ai-cost-common';

/** A budget request as stored, money in micro-units. */
export interface StoredBudgetRequest {
  id: string;
  entityRef: string;
  amountMicros: number;
  currency: string;
  period: BudgetPeriod;
  scope: string | null;
  businessCase: string | null;
  status: BudgetRequestStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  autoApproved: boolean;
}

/** How a pending request was decided. */
export interface BudgetRequestDecision {
  status: 'approved' | 'rejected';
  decidedBy: string;
  decidedAt: string;
  comment: string | null;
  autoApproved: boolean;
}

/** Persistence of budget requests and their decisions. */
export interface BudgetRequestStore {
  /** Stores a new request; one with the same id is left as it is (returns false). */
  createRequest(request: StoredBudgetRequest): Promise<boolean>;
  getRequest(id: string): Promise<StoredBudgetRequest | undefined>;
  /** Requests, newest first, optionally of one status and entity. */
  listRequests(filter: {
    status?: BudgetRequestStatus;
    entityRef?: string;
  }): Promise<StoredBudgetRequest[]>;
  /**
   * Decides a request that is still pending; undefined when it is not
   * (someone decided it first), so only one decision ever wins.
   */
  decideRequest(
    id: string,
    decision: BudgetRequestDecision,
  ): Promise<StoredBudgetRequest | undefined>;
  /** Puts a decided request back to pending (its decision could not be applied). */
  reopenRequest(id: string): Promise<void>;
}

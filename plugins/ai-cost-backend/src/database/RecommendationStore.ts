import type {
  Page,
  Recommendation,
  RecommendationRule,
} from '@ai-cost/plugin-ai-cost-common';

/** A recommendation as a rule computes it; money in micro-units. */
export interface DetectedRecommendation {
  /** Empty for org-level findings (ownerless spend). */
  entityRef: string;
  rule: RecommendationRule;
  /** What it is about, stable across runs, e.g. `openai/gpt-4o`. */
  fingerprint: string;
  title: string;
  description: string;
  /** The numbers that triggered it; money in currency units. */
  evidence: Record<string, string | number>;
  /** Per 30 days, in micro-units. */
  estimatedMonthlySavings: number;
  confidence: Recommendation['confidence'];
}

export type RecommendationStatus = Recommendation['status'];

/** A stored recommendation with the decision on it. */
export interface StoredRecommendation extends DetectedRecommendation {
  id: string;
  status: RecommendationStatus;
  /** Last snoozed day `YYYY-MM-DD`; it reopens the day after. */
  snoozedUntil: string | null;
  /** Who took the last decision (dismiss, snooze, reopen), and why. */
  decidedBy: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  /** A decided finding that no longer triggers; hidden from lists. */
  staleSince: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A decision on a recommendation. */
export type RecommendationDecision = {
  by: string;
  at: Date;
} & (
  | { status: 'dismissed'; reason: string }
  | { status: 'snoozed'; until: string; reason: string | null }
  | { status: 'open'; reason: null }
);

/** What one evaluation changed. */
export interface RecommendationSyncResult {
  created: number;
  updated: number;
  /** Undecided findings that no longer trigger, deleted. */
  removed: number;
  /** Decided findings that no longer trigger, kept hidden. */
  stale: number;
}

/** Persistence of recommendations and the decisions on them. */
export interface RecommendationStore {
  /**
   * Stores the complete result of one evaluation, keyed by entity, rule and
   * fingerprint: new findings open; known ones get the new figures and text
   * while their status and decision stay; findings missing from `findings`
   * are deleted when open, marked stale when dismissed or snoozed (and
   * deleted after `staleRetentionDays`). Expired snoozes reopen first.
   */
  syncRecommendations(
    findings: DetectedRecommendation[],
    options: { now: Date; staleRetentionDays: number },
  ): Promise<RecommendationSyncResult>;
  getRecommendation(id: string): Promise<StoredRecommendation | undefined>;
  /**
   * One page of the recommendations that are not stale, largest saving
   * first: `limit` items after `cursor` (the `nextCursor` of the previous page).
   */
  listRecommendations(options: {
    /** All entities, org-level items (entity '') included, when omitted. */
    entityRefs?: string[];
    status?: RecommendationStatus;
    limit: number;
    cursor?: string;
  }): Promise<Page<StoredRecommendation>>;
  /** Sum of the estimated monthly savings of the open, not stale recommendations, in micro-units. */
  openSavings(options: {
    /** All entities, org-level items included, when omitted. */
    entityRefs?: string[];
  }): Promise<number>;
  /** How many recommendations are open (and not stale). */
  countOpen(): Promise<number>;
  decide(
    id: string,
    decision: RecommendationDecision,
  ): Promise<StoredRecommendation | undefined>;
  /** Reopens every snooze whose last day is before `now`'s day; returns how many. */
  reopenExpiredSnoozes(now: Date): Promise<number>;
}

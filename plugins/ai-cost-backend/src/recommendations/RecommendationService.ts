import { InputError, NotFoundError } from '@backstage/errors';
import {
  dayOf,
  isIsoDay,
  microsToNumber,
  type Recommendation,
  type RecommendationsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type {
  RecommendationDecision,
  RecommendationStatus,
  RecommendationStore,
  StoredRecommendation,
} from '../database';
import type { WriteAuditor } from '../audit/WriteAuditor';

/** A decision as the API takes it. */
export type RecommendationAction =
  | { action: 'dismiss'; reason: string }
  | { action: 'snooze'; until: string; reason?: string }
  | { action: 'reopen' };

/**
 * The window a finding's figures cover, as its rule recorded it in the
 * evidence: `windowFrom`/`windowTo`, or `recentFrom`/`recentTo` for output
 * length (whose `historyFrom`/`historyTo` is only the baseline).
 */
export function evidenceWindow(
  evidence: Record<string, string | number>,
): { from: string; to: string } | null {
  for (const [from, to] of [
    ['windowFrom', 'windowTo'],
    ['recentFrom', 'recentTo'],
  ]) {
    const first = evidence[from];
    const last = evidence[to];
    if (
      typeof first === 'string' &&
      typeof last === 'string' &&
      isIsoDay(first) &&
      isIsoDay(last)
    ) {
      return { from: first, to: last };
    }
  }
  return null;
}

/** A recommendation as the API shows it: money in currency units. */
export function toApiRecommendation(
  stored: StoredRecommendation,
  currency: string,
): Recommendation {
  return {
    id: stored.id,
    entityRef: stored.entityRef,
    rule: stored.rule,
    title: stored.title,
    description: stored.description,
    evidence: stored.evidence,
    estimatedMonthlySavings: microsToNumber(stored.estimatedMonthlySavings),
    window: evidenceWindow(stored.evidence),
    currency,
    confidence: stored.confidence,
    status: stored.status,
    snoozedUntil: stored.snoozedUntil,
    decidedBy: stored.decidedBy,
    decisionReason: stored.decisionReason,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

/**
 * Reading recommendations and deciding on them: dismiss (with a reason),
 * snooze until a day (it reopens the day after), reopen. Every decision
 * records who and why, and is audited.
 */
export class RecommendationService {
  constructor(
    private readonly options: {
      store: RecommendationStore;
      currency: string;
      now?: () => Date;
    },
  ) {}

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * One page of the recommendations of some entities (all, org-level
   * included, when omitted), with the open savings of every page.
   */
  async list(options: {
    entityRefs?: string[];
    status?: RecommendationStatus;
    limit: number;
    cursor?: string;
  }): Promise<RecommendationsResponse> {
    const { store, currency } = this.options;
    await store.reopenExpiredSnoozes(this.#now());
    const page = await store.listRecommendations(options);
    const total =
      options.status === undefined || options.status === 'open'
        ? await store.openSavings({ entityRefs: options.entityRefs })
        : 0;
    return {
      currency,
      totalEstimatedMonthlySavings: microsToNumber(total),
      items: page.items.map(r => toApiRecommendation(r, currency)),
      nextCursor: page.nextCursor,
    };
  }

  /** One recommendation, with an expired snooze already reopened. */
  async get(id: string): Promise<StoredRecommendation> {
    await this.options.store.reopenExpiredSnoozes(this.#now());
    const found = await this.options.store.getRecommendation(id);
    if (!found) throw new NotFoundError(`No recommendation with id ${id}`);
    return found;
  }

  /** Dismisses, snoozes or reopens a recommendation on behalf of `principal`. */
  async decide(options: {
    recommendation: StoredRecommendation;
    action: RecommendationAction;
    /** Who decides, e.g. `user:default/alice`. */
    principal: string;
    audit: WriteAuditor;
  }): Promise<Recommendation> {
    const { recommendation, action, principal: by, audit } = options;
    const at = this.#now();
    let decision: RecommendationDecision;
    if (action.action === 'dismiss') {
      decision = { status: 'dismissed', reason: action.reason, by, at };
    } else if (action.action === 'snooze') {
      if (action.until < dayOf(at)) {
        throw new InputError(
          `until: must be today (${dayOf(at)}) or later, got ${action.until}`,
        );
      }
      decision = {
        status: 'snoozed',
        until: action.until,
        reason: action.reason ?? null,
        by,
        at,
      };
    } else {
      decision = { status: 'open', reason: null, by, at };
    }
    const updated = await audit(
      {
        eventId: 'recommendation-decision',
        severityLevel: 'low',
        meta: {
          recommendationId: recommendation.id,
          entityRef: recommendation.entityRef,
          rule: recommendation.rule,
          action: action.action,
          before: recommendation.status,
        },
      },
      async () => {
        const decided = await this.options.store.decide(
          recommendation.id,
          decision,
        );
        if (!decided) {
          throw new NotFoundError(
            `No recommendation with id ${recommendation.id}`,
          );
        }
        return decided;
      },
      decided => ({
        after: decided.status,
        ...(decided.snoozedUntil ? { until: decided.snoozedUntil } : {}),
        ...(decided.decisionReason ? { reason: decided.decisionReason } : {}),
      }),
    );
    return toApiRecommendation(updated, this.options.currency);
  }
}

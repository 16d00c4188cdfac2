import type {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  dayOf,
  microsToNumber,
  type Recommendation,
  type RecommendationsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { Request } from 'express';
import type {
  RecommendationDecision,
  RecommendationStatus,
  RecommendationStore,
  StoredRecommendation,
} from '../database';
import { principalRef } from '../service/principalRef';

/** A decision as the API takes it. */
export type RecommendationAction =
  | { action: 'dismiss'; reason: string }
  | { action: 'snooze'; until: string; reason?: string }
  | { action: 'reopen' };

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
      auditor?: AuditorService;
      now?: () => Date;
    },
  ) {}

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Recommendations of some entities (all, org-level included, when omitted). */
  async list(options: {
    entityRefs?: string[];
    status?: RecommendationStatus;
  }): Promise<RecommendationsResponse> {
    const { store, currency } = this.options;
    await store.reopenExpiredSnoozes(this.#now());
    const found = await store.listRecommendations(options);
    const total = found
      .filter(r => r.status === 'open')
      .reduce((sum, r) => sum + r.estimatedMonthlySavings, 0);
    return {
      currency,
      totalEstimatedMonthlySavings: microsToNumber(total),
      items: found.map(r => toApiRecommendation(r, currency)),
    };
  }

  /** One recommendation, with an expired snooze already reopened. */
  async get(id: string): Promise<StoredRecommendation> {
    await this.options.store.reopenExpiredSnoozes(this.#now());
    const found = await this.options.store.getRecommendation(id);
    if (!found) throw new NotFoundError(`No recommendation with id ${id}`);
    return found;
  }

  async decide(options: {
    recommendation: StoredRecommendation;
    action: RecommendationAction;
    credentials: BackstageCredentials;
    request: Request;
  }): Promise<Recommendation> {
    const { recommendation, action, credentials, request } = options;
    const at = this.#now();
    const by = principalRef(credentials);
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
    const event = await this.options.auditor?.createEvent({
      eventId: 'recommendation-decision',
      severityLevel: 'low',
      request,
      meta: {
        recommendationId: recommendation.id,
        entityRef: recommendation.entityRef,
        rule: recommendation.rule,
        action: action.action,
        before: recommendation.status,
      },
    });
    try {
      const updated = await this.options.store.decide(
        recommendation.id,
        decision,
      );
      if (!updated) {
        throw new NotFoundError(
          `No recommendation with id ${recommendation.id}`,
        );
      }
      await event?.success({
        meta: {
          after: updated.status,
          ...(updated.snoozedUntil ? { until: updated.snoozedUntil } : {}),
          ...(updated.decisionReason ? { reason: updated.decisionReason } : {}),
        },
      });
      return toApiRecommendation(updated, this.options.currency);
    } catch (error) {
      await event?.fail({ error: error as Error });
      throw error;
    }
  }
}

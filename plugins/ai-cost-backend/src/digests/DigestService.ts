import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  dayOf,
  microsFromNumber,
  type BudgetStatus,
} from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import { openAnomalyCounts } from '../anomalies/openAnomalyCounts';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { EntityGraph } from '../attribution/EntityGraph';
import type { BudgetMonitor } from '../budgets/BudgetMonitor';
import { chargebackLines } from '../chargeback/chargebackLines';
import type {
  AnomalyStore,
  AttributionStore,
  DigestKind,
  DigestStore,
  RecommendationStore,
} from '../database';
import {
  digestUnit,
  isSendDay,
  lastCompletePeriod,
  type DigestPeriod,
} from './digestPeriod';
import type { DigestNotification } from './DigestNotification';
import { moneyFormat } from './digestText';
import { leadershipReport } from './leadershipReport';
import { ownerDigest, type OwnerDigestFacts } from './ownerDigest';
import type { DigestSettings } from './readDigestSettings';

/**
 * Model policy violations of an entity in a window without an exception,
 * `cost` in the reporting currency: the policy service's summary.
 */
export type PolicyViolationSummary = (
  entityRef: string,
  from: string,
  to: string,
) => Promise<{ count: number; cost: number }>;

/** What one send of a digest did. */
export interface DigestResult {
  kind: DigestKind;
  period: { from: string; to: string };
  /** `nothing-to-send`: no owner had spend, or no leadership group is configured. */
  status: 'sent' | 'already-sent' | 'nothing-to-send';
  recipients: number;
}

/** How many recommendations an owner's digest names. */
const RECOMMENDATIONS = 3;

function isOwnerRef(entityRef: string): boolean {
  return entityRef.startsWith('group:') || entityRef.startsWith('user:');
}

function sumOf(costs: Map<string, number>, refs: Iterable<string>): number {
  let sum = 0;
  for (const ref of refs) sum += costs.get(ref) ?? 0;
  return sum;
}

/**
 * Weekly and monthly digests to every owner with spend and the monthly
 * leadership report (DESIGN §9.4), through the notifications backend. Each
 * digest covers the last complete week or month and is sent at most once per
 * period: the period is claimed in the database before anything goes out, so
 * a second replica or a second request finds it taken.
 */
export class DigestService {
  constructor(
    private readonly options: {
      settings: DigestSettings;
      store: DigestStore;
      attribution: AttributionStore;
      anomalies: AnomalyStore;
      recommendations: RecommendationStore;
      budgets: Pick<BudgetMonitor, 'status' | 'allStatuses'>;
      index: CatalogIndexReader;
      notifications: Pick<NotificationService, 'send'>;
      logger: LoggerService;
      currency: string;
      policyViolations?: PolicyViolationSummary;
      now?: () => Date;
    },
  ) {}

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Sends the configured digests due today (UTC): weekly ones on Mondays,
   * monthly ones and the leadership report on the 1st; with `weeklyAnyDay`
   * (the demo) the weekly one on the first run of any day.
   */
  async sendDue(options?: { weeklyAnyDay?: boolean }): Promise<DigestResult[]> {
    const { settings } = this.options;
    const today = dayOf(this.#now());
    const due: DigestKind[] = [];
    if (
      options?.weeklyAnyDay ||
      (settings.weekly && isSendDay('week', today))
    ) {
      due.push('weekly');
    }
    if (isSendDay('month', today)) {
      if (settings.monthly) due.push('monthly');
      if (settings.leadership.length > 0) due.push('leadership');
    }
    const results: DigestResult[] = [];
    for (const kind of due) results.push(await this.send(kind));
    return results;
  }

  /** Sends a digest for its last complete period, unless it went out already. */
  async send(kind: DigestKind): Promise<DigestResult> {
    const { store } = this.options;
    const now = this.#now();
    const period = lastCompletePeriod(digestUnit(kind), dayOf(now));
    const result = { kind, period: { from: period.from, to: period.to } };
    const sentUpTo = await store.lastPeriod(kind);
    if (sentUpTo !== undefined && sentUpTo >= period.from) {
      return { ...result, status: 'already-sent', recipients: 0 };
    }
    const digests =
      kind === 'leadership'
        ? await this.#leadershipReports(period)
        : await this.#ownerDigests(period);
    if (digests.length === 0) {
      return { ...result, status: 'nothing-to-send', recipients: 0 };
    }
    if (!(await store.claimPeriod(kind, period.from, now))) {
      return { ...result, status: 'already-sent', recipients: 0 };
    }
    for (const digest of digests) await this.#deliver(digest);
    return { ...result, status: 'sent', recipients: digests.length };
  }

  /** The digest of every group or user whose view had spend in the period. */
  async #ownerDigestFacts(period: DigestPeriod): Promise<OwnerDigestFacts[]> {
    const { index, anomalies, recommendations, budgets } = this.options;
    const { graph } = await index.read();
    const [current, previous, anomalyCounts] = await Promise.all([
      this.#spendByEntity(period),
      this.#spendByEntity(period.previous),
      openAnomalyCounts(anomalies),
    ]);
    const facts: OwnerDigestFacts[] = [];
    for (const node of graph.nodes()) {
      const { entityRef } = node;
      if (!isOwnerRef(entityRef)) continue;
      const subtree = [entityRef, ...graph.descendants(entityRef)];
      const spend = sumOf(current, subtree);
      if (spend <= 0) continue;
      const [status, recommended, violations] = await Promise.all([
        budgets.status(entityRef),
        recommendations.listRecommendations({
          entityRefs: subtree,
          status: 'open',
          limit: RECOMMENDATIONS,
        }),
        this.options.policyViolations?.(entityRef, period.from, period.to),
      ]);
      facts.push({
        entityRef,
        title: node.title,
        period,
        spend,
        previousSpend: sumOf(previous, subtree),
        contributors: contributors(graph, entityRef, current),
        budget: budgetFacts(status),
        openAnomalies: sumOf(anomalyCounts, subtree),
        recommendations: recommended.items.map(r => ({
          title: r.title,
          monthlySavings: r.estimatedMonthlySavings,
        })),
        ...(violations
          ? {
              policyViolations: {
                count: violations.count,
                cost: microsFromNumber(violations.cost),
              },
            }
          : {}),
      });
    }
    return facts.sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
  }

  async #ownerDigests(period: DigestPeriod): Promise<DigestNotification[]> {
    const money = moneyFormat(this.options.currency);
    return (await this.#ownerDigestFacts(period)).map(facts =>
      ownerDigest(facts, money),
    );
  }

  async #leadershipReports(
    period: DigestPeriod,
  ): Promise<DigestNotification[]> {
    const { settings, index, budgets, anomalies, currency } = this.options;
    if (settings.leadership.length === 0) return [];
    const { graph } = await index.read();
    const [current, unallocated, previous, previousUnallocated] =
      await Promise.all([
        this.#spendByEntity(period),
        this.#unallocated(period),
        this.#spendByEntity(period.previous),
        this.#unallocated(period.previous),
      ]);
    const [statuses, anomalyCounts] = await Promise.all([
      budgets.allStatuses(),
      openAnomalyCounts(anomalies),
    ]);
    const attributed = sumOf(current, current.keys());
    const facts = {
      period,
      total: attributed + unallocated,
      previousTotal: sumOf(previous, previous.keys()) + previousUnallocated,
      unallocated,
      teams: chargebackLines(
        graph,
        [...current].map(([entityRef, cost]) => ({ entityRef, cost })),
      ),
      budgetStates: statuses
        .map(status => status.state)
        .filter(state => state !== 'none'),
      openAnomalies: sumOf(anomalyCounts, anomalyCounts.keys()),
    };
    const money = moneyFormat(currency);
    return settings.leadership.map(group =>
      leadershipReport(facts, group, money),
    );
  }

  async #spendByEntity(window: UsageWindow): Promise<Map<string, number>> {
    const rows = await this.options.attribution.sumAttributed({
      window,
      groupBy: ['entityRef'],
    });
    return new Map(rows.map(row => [row.entityRef, row.cost]));
  }

  async #unallocated(window: UsageWindow): Promise<number> {
    const rows = await this.options.attribution.sumUnallocatedCost({
      window,
      groupBy: ['date'],
    });
    return rows.reduce((sum, row) => sum + row.cost, 0);
  }

  async #deliver(digest: DigestNotification): Promise<void> {
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: digest.recipient },
        payload: {
          title: digest.title,
          description: digest.description,
          link: digest.link,
          severity: 'low',
          topic: digest.topic,
          scope: digest.scope,
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not send the ${digest.topic} digest to ${digest.recipient}: ${
          (error as Error).message
        }`,
      );
    }
  }
}

/** The direct children's contributions to an owner's spend, largest first. */
function contributors(
  graph: EntityGraph,
  entityRef: string,
  costs: Map<string, number>,
): OwnerDigestFacts['contributors'] {
  return graph
    .children(entityRef)
    .map(child => ({
      entityRef: child,
      title: graph.get(child)?.title,
      cost: sumOf(costs, graph.contributionOf(entityRef, child)),
    }))
    .filter(contributor => contributor.cost !== 0)
    .sort((a, b) => b.cost - a.cost || (a.entityRef < b.entityRef ? -1 : 1));
}

function budgetFacts(status: BudgetStatus): OwnerDigestFacts['budget'] {
  if (status.state === 'none' || status.budget === null) return null;
  return {
    state: status.state,
    period: status.period,
    spent: microsFromNumber(status.spent),
    amount: microsFromNumber(status.budget),
  };
}

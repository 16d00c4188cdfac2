import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  allocateMicros,
  dayOf,
  microsToNumber as money,
  subscriptionIdSchema,
  type SubscriptionsResponse,
  type SubscriptionView,
} from '@ai-cost/plugin-ai-cost-common';
import type { SplitRule } from '../allocation';
import type {
  CatalogIndex,
  CatalogIndexReader,
} from '../attribution/CatalogIndex';
import type {
  DetectedRecommendation,
  MetricStore,
  SubscriptionStore,
} from '../database';
import { monthCost } from './amortize';
import { parseSubscription, SubscriptionFieldError } from './parseSubscription';
import { SUBSCRIPTION_PROVIDER, type Subscription } from './types';

/** The id of the split rule that attributes a subscription's spend. */
export function subscriptionRuleId(id: string): string {
  return `subscription:${id}`;
}

/**
 * The split rule that gives a subscription's spend to its entity (all of
 * it) or its groups (by member count); none when it names neither, and the
 * spend stays unallocated.
 */
export function subscriptionRule(
  subscription: Subscription,
): SplitRule | undefined {
  const base = {
    kind: 'split' as const,
    id: subscriptionRuleId(subscription.id),
    source: 'config' as const,
    match: { provider: SUBSCRIPTION_PROVIDER, projectId: subscription.id },
  };
  if (subscription.entityRef) {
    return { ...base, method: 'even', targets: [subscription.entityRef] };
  }
  if (subscription.groups) {
    return { ...base, method: 'members', targets: subscription.groups };
  }
  return undefined;
}

function memberCounts(index: CatalogIndex): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of index.graph.nodes()) {
    for (const group of node.memberOf ?? []) {
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
  }
  return counts;
}

/** What the seats of a subscription cost this month; micro-units. */
interface SeatFigures {
  monthMicros: number;
  perSeatMicros: number | null;
  activeSeats: number | null;
  perActiveSeatMicros: number | null;
}

/**
 * Subscriptions and seats (DESIGN §9.3): config subscriptions and the
 * portal's, what their seats cost, and changes to the portal's, each
 * followed by a refresh of the `subscriptions` source (which re-attributes
 * its spend).
 */
export class SubscriptionService {
  constructor(
    private readonly options: {
      /** `aiCost.subscriptions`. */
      settings: Subscription[];
      store: SubscriptionStore;
      metrics: Pick<MetricStore, 'listMetrics' | 'dailyValues'>;
      index: CatalogIndexReader;
      /** `aiCost.currency`. */
      currency: string;
      /** Re-reads the subscriptions source, after a portal change. */
      refresh: () => Promise<void>;
      now?: () => Date;
    },
  ) {}

  /** Every subscription in force: config's, then the portal's. */
  async all(): Promise<Subscription[]> {
    const portal = await this.options.store.list();
    return [...this.options.settings, ...portal.map(s => s.subscription)];
  }

  /** The split rules attributing subscription spend, for the allocation policy. */
  async rules(): Promise<SplitRule[]> {
    return (await this.all()).flatMap(s => subscriptionRule(s) ?? []);
  }

  #month(): string {
    return dayOf(this.options.now?.() ?? new Date()).slice(0, 7);
  }

  async #activeSeats(
    subscriptions: Subscription[],
  ): Promise<Map<string, number>> {
    const wanted = new Set(
      subscriptions.flatMap(s => s.activeSeatsMetric ?? []),
    );
    const result = new Map<string, number>();
    if (wanted.size === 0) return result;
    const stored = await this.options.metrics.listMetrics();
    for (const metric of stored) {
      if (!wanted.has(metric.metric)) continue;
      const values = await this.options.metrics.dailyValues({
        metric: metric.metric,
        window: { from: metric.lastDate, to: metric.lastDate },
      });
      const micros = values.reduce((sum, v) => sum + v.valueMicros, 0);
      result.set(metric.metric, money(micros));
    }
    return result;
  }

  #figures(
    subscription: Subscription,
    month: string,
    activeSeats: Map<string, number>,
  ): SeatFigures {
    const monthMicros = monthCost(subscription, month);
    const active = subscription.activeSeatsMetric
      ? activeSeats.get(subscription.activeSeatsMetric) ?? null
      : null;
    return {
      monthMicros,
      perSeatMicros: subscription.seats
        ? Math.round(monthMicros / subscription.seats)
        : null,
      activeSeats: active,
      perActiveSeatMicros:
        active !== null && active > 0 ? Math.round(monthMicros / active) : null,
    };
  }

  #problems(
    subscription: Subscription,
    index: CatalogIndex,
    counts: Map<string, number>,
    figures: SeatFigures,
  ): string[] {
    const problems: string[] = [];
    if (subscription.currency !== this.options.currency) {
      problems.push(
        `billed in ${subscription.currency}, not ${this.options.currency}: its figures here are in ${subscription.currency}`,
      );
    }
    if (!subscription.entityRef && !subscription.groups) {
      problems.push(
        'assigned to no entity or group: its cost stays unallocated',
      );
    }
    if (subscription.entityRef && !index.graph.get(subscription.entityRef)) {
      problems.push(
        `${subscription.entityRef} is not in the catalog: its cost stays unallocated`,
      );
    }
    for (const group of subscription.groups ?? []) {
      if (!index.graph.get(group)) {
        problems.push(
          `${group} is not in the catalog: its share stays unallocated`,
        );
      }
    }
    if (
      subscription.groups &&
      subscription.groups.every(group => !counts.get(group))
    ) {
      problems.push(
        'no catalog User is a member of its groups: the cost splits evenly',
      );
    }
    if (subscription.activeSeatsMetric && figures.activeSeats === null) {
      problems.push(
        `no values of ${subscription.activeSeatsMetric} yet: active seats unknown`,
      );
    }
    return problems;
  }

  /** `GET /subscriptions`. */
  async list(): Promise<SubscriptionsResponse> {
    const month = this.#month();
    const [config, portal, index] = await Promise.all([
      Promise.resolve(this.options.settings),
      this.options.store.list(),
      this.options.index.read(),
    ]);
    const all = [...config, ...portal.map(s => s.subscription)];
    const edits = new Map(portal.map(s => [s.subscription.id, s]));
    const activeSeats = await this.#activeSeats(all);
    const counts = memberCounts(index);
    return {
      currency: this.options.currency,
      month,
      subscriptions: all.map(subscription => {
        const figures = this.#figures(subscription, month, activeSeats);
        const edit = edits.get(subscription.id);
        const view: SubscriptionView = {
          id: subscription.id,
          source: subscription.source,
          vendor: subscription.vendor,
          product: subscription.product,
          amount: subscription.amount,
          currency: subscription.currency,
          period: subscription.period,
          start: subscription.start,
          end: subscription.end ?? null,
          seats: subscription.seats ?? null,
          entityRef: subscription.entityRef ?? null,
          groups: subscription.groups ?? null,
          activeSeatsMetric: subscription.activeSeatsMetric ?? null,
          monthlyCost: money(figures.monthMicros),
          costPerSeat:
            figures.perSeatMicros === null
              ? null
              : money(figures.perSeatMicros),
          activeSeats: figures.activeSeats,
          costPerActiveSeat:
            figures.perActiveSeatMicros === null
              ? null
              : money(figures.perActiveSeatMicros),
          problems: this.#problems(subscription, index, counts, figures),
          ...(edit
            ? { updatedBy: edit.updatedBy, updatedAt: edit.updatedAt }
            : {}),
        };
        return view;
      }),
    };
  }

  #checkId(id: string, action: 'change' | 'remove') {
    const parsed = subscriptionIdSchema.safeParse(id);
    if (!parsed.success) {
      throw new InputError(`id: ${parsed.error.issues[0].message}`);
    }
    if (this.options.settings.some(s => s.id === id)) {
      throw new ConflictError(
        `Subscription ${id} is defined in app-config (aiCost.subscriptions); ${action} it there${
          action === 'change' ? ' or use another id' : ''
        }`,
      );
    }
  }

  /**
   * `PUT /subscriptions/:id`: creates or replaces a portal subscription,
   * then refreshes the subscriptions source. The route audits it.
   */
  async put(options: {
    id: string;
    body: unknown;
    principal: string;
  }): Promise<{ created: boolean; subscription: SubscriptionView }> {
    const { id } = options;
    this.#checkId(id, 'change');
    let subscription: Subscription;
    try {
      subscription = parseSubscription(options.body, id, 'portal');
    } catch (error) {
      if (error instanceof SubscriptionFieldError) {
        throw new InputError(`${error.field}: ${error.problem}`);
      }
      throw error;
    }
    const { created } = await this.options.store.put(
      subscription,
      options.principal,
      this.options.now?.() ?? new Date(),
    );
    await this.options.refresh();
    const view = (await this.list()).subscriptions.find(s => s.id === id)!;
    return { created, subscription: view };
  }

  /** `DELETE /subscriptions/:id`: removes a portal subscription. The route audits it. */
  async delete(id: string): Promise<void> {
    this.#checkId(id, 'remove');
    if (!(await this.options.store.delete(id))) {
      throw new NotFoundError(`No subscription ${id} is managed in the portal`);
    }
    await this.options.refresh();
  }

  /**
   * Idle seats (recommendation `idle-seats`): a subscription with fewer
   * active seats than it pays for, on its entity, or on each of its groups
   * with the saving split by member count (so the savings add up once).
   */
  async idleSeatFindings(): Promise<DetectedRecommendation[]> {
    const month = this.#month();
    const [all, index] = await Promise.all([
      this.all(),
      this.options.index.read(),
    ]);
    const activeSeats = await this.#activeSeats(all);
    const counts = memberCounts(index);
    const findings: DetectedRecommendation[] = [];
    for (const subscription of all) {
      const figures = this.#figures(subscription, month, activeSeats);
      if (
        !subscription.seats ||
        figures.activeSeats === null ||
        figures.perSeatMicros === null
      ) {
        continue;
      }
      const idle = subscription.seats - Math.ceil(figures.activeSeats);
      if (idle <= 0) continue;
      const saving = idle * figures.perSeatMicros;
      const name = `${subscription.vendor} ${subscription.product}`;
      const targets = subscription.entityRef
        ? [subscription.entityRef]
        : subscription.groups ?? [''];
      const shares = allocateMicros(
        saving,
        targets.map(ref => counts.get(ref) ?? 0),
      );
      const evidence = {
        subscription: subscription.id,
        seats: subscription.seats,
        activeSeats: figures.activeSeats,
        idleSeats: idle,
        costPerSeat: money(figures.perSeatMicros),
        monthlySaving: money(saving),
        currency: subscription.currency,
      };
      targets.forEach((entityRef, i) => {
        findings.push({
          entityRef,
          rule: 'idle-seats',
          fingerprint: `subscription/${subscription.id}`,
          title: `${idle} idle seat${idle === 1 ? '' : 's'} of ${name}`,
          description: `${idle} idle seat${
            idle === 1 ? '' : 's'
          } of ${name}: cancel them to save ${formatAmount(
            saving,
            subscription.currency,
          )} a month (${subscription.seats} seats paid, ${
            figures.activeSeats
          } active by ${subscription.activeSeatsMetric}).`,
          evidence,
          estimatedMonthlySavings: shares[i],
          confidence: 'medium',
        });
      });
    }
    return findings;
  }
}

function formatAmount(micros: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
  }).format(money(micros));
}

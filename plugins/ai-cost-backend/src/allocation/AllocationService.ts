import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  addDays,
  allocationRuleIdSchema,
  dayOf,
  microsToNumber as money,
  type AllocationRulePreview,
  type AllocationRulesResponse,
  type SplitRuleView,
  type VirtualTagRuleView,
} from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import { catalogAllocation } from '../attribution/catalogAllocation';
import type {
  CatalogIndex,
  CatalogIndexReader,
} from '../attribution/CatalogIndex';
import type { AllocationRuleStore, AttributionStore } from '../database';
import { AllocationPolicy } from './AllocationPolicy';
import { parseAllocationRule } from './parseAllocationRule';
import { matchedCost, previewRule } from './previewRule';
import { providersOf, splitBody, virtualTagBody } from './ruleView';
import type { SplitMetricValues } from './splitMetrics';
import type { AllocationRule, AllocationSettings } from './types';

type AllocationRuleView = VirtualTagRuleView | SplitRuleView;

/** Days `matchedCost` and previews look back over, today included. */
const PREVIEW_DAYS = 30;

/** Why a rule cannot do everything it says. */
function problemsOf(rule: AllocationRule, index: CatalogIndex): string[] {
  if (rule.kind !== 'split') return [];
  return rule.targets
    .filter(target => !index.graph.get(target))
    .map(
      target => `${target} is not in the catalog: its share stays unallocated`,
    );
}

/**
 * Allocation rules (DESIGN §9.1): config rules and the portal's (which apply
 * first), what they match, previews of a candidate rule, and changes to the
 * portal's rules, each audited and followed by a re-attribution.
 */
export class AllocationService {
  constructor(
    private readonly options: {
      settings: AllocationSettings;
      rules: AllocationRuleStore;
      attribution: AttributionStore;
      index: CatalogIndexReader;
      currency: string;
      /** Re-attributes stored spend of some providers (all when omitted). */
      reattribute: (providers?: string[]) => Promise<void>;
      /** Pushed metric values of entities, for metric splits. */
      splitMetrics: (
        policy: AllocationPolicy,
        window: UsageWindow,
      ) => Promise<SplitMetricValues>;
      now?: () => Date;
      /**
       * Rules synthesized from other config (a split rule per subscription,
       * DESIGN §9.3); they apply before every other rule.
       */
      synthesizedRules?: () => Promise<AllocationRule[]>;
    },
  ) {}

  /** The rules in force: synthesized ones, the portal's, then config's. */
  async policy(): Promise<AllocationPolicy> {
    const portal = await this.options.rules.list();
    return this.#policyOf(portal.map(stored => stored.rule));
  }

  async #policyOf(portal: AllocationRule[]): Promise<AllocationPolicy> {
    const synthesized = (await this.options.synthesizedRules?.()) ?? [];
    return new AllocationPolicy(this.options.settings, [
      ...synthesized,
      ...portal,
    ]);
  }

  #window(): UsageWindow {
    const today = dayOf(this.options.now?.() ?? new Date());
    return { from: addDays(today, -(PREVIEW_DAYS - 1)), to: today };
  }

  async #groups(window: UsageWindow, policy: AllocationPolicy) {
    return this.options.attribution.usageGroups({
      window,
      byUser: policy.matchDimensions().has('userId'),
    });
  }

  /** `GET /allocation/rules`. */
  async list(): Promise<AllocationRulesResponse> {
    const window = this.#window();
    const [stored, index] = await Promise.all([
      this.options.rules.list(),
      this.options.index.read(),
    ]);
    const policy = await this.#policyOf(stored.map(s => s.rule));
    const groups = await this.#groups(window, policy);
    const edits = new Map(stored.map(s => [s.rule.id, s]));
    const state = (rule: AllocationRule) => {
      const edit = edits.get(rule.id);
      return {
        id: rule.id,
        source: rule.source,
        matchedCost: money(matchedCost(rule, groups)),
        problems: problemsOf(rule, index),
        ...(edit
          ? { updatedBy: edit.updatedBy, updatedAt: edit.updatedAt }
          : {}),
      };
    };
    const rules = policy.rules();
    return {
      currency: this.options.currency,
      ...window,
      tags: this.options.settings.tagKeys,
      virtualTags: rules
        .filter(rule => rule.kind === 'virtualTag')
        .map(rule => ({ ...virtualTagBody(rule), ...state(rule) })),
      splitRules: rules
        .filter(rule => rule.kind === 'split')
        .map(rule => ({ ...splitBody(rule), ...state(rule) })),
    };
  }

  #parse(id: string, body: unknown): AllocationRule {
    const rule = parseAllocationRule(body, this.options.settings.tagKeys, id);
    if (this.options.settings.rules.some(r => r.id === id)) {
      throw new ConflictError(
        `Allocation rule ${id} is defined in app-config (aiCost.allocation); change it there or use another id`,
      );
    }
    return rule;
  }

  /** `POST /allocation/rules/preview`: what saving the rule would move, nothing saved. */
  async preview(body: unknown): Promise<AllocationRulePreview> {
    const id =
      typeof body === 'object' && body !== null && 'id' in body
        ? String((body as { id: unknown }).id)
        : 'preview';
    const rule = this.#parse(id, body);
    const window = this.#window();
    const [stored, index] = await Promise.all([
      this.options.rules.list(),
      this.options.index.read(),
    ]);
    const portal = stored.map(s => s.rule);
    const before = await this.#policyOf(portal);
    const after = await this.#policyOf(withRule(portal, rule));
    const groups = await this.options.attribution.usageGroups({
      window,
      byUser:
        before.matchDimensions().has('userId') ||
        after.matchDimensions().has('userId'),
    });
    const [beforeMetrics, afterMetrics] = await Promise.all([
      this.options.splitMetrics(before, window),
      this.options.splitMetrics(after, window),
    ]);
    const result = previewRule({
      rule,
      groups,
      claims: index.claims,
      before: catalogAllocation(index, before, beforeMetrics),
      after: catalogAllocation(index, after, afterMetrics),
    });
    return {
      currency: this.options.currency,
      ...window,
      matchedCost: money(result.matchedCost),
      moves: result.moves.map(move => ({ ...move, cost: money(move.cost) })),
    };
  }

  /**
   * `PUT /allocation/rules/:id`: creates or replaces a portal rule, then
   * re-attributes the providers it can move spend of. The route audits it.
   */
  async put(options: {
    id: string;
    body: unknown;
    principal: string;
  }): Promise<{ created: boolean; rule: AllocationRuleView }> {
    const { id, principal } = options;
    const rule = this.#parse(id, options.body);
    const at = this.options.now?.() ?? new Date();
    const { created, previous } = await this.options.rules.put(
      rule,
      principal,
      at,
    );
    await this.options.reattribute(unionProviders(rule, previous));
    const { virtualTags, splitRules } = await this.list();
    const view = [...virtualTags, ...splitRules].find(r => r.id === id)!;
    return { created, rule: view };
  }

  /**
   * After values of some metrics changed (pushed or pulled): re-attributes
   * the providers of the metric splits weighing by any of them.
   */
  async metricsChanged(metrics: string[]): Promise<void> {
    const policy = await this.policy();
    const rules = policy
      .rules()
      .filter(
        rule =>
          rule.kind === 'split' &&
          rule.method === 'metric' &&
          rule.metric !== undefined &&
          metrics.includes(rule.metric),
      );
    if (rules.length === 0) return;
    const providers = rules.map(providersOf);
    await this.options.reattribute(
      providers.some(p => p === undefined)
        ? undefined
        : [...new Set(providers.flat() as string[])].sort(),
    );
  }

  /** `DELETE /allocation/rules/:id`: removes a portal rule. The route audits it. */
  async delete(id: string): Promise<void> {
    const parsed = allocationRuleIdSchema.safeParse(id);
    if (!parsed.success) {
      throw new InputError(`id: ${parsed.error.issues[0].message}`);
    }
    if (this.options.settings.rules.some(r => r.id === id)) {
      throw new ConflictError(
        `Allocation rule ${id} is defined in app-config (aiCost.allocation); remove it there`,
      );
    }
    const removed = await this.options.rules.delete(id);
    if (!removed) {
      throw new NotFoundError(
        `No allocation rule ${id} is managed in the portal`,
      );
    }
    await this.options.reattribute(providersOf(removed));
  }
}

/** The portal rules with `rule` saved: in place of its previous version, else last. */
function withRule(portal: AllocationRule[], rule: AllocationRule) {
  const at = portal.findIndex(r => r.id === rule.id);
  if (at < 0) return [...portal, rule];
  return portal.map((r, i) => (i === at ? rule : r));
}

/** Providers whose spend a changed rule can move: both versions'. */
function unionProviders(
  rule: AllocationRule,
  previous: AllocationRule | undefined,
): string[] | undefined {
  const now = providersOf(rule);
  if (!now) return undefined;
  if (!previous) return now;
  const before = providersOf(previous);
  return before ? [...new Set([...now, ...before])].sort() : undefined;
}

import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  addDays,
  dayOf,
  MAX_POLICY_EXCEPTION_DAYS,
  microsToNumber,
  type ModelPolicy,
  type PolicyException,
  type PolicyExceptionInput,
  type PolicyViolation,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { AttributedSpendStore, PolicyStore } from '../database';
import type { OwnerNotifier } from '../notifications/OwnerNotifier';
import {
  exceptionFor,
  findViolations,
  type ViolationFinding,
} from './findViolations';
import {
  checkModelAgainst,
  resolveModelPolicy,
  type EntityModelPolicy,
  type PolicySettings,
} from './modelPolicy';
import { ModelTiers } from './modelTiers';

/** The notification topic of policy violations. */
export const POLICY_TOPIC = 'ai-cost-policy';

/** How far back a post-attribution run looks for new violations. */
const NOTIFY_LOOKBACK_DAYS = 7;

/** The verdict on one model for one entity (`checkModel`). */
export interface ModelVerdict {
  allowed: boolean;
  tier: EntityModelPolicy['maxTier'];
  allowedTier: EntityModelPolicy['maxTier'];
  /** The exception that allows it although the policy does not. */
  exception?: PolicyException;
}

/**
 * Model policies (DESIGN §9.4): which models each entity may use (its
 * `ai-cost/max-model-tier` and `ai-cost/allowed-models`, else the org
 * default for its environment), the spend that broke them, and the
 * exceptions owners grant. Digests, Tech Insights facts and the guardrail
 * read violations and verdicts from here.
 */
export class PolicyService {
  readonly tiers: ModelTiers;

  constructor(
    private readonly options: {
      settings: PolicySettings;
      store: PolicyStore;
      attribution: Pick<AttributedSpendStore, 'sumAttributed'>;
      index: CatalogIndexReader;
      /** Canonical spelling of an environment value (`prod` → `production`). */
      normalizeEnvironment: () => Promise<(value: string) => string>;
      notifier: Pick<OwnerNotifier, 'notify'>;
      now?: () => Date;
    },
  ) {
    this.tiers = new ModelTiers(options.settings.modelTiers);
  }

  #today(): string {
    return dayOf(this.options.now?.() ?? new Date());
  }

  /** Every entity's policy, read from the current catalog index. */
  async policies(): Promise<(entityRef: string) => EntityModelPolicy> {
    const { graph } = await this.options.index.read();
    const normalize = await this.options.normalizeEnvironment();
    const cache = new Map<string, EntityModelPolicy>();
    return entityRef => {
      let policy = cache.get(entityRef);
      if (!policy) {
        policy = resolveModelPolicy(
          graph.get(entityRef),
          this.options.settings,
          normalize,
        );
        cache.set(entityRef, policy);
      }
      return policy;
    };
  }

  /** The policy in force for an entity, with where it comes from and its exceptions. */
  async policyOf(entityRef: string): Promise<ModelPolicy> {
    const policy = (await this.policies())(entityRef);
    return {
      entityRef,
      ...policy,
      exceptions: await this.options.store.listExceptions([entityRef]),
    };
  }

  /** Whether an entity may use a model now (an exception in force allows it). */
  async checkModel(entityRef: string, model: string): Promise<ModelVerdict> {
    const policy = (await this.policies())(entityRef);
    return this.verdict(
      policy,
      model,
      await this.options.store.listExceptions([entityRef]),
    );
  }

  /** {@link checkModel} on a policy and exceptions already read. */
  verdict(
    policy: EntityModelPolicy,
    model: string,
    exceptions: PolicyException[],
  ): ModelVerdict {
    const check = checkModelAgainst(policy, this.tiers, model);
    const base = {
      allowed: check.allowed,
      tier: check.tier,
      allowedTier: policy.maxTier,
    };
    if (check.allowed) return base;
    const exception = exceptionFor(exceptions, model, this.#today());
    return exception ? { ...base, allowed: true, exception } : base;
  }

  /**
   * Spend in the window on models the policy of its entity does not allow,
   * per entity and model: of one entity and its descendants (each judged by
   * its own policy), or of every entity.
   */
  async violations(options: {
    entityRef?: string;
    from: string;
    to: string;
  }): Promise<PolicyViolation[]> {
    return (await this.#findings(options)).map(
      ({ costMicros, ...finding }) => ({
        ...finding,
        cost: microsToNumber(costMicros),
      }),
    );
  }

  async #findings(options: {
    entityRef?: string;
    from: string;
    to: string;
  }): Promise<ViolationFinding[]> {
    const { graph } = await this.options.index.read();
    const entityRefs = options.entityRef
      ? [options.entityRef, ...graph.descendants(options.entityRef)]
      : undefined;
    const spend = await this.options.attribution.sumAttributed({
      window: { from: options.from, to: options.to },
      entityRefs,
      groupBy: ['entityRef', 'model', 'date'],
    });
    const exceptions = await this.options.store.listExceptions(entityRefs);
    const policyOf = await this.policies();
    return findViolations({
      spend,
      policyOf,
      check: (policy, model) => checkModelAgainst(policy, this.tiers, model),
      exceptionsOf: ref => exceptions.filter(e => e.entityRef === ref),
      to: options.to,
    });
  }

  /** For digests and Tech Insights: how many violations (no exception) and their cost. */
  async violationSummary(
    entityRef: string,
    from: string,
    to: string,
  ): Promise<{ count: number; cost: number }> {
    const open = (await this.#findings({ entityRef, from, to })).filter(
      v => !v.exception,
    );
    return {
      count: open.length,
      cost: microsToNumber(open.reduce((sum, v) => sum + v.costMicros, 0)),
    };
  }

  /**
   * Tells the owners of each entity about spend on a model its policy does
   * not allow, once per entity and model (an exception silences it).
   * Returns how many were notified.
   */
  async notifyNewViolations(): Promise<number> {
    const to = this.#today();
    const open = (
      await this.violations({
        from: addDays(to, -(NOTIFY_LOOKBACK_DAYS - 1)),
        to,
      })
    ).filter(v => !v.exception);
    if (open.length === 0) return 0;
    const fresh = await this.options.store.recordNotices(
      open.map(({ entityRef, model }) => ({ entityRef, model })),
      this.options.now?.() ?? new Date(),
    );
    for (const { entityRef, model } of fresh) {
      const v = open.find(o => o.entityRef === entityRef && o.model === model)!;
      const limit = v.allowedTier
        ? `its ${v.allowedTier} tier`
        : 'its allowed models';
      await this.options.notifier.notify({
        entityRef,
        title: `${entityRef} uses ${model}, outside its model policy`,
        description: `${model}${
          v.tier ? ` (${v.tier})` : ''
        } is above ${limit}: ${v.cost.toFixed(2)} on ${
          v.days
        } day(s) in the last ${NOTIFY_LOOKBACK_DAYS} days. Switch models or request an exception on the AI Cost tab.`,
        severity: 'normal',
        topic: POLICY_TOPIC,
        scope: `ai-cost-policy:${entityRef}:${model}`,
      });
    }
    return fresh.length;
  }

  /** Every exception, expired ones too. */
  async allExceptions(): Promise<PolicyException[]> {
    return this.options.store.listExceptions();
  }

  async listExceptions(entityRef: string): Promise<PolicyException[]> {
    return this.options.store.listExceptions([entityRef]);
  }

  async getException(id: string, notFound: string): Promise<PolicyException> {
    const exception = await this.options.store.getException(id);
    if (!exception) throw new NotFoundError(notFound);
    return exception;
  }

  /**
   * Grants an exception. `expiresAt` must be today or later and at most
   * {@link MAX_POLICY_EXCEPTION_DAYS} days ahead.
   */
  async addException(options: {
    input: PolicyExceptionInput;
    principal: string;
  }): Promise<PolicyException> {
    const { input, principal } = options;
    const today = this.#today();
    if (input.expiresAt < today) {
      throw new InputError(`expiresAt must be today (${today}) or later`);
    }
    const latest = addDays(today, MAX_POLICY_EXCEPTION_DAYS);
    if (input.expiresAt > latest) {
      throw new InputError(
        `expiresAt must be at most ${MAX_POLICY_EXCEPTION_DAYS} days ahead (${latest})`,
      );
    }
    const exception: PolicyException = {
      id: randomUUID(),
      entityRef: input.entityRef,
      model: input.model,
      justification: input.justification,
      expiresAt: input.expiresAt,
      createdBy: principal,
      createdAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    await this.options.store.addException(exception);
    return exception;
  }

  async deleteException(id: string): Promise<void> {
    await this.options.store.deleteException(id);
  }
}

import { InputError } from '@backstage/errors';
import {
  AnnotationParseError,
  formatBudgetScope,
  DEFAULT_BUDGET_SCOPE_TAG,
  parseTagsAnnotation,
  type BudgetStatus,
  type GuardrailDecision,
  type GuardrailQuery,
  type PolicyException,
} from '@ai-cost/plugin-ai-cost-common';
import type {
  CatalogIndex,
  CatalogIndexReader,
} from '../attribution/CatalogIndex';
import { normalizeEntityRef } from '../attribution/catalogSnapshot';
import type { BudgetMonitor } from '../budgets/BudgetMonitor';
import { decideGuardrail } from './guardrailDecision';
import type { EntityModelPolicy } from './modelPolicy';
import type { PolicyService } from './PolicyService';

/** How long cached catalog facts and budget statuses are served before a refresh. */
export const GUARDRAIL_TTL_MS = 60_000;

/** The gateway provider tag claims (`ai-cost/gateway-tags`) belong to. */
const GATEWAY_PROVIDER = 'gateway';

type Cached<T> = { value: Promise<T>; at: number };

type CatalogFacts = {
  index: CatalogIndex;
  policyOf: (entityRef: string) => EntityModelPolicy;
  exceptions: Map<string, PolicyException[]>;
};

/**
 * Answers gateways' pre-call question "may this caller spend now?" from
 * memory: the catalog index, policies, exceptions and each entity's budget
 * status are cached for {@link GUARDRAIL_TTL_MS} and refreshed in the
 * background once stale (a stale answer is served meanwhile), or dropped
 * by `invalidate()` after attribution and exception changes. No catalog
 * call and, once warm, no database query on the request path.
 */
export class GuardrailService {
  /** `facts`, and `budget:<entityRef>` per entity. */
  readonly #cache = new Map<string, Cached<unknown>>();

  constructor(
    private readonly options: {
      index: CatalogIndexReader;
      policies: Pick<PolicyService, 'policies' | 'verdict' | 'allExceptions'>;
      budgets: Pick<BudgetMonitor, 'status'>;
      currency: string;
      ttlMs?: number;
      /** Milliseconds clock of the cache. */
      clock?: () => number;
    },
  ) {}

  /** Drops every cached fact: the next decision reads them again. */
  invalidate(): void {
    this.#cache.clear();
  }

  async decide(query: GuardrailQuery): Promise<GuardrailDecision> {
    const facts = await this.#cached('facts', () => this.#loadFacts());
    const entityRef = this.#resolve(facts.index, query);
    if (!entityRef) {
      return {
        decision: 'allow',
        reasons: ['No catalog entity claims this caller; nothing to enforce'],
        entityRef: null,
        enforcement: null,
      };
    }
    const policy = facts.policyOf(entityRef);
    const status = await this.#cached(`budget:${entityRef}`, () =>
      this.options.budgets.status(entityRef),
    );
    const budget = budgetFacts(status, policy.environment);
    const verdict = query.model
      ? this.options.policies.verdict(
          policy,
          query.model,
          facts.exceptions.get(entityRef) ?? [],
        )
      : undefined;
    const { decision, reasons } = decideGuardrail(
      {
        enforcement: policy.enforcement,
        environment: policy.environment,
        budgetExhausted: budget.exhausted,
        budgetAtRisk: budget.atRisk,
        modelDisallowed: verdict ? !verdict.allowed : false,
      },
      {
        budget: budget.reason,
        model:
          verdict && query.model
            ? `${query.model}${
                verdict.tier ? ` (${verdict.tier})` : ''
              } is not allowed for ${entityRef}: ${
                verdict.allowedTier
                  ? `its max tier is ${verdict.allowedTier}`
                  : 'it is not on its allowed models'
              }`
            : undefined,
      },
    );
    return {
      decision,
      reasons,
      entityRef,
      enforcement: policy.enforcement,
      ...(status.budget !== null
        ? {
            budget: {
              state: budget.state,
              budget: budget.budget,
              spent: budget.spent,
              currency: this.options.currency,
            },
          }
        : {}),
      ...(policy.environment ? { environment: policy.environment } : {}),
    };
  }

  #resolve(index: CatalogIndex, query: GuardrailQuery): string | undefined {
    if (query.entityRef) {
      const ref = normalizeEntityRef(query.entityRef);
      return index.graph.get(ref) ? ref : undefined;
    }
    const tags = query.tags ? parseQueryTags(query.tags) : null;
    const resolution = index.claims.resolve({
      provider: query.provider ?? GATEWAY_PROVIDER,
      apiKeyId: query.apiKeyId ?? null,
      accountId: null,
      projectId: null,
      resourceId: null,
      tags,
    });
    return resolution.kind === 'claimed' ? resolution.entityRefs[0] : undefined;
  }

  async #loadFacts(): Promise<CatalogFacts> {
    const { policies } = this.options;
    const exceptions = new Map<string, PolicyException[]>();
    for (const exception of await policies.allExceptions()) {
      const list = exceptions.get(exception.entityRef) ?? [];
      list.push(exception);
      exceptions.set(exception.entityRef, list);
    }
    return {
      index: await this.options.index.read(),
      policyOf: await policies.policies(),
      exceptions,
    };
  }

  /**
   * Serves a cached value; a stale one is served while one refresh runs in
   * the background. A failed load is not cached.
   */
  async #cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.options.clock?.() ?? Date.now();
    const ttl = this.options.ttlMs ?? GUARDRAIL_TTL_MS;
    const entry = this.#cache.get(key) as Cached<T> | undefined;
    if (entry && now - entry.at < ttl) return entry.value;
    const fresh: Cached<T> = { value: load(), at: now };
    this.#cache.set(key, fresh);
    fresh.value.catch(() => {
      if (this.#cache.get(key) !== fresh) return;
      if (entry) this.#cache.set(key, entry);
      else this.#cache.delete(key);
    });
    return entry ? entry.value : fresh.value;
  }
}

/** `team=search,app=x` of the query; a bad pair is a 400 naming `tags`. */
function parseQueryTags(text: string): Record<string, string> {
  try {
    return Object.fromEntries(
      parseTagsAnnotation(text, 'tags').map(t => [t.key, t.value]),
    );
  } catch (error) {
    if (error instanceof AnnotationParseError) {
      throw new InputError(`tags: ${error.message}`);
    }
    throw error;
  }
}

/** What a decision needs of a budget status: the overall budget and the one of the entity's environment. */
function budgetFacts(status: BudgetStatus, environment: string | null) {
  const scope = environment
    ? formatBudgetScope({
        tagKey: DEFAULT_BUDGET_SCOPE_TAG,
        value: environment,
      })
    : undefined;
  const scoped = status.scoped?.find(s => s.scope === scope);
  const both = scoped ? [status, scoped] : [status];
  const binding =
    both.find(s => s.state === 'over') ??
    both.find(s => s.state === 'at-risk') ??
    status;
  return {
    exhausted: binding.state === 'over',
    atRisk: binding.state === 'at-risk',
    state: binding.state,
    budget: binding.budget,
    spent: binding.spent,
    reason: budgetReason(binding),
  };
}

/** "Budget (environment:staging) exhausted: 80.00 USD spent of 50.00 USD this month". */
function budgetReason(status: BudgetStatus): string | undefined {
  const label = status.scope ? ` (${status.scope})` : '';
  const money = (n: number) => `${n.toFixed(2)} ${status.currency}`;
  const of = `of ${money(status.budget ?? 0)} this ${status.period.period}`;
  if (status.state === 'over') {
    return `Budget${label} exhausted: ${money(status.spent)} spent ${of}`;
  }
  if (status.state === 'at-risk') {
    return `Budget${label} at risk: forecast ${money(
      status.forecast.median,
    )} ${of}`;
  }
  return undefined;
}

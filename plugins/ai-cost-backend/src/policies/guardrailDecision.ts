import type {
  BudgetEnforcement,
  GuardrailDecision,
} from '@ai-cost/plugin-ai-cost-common';

/** The environment value under which `block-non-production` never denies. */
export const PRODUCTION = 'production';

/** What the guardrail knows about the asking entity. */
export interface GuardrailFacts {
  enforcement: BudgetEnforcement | null;
  /** Canonical environment; null when unknown (treated as production). */
  environment: string | null;
  /** The overall budget, or the one scoped to the environment, is spent. */
  budgetExhausted: boolean;
  /** The forecast reaches the budget before the period ends. */
  budgetAtRisk: boolean;
  /** A model was asked for that the entity's policy does not allow (no exception covers it). */
  modelDisallowed: boolean;
}

/**
 * Whether the entity's opt-in lets the guardrail deny: `block` always,
 * `block-non-production` only in an environment known not to be
 * production; `warn` and no annotation never.
 */
export function enforces(
  facts: Pick<GuardrailFacts, 'enforcement' | 'environment'>,
): boolean {
  if (facts.enforcement === 'block') return true;
  return (
    facts.enforcement === 'block-non-production' &&
    facts.environment !== null &&
    facts.environment !== PRODUCTION
  );
}

/**
 * The guardrail's answer (DESIGN §9.4): `deny` only where the entity opted
 * in (see {@link enforces}) and its budget is exhausted or the model is
 * not allowed; the same findings without enforcement, or a budget at risk,
 * `warn`; otherwise `allow`. `reasons` say which.
 */
export function decideGuardrail(
  facts: GuardrailFacts,
  reasons: { budget?: string; model?: string },
): Pick<GuardrailDecision, 'decision' | 'reasons'> {
  const found: string[] = [];
  if (facts.budgetExhausted || facts.budgetAtRisk) {
    if (reasons.budget) found.push(reasons.budget);
  }
  if (facts.modelDisallowed && reasons.model) found.push(reasons.model);
  const breach = facts.budgetExhausted || facts.modelDisallowed;
  if (breach && enforces(facts)) return { decision: 'deny', reasons: found };
  if (breach || facts.budgetAtRisk) return { decision: 'warn', reasons: found };
  return { decision: 'allow', reasons: found };
}

import {
  BUDGET_ENFORCEMENTS,
  type BudgetEnforcement,
} from '@ai-cost/plugin-ai-cost-common';
import {
  decideGuardrail,
  enforces,
  type GuardrailFacts,
} from './guardrailDecision';

const REASONS = { budget: 'budget reason', model: 'model reason' };

/** Every combination of opt-in, environment and findings. */
function allFacts(): GuardrailFacts[] {
  const enforcements: Array<BudgetEnforcement | null> = [
    null,
    ...BUDGET_ENFORCEMENTS,
  ];
  const environments = [null, 'production', 'staging', 'development'];
  const facts: GuardrailFacts[] = [];
  for (const enforcement of enforcements)
    for (const environment of environments)
      for (const budgetExhausted of [false, true])
        for (const budgetAtRisk of [false, true])
          for (const modelDisallowed of [false, true])
            facts.push({
              enforcement,
              environment,
              budgetExhausted,
              budgetAtRisk,
              modelDisallowed,
            });
  return facts;
}

describe('decideGuardrail', () => {
  const cases = allFacts();

  it('never denies an entity that did not opt in with block or block-non-production', () => {
    for (const facts of cases.filter(
      f => f.enforcement === null || f.enforcement === 'warn',
    )) {
      expect(decideGuardrail(facts, REASONS).decision).not.toBe('deny');
    }
  });

  it('never denies a production entity (or one of unknown environment) without block', () => {
    for (const facts of cases.filter(
      f =>
        f.enforcement !== 'block' &&
        (f.environment === 'production' || f.environment === null),
    )) {
      expect(decideGuardrail(facts, REASONS).decision).not.toBe('deny');
    }
  });

  it('denies exactly when enforcement applies and the budget is spent or the model disallowed', () => {
    for (const facts of cases) {
      const breach = facts.budgetExhausted || facts.modelDisallowed;
      expect(decideGuardrail(facts, REASONS).decision === 'deny').toBe(
        breach && enforces(facts),
      );
    }
    expect(cases).toHaveLength(4 * 4 * 8);
  });

  it('warns of findings it does not enforce, allows when there are none', () => {
    const base: GuardrailFacts = {
      enforcement: 'warn',
      environment: 'staging',
      budgetExhausted: false,
      budgetAtRisk: false,
      modelDisallowed: false,
    };
    expect(decideGuardrail(base, REASONS)).toEqual({
      decision: 'allow',
      reasons: [],
    });
    expect(decideGuardrail({ ...base, budgetAtRisk: true }, REASONS)).toEqual({
      decision: 'warn',
      reasons: ['budget reason'],
    });
    expect(
      decideGuardrail(
        { ...base, enforcement: 'block', budgetAtRisk: true },
        REASONS,
      ).decision,
    ).toBe('warn');
    expect(
      decideGuardrail(
        { ...base, enforcement: 'block-non-production', modelDisallowed: true },
        REASONS,
      ),
    ).toEqual({ decision: 'deny', reasons: ['model reason'] });
  });
});

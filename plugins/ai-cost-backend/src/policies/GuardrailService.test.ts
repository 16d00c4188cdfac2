import type { BudgetStatus } from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import { ClaimIndex } from '../attribution/ClaimIndex';
import { EntityGraph } from '../attribution/EntityGraph';
import { GuardrailService } from './GuardrailService';
import { DEFAULT_MODEL_TIERS } from './modelTiers';
import { PolicyService } from './PolicyService';

const SVC = 'component:default/svc';

function status(state: BudgetStatus['state'], spent: number): BudgetStatus {
  return {
    entityRef: SVC,
    scope: null,
    currency: 'USD',
    budget: 100,
    source: 'annotation',
    period: {
      period: 'month',
      start: '2026-11-01',
      end: '2026-11-30',
      asOf: '2026-11-20',
      daysRemaining: 10,
    },
    spent,
    forecast: { median: spent * 1.5, low: spent, high: spent * 2 },
    forecastAccuracy: null,
    thresholds: [],
    thresholdsCrossed: [],
    projectedBreachDate: null,
    state,
  };
}

describe('GuardrailService', () => {
  function setup() {
    let clock = 0;
    const budgets = { status: jest.fn(async () => status('ok', 50)) };
    const index = {
      read: jest.fn(async () => ({
        state: undefined,
        graph: new EntityGraph([
          {
            entityRef: SVC,
            kind: 'Component',
            partOf: [],
            childOf: [],
            allocationTags: 'environment=staging',
            modelPolicy: { budgetEnforcement: 'block' },
          },
        ]),
        claims: new ClaimIndex([]),
        claimsOf: () => [],
        problems: [],
      })),
    } as unknown as CatalogIndexReader;
    const policies = new PolicyService({
      settings: { modelTiers: DEFAULT_MODEL_TIERS, defaults: {} },
      store: { listExceptions: async () => [] } as any,
      attribution: {} as any,
      index,
      normalizeEnvironment: async () => v => v,
      notifier: { notify: async () => {} },
    });
    const guardrails = new GuardrailService({
      index,
      policies,
      budgets,
      currency: 'USD',
      ttlMs: 1_000,
      clock: () => clock,
    });
    return {
      guardrails,
      budgets,
      index,
      tick: (ms: number) => (clock += ms),
    };
  }

  it('answers from its cache, serves stale facts while one refresh runs, and drops them on invalidate', async () => {
    const { guardrails, budgets, index, tick } = setup();
    const decide = () => guardrails.decide({ entityRef: SVC });
    expect((await decide()).decision).toBe('allow');
    for (let i = 0; i < 10; i++) await decide();
    expect(budgets.status).toHaveBeenCalledTimes(1);
    // One load: the index, and the policies read from it.
    expect(index.read).toHaveBeenCalledTimes(2);

    budgets.status.mockResolvedValue(status('over', 120));
    tick(1_500);
    // Stale: answered from the old status while the refresh runs...
    expect((await decide()).decision).toBe('allow');
    // ...then from the new one.
    expect(await decide()).toMatchObject({
      decision: 'deny',
      budget: { state: 'over', budget: 100, spent: 120 },
      environment: 'staging',
    });
    expect(budgets.status).toHaveBeenCalledTimes(2);

    budgets.status.mockResolvedValue(status('ok', 10));
    guardrails.invalidate();
    expect((await decide()).decision).toBe('allow');
    expect(budgets.status).toHaveBeenCalledTimes(3);
  });

  it('does not cache a failed load', async () => {
    const { guardrails, budgets } = setup();
    budgets.status.mockRejectedValueOnce(new Error('database down'));
    await expect(guardrails.decide({ entityRef: SVC })).rejects.toThrow(
      'database down',
    );
    expect((await guardrails.decide({ entityRef: SVC })).decision).toBe(
      'allow',
    );
  });

  it('allows what nothing claims', async () => {
    const { guardrails } = setup();
    expect(
      await guardrails.decide({ entityRef: 'component:default/unknown' }),
    ).toEqual({
      decision: 'allow',
      reasons: ['No catalog entity claims this caller; nothing to enforce'],
      entityRef: null,
      enforcement: null,
    });
  });
});

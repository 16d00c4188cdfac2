import type { PolicyException } from '@ai-cost/plugin-ai-cost-common';
import { findViolations } from './findViolations';
import { checkModelAgainst, type EntityModelPolicy } from './modelPolicy';
import { DEFAULT_MODEL_TIERS, ModelTiers } from './modelTiers';

const tiers = new ModelTiers(DEFAULT_MODEL_TIERS);
const SVC = 'component:default/svc';
const FREE = 'component:default/free';

const policy = (more: Partial<EntityModelPolicy>): EntityModelPolicy => ({
  maxTier: null,
  maxTierSource: 'none',
  allowedModels: [],
  environment: null,
  enforcement: null,
  ...more,
});

const exception: PolicyException = {
  id: 'e1',
  entityRef: SVC,
  model: 'claude-opus*',
  justification: 'Long-context legal review pilot',
  expiresAt: '2026-11-30',
  createdBy: 'user:default/owner',
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('findViolations', () => {
  const policies: Record<string, EntityModelPolicy> = {
    [SVC]: policy({ maxTier: 'efficient', allowedModels: ['gpt-4o'] }),
    [FREE]: policy({}),
  };
  const run = (exceptions: PolicyException[], to = '2026-11-20') =>
    findViolations({
      spend: [
        {
          entityRef: SVC,
          model: 'claude-opus-4-1',
          date: '2026-11-01',
          cost: 4_000_000,
        },
        {
          entityRef: SVC,
          model: 'claude-opus-4-1',
          date: '2026-11-02',
          cost: 6_500_000,
        },
        { entityRef: SVC, model: 'o3', date: '2026-11-02', cost: 1_000_000 },
        // A refund day and spend without a model are no violations.
        { entityRef: SVC, model: 'o3', date: '2026-11-03', cost: -1_000_000 },
        { entityRef: SVC, model: '', date: '2026-11-03', cost: 9_000_000 },
        // Allowed: by the allow-list, by tier, and no policy at all.
        {
          entityRef: SVC,
          model: 'gpt-4o',
          date: '2026-11-01',
          cost: 5_000_000,
        },
        {
          entityRef: SVC,
          model: 'gpt-4o-mini',
          date: '2026-11-01',
          cost: 1_000_000,
        },
        { entityRef: FREE, model: 'o3', date: '2026-11-01', cost: 8_000_000 },
      ],
      policyOf: ref => policies[ref],
      check: (p, model) => checkModelAgainst(p, tiers, model),
      exceptionsOf: ref => exceptions.filter(e => e.entityRef === ref),
      to,
    });

  it('sums cost and days per entity and model, most costly first', () => {
    expect(run([])).toEqual([
      {
        entityRef: SVC,
        model: 'claude-opus-4-1',
        tier: 'frontier',
        allowedTier: 'efficient',
        costMicros: 10_500_000,
        days: 2,
      },
      {
        entityRef: SVC,
        model: 'o3',
        tier: 'frontier',
        allowedTier: 'efficient',
        costMicros: 1_000_000,
        days: 1,
      },
    ]);
  });

  it('attaches an exception in force on the last day, not an expired one', () => {
    expect(run([exception])[0].exception).toEqual(exception);
    expect(run([exception], '2026-12-01')[0].exception).toBeUndefined();
  });
});

describe('checkModelAgainst', () => {
  it('allows unknown models under a max tier, but not off an allow-list alone', () => {
    expect(
      checkModelAgainst(policy({ maxTier: 'standard' }), tiers, 'my-finetune'),
    ).toEqual({ allowed: true, tier: null });
    expect(
      checkModelAgainst(
        policy({ allowedModels: ['claude-haiku*'] }),
        tiers,
        'gpt-4o-mini',
      ),
    ).toEqual({ allowed: false, tier: 'efficient' });
    expect(
      checkModelAgainst(
        policy({ allowedModels: ['claude-haiku*'] }),
        tiers,
        'claude-haiku-4-5',
      ),
    ).toEqual({ allowed: true, tier: 'efficient' });
  });
});

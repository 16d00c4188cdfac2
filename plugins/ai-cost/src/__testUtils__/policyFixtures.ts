import type {
  ModelPolicy,
  PolicyException,
  PolicyViolation,
} from '@ai-cost/plugin-ai-cost-common';

const SVC = 'component:default/search-api';

/** An exception of search-api to use claude-opus models until the end of the year. */
export const policyException: PolicyException = {
  id: 'exc-1',
  entityRef: SVC,
  model: 'claude-opus*',
  justification: 'Long-context legal review pilot, approved by platform',
  expiresAt: '2026-12-31',
  createdBy: 'user:default/owner',
  createdAt: '2026-11-10T09:00:00.000Z',
};

/** search-api: efficient models only, by annotation, in staging, blocking outside production. */
export function makeModelPolicy(more: Partial<ModelPolicy> = {}): ModelPolicy {
  return {
    entityRef: SVC,
    maxTier: 'efficient',
    maxTierSource: 'annotation',
    allowedModels: ['gpt-4o'],
    environment: 'staging',
    enforcement: 'block-non-production',
    exceptions: [],
    ...more,
  };
}

/** gpt-4.1 for 12 days ($342.50) and claude-opus-4-1 for 3 days under an exception ($96). */
export const policyViolations: PolicyViolation[] = [
  {
    entityRef: SVC,
    model: 'gpt-4.1',
    tier: 'standard',
    allowedTier: 'efficient',
    cost: 342.5,
    days: 12,
  },
  {
    entityRef: SVC,
    model: 'claude-opus-4-1',
    tier: 'frontier',
    allowedTier: 'efficient',
    cost: 96,
    days: 3,
    exception: policyException,
  },
];

import type {
  AllocationCoverage,
  AllocationRulePreview,
  AllocationRulesResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { AiCostApi } from '../api';
import { makeFakeApi } from './fixtures';

/**
 * Coverage of 2026-11-20..22: $7,408.90 of $9,876.54 attributed (75.0%,
 * threshold 80%), two providers, two tags, one day without spend.
 */
export function makeCoverage(
  overrides: Partial<AllocationCoverage> = {},
): AllocationCoverage {
  return {
    currency: 'USD',
    from: '2026-11-20',
    to: '2026-11-22',
    total: 9876.54,
    attributed: 7408.9,
    unallocated: 2467.64,
    coverage: 0.750152,
    threshold: 0.8,
    chargebackReady: false,
    byProvider: [
      {
        provider: 'openai',
        total: 8000,
        attributed: 6800.5,
        coverage: 0.8500625,
      },
      {
        provider: 'anthropic',
        total: 1876.54,
        attributed: 608.4,
        coverage: 0.324214,
      },
    ],
    tags: [
      {
        tag: 'environment',
        cost: 5432.1,
        coverage: 0.549997,
        topMissing: [
          {
            provider: 'openai',
            dimension: 'entity',
            value: 'component:default/query-rewriter',
            cost: 1200.25,
          },
          {
            provider: 'openai',
            dimension: 'projectId',
            value: 'proj_experiments',
            cost: 845.5,
          },
        ],
      },
      { tag: 'customer', cost: 9876.54, coverage: 1, topMissing: [] },
    ],
    daily: [
      { date: '2026-11-20', coverage: 0.7 },
      { date: '2026-11-21', coverage: null },
      { date: '2026-11-22', coverage: 0.8 },
    ],
    ...overrides,
  };
}

/** One portal and one config rule of each kind. */
export function makeRules(): AllocationRulesResponse {
  return {
    currency: 'USD',
    from: '2026-10-24',
    to: '2026-11-22',
    tags: ['environment', 'feature', 'customer'],
    virtualTags: [
      {
        kind: 'virtualTag',
        id: 'staging-projects',
        source: 'portal',
        tag: 'environment',
        value: 'staging',
        match: { provider: 'openai', projectId: 'proj_*_stg' },
        matchedCost: 321.5,
        problems: [],
        updatedBy: 'user:default/guest',
        updatedAt: '2026-11-20T10:00:00.000Z',
      },
      {
        kind: 'virtualTag',
        id: 'gateway-customer',
        source: 'config',
        tag: 'customer',
        valueFrom: 'tags.customer_id',
        match: { provider: 'gateway' },
        matchedCost: 1500,
        problems: [],
      },
    ],
    splitRules: [
      {
        kind: 'split',
        id: 'shared-eval-key',
        source: 'portal',
        method: 'fixed',
        shares: {
          'component:default/query-rewriter': 70,
          'component:default/ticket-summarizer': 30,
        },
        match: { provider: 'openai', apiKeyId: 'key_shared_eval' },
        matchedCost: 640.12,
        problems: [],
      },
      {
        kind: 'split',
        id: 'platform-gateway',
        source: 'config',
        method: 'proportional',
        targets: ['group:default/search-team', 'group:default/ghost-team'],
        match: { provider: 'gateway', 'tags.team': 'platform' },
        matchedCost: 210.75,
        problems: ['target group:default/ghost-team is not in the catalog'],
      },
    ],
  };
}

export function makePreview(
  overrides: Partial<AllocationRulePreview> = {},
): AllocationRulePreview {
  return {
    currency: 'USD',
    from: '2026-10-24',
    to: '2026-11-22',
    matchedCost: 321.5,
    moves: [
      { from: null, to: 'staging', cost: 300 },
      { from: 'production', to: 'staging', cost: 21.5 },
    ],
    ...overrides,
  };
}

/** {@link makeFakeApi} with allocation answers. */
export function makeAllocationApi(
  overrides: Partial<Record<keyof AiCostApi, jest.Mock>> = {},
): jest.Mocked<AiCostApi> {
  return makeFakeApi({
    getAllocationCoverage: jest
      .fn()
      .mockImplementation(async ({ from, to }) => makeCoverage({ from, to })),
    getAllocationRules: jest.fn().mockResolvedValue(makeRules()),
    previewAllocationRule: jest.fn().mockResolvedValue(makePreview()),
    putAllocationRule: jest.fn().mockImplementation(async (id, rule) => ({
      ...rule,
      id,
      source: 'portal',
      matchedCost: 321.5,
      problems: [],
    })),
    deleteAllocationRule: jest.fn().mockResolvedValue(undefined),
    ...overrides,
  });
}

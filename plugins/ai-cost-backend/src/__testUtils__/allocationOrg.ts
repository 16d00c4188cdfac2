import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { catalogEntity } from './fakeCatalog';

/**
 * A small organisation for allocation tests: two teams, components with
 * `ai-cost/tags`, an OpenAI key shared by two components (a fixed split), a
 * key split evenly with a target missing from the catalog, a staging project
 * tagged by a virtual-tag rule, and a gateway whose events carry messy
 * environment spellings, customers and features, with a platform team's
 * traffic split proportionally. Teams have cost centres, one inherited. The expected figures in the tests are worked
 * out by hand from {@link allocationUsage}.
 */
export function allocationCatalog() {
  return [
    catalogEntity('group:default/engineering', {
      annotations: { 'ai-cost/cost-center': 'CC-ENG' },
    }),
    catalogEntity('group:default/search-team', {
      parent: 'group:default/engineering',
      annotations: { 'ai-cost/cost-center': 'CC-100' },
    }),
    // No cost centre of its own: it inherits engineering's.
    catalogEntity('group:default/insights-team', {
      parent: 'group:default/engineering',
    }),
    catalogEntity('component:default/query-rewriter', {
      owner: 'group:default/search-team',
      annotations: {
        'ai-cost/openai-api-key-id': 'key_rewriter',
        'ai-cost/tags': 'environment=production, feature=rewrite',
      },
    }),
    catalogEntity('component:default/ticket-summarizer', {
      owner: 'group:default/insights-team',
      annotations: {
        'ai-cost/openai-api-key-id': 'key_summ',
        'ai-cost/tags': 'feature=summaries',
      },
    }),
    catalogEntity('component:default/gateway-search', {
      owner: 'group:default/search-team',
      annotations: { 'ai-cost/gateway-tags': 'team=search' },
    }),
    catalogEntity('component:default/gateway-insights', {
      owner: 'group:default/insights-team',
      annotations: { 'ai-cost/gateway-tags': 'team=insights' },
    }),
  ];
}

/** `aiCost.allocation` of the organisation. */
export const ALLOCATION_CONFIG = {
  virtualTags: [
    {
      tag: 'environment',
      value: 'staging',
      match: { provider: 'openai', projectId: 'proj_*_stg' },
    },
  ],
  splitRules: [
    {
      id: 'shared-eval-key',
      match: { provider: 'openai', apiKeyId: 'key_shared_eval' },
      method: 'fixed',
      shares: {
        'component:default/query-rewriter': 70,
        'component:default/ticket-summarizer': 30,
      },
    },
    {
      id: 'even-key',
      match: { provider: 'openai', apiKeyId: 'key_even' },
      method: 'even',
      targets: [
        'component:default/query-rewriter',
        'component:default/ticket-summarizer',
        'component:default/ghost',
      ],
    },
    {
      id: 'platform-gateway',
      match: { provider: 'gateway', 'tags.team': 'platform' },
      method: 'proportional',
      targets: ['group:default/search-team', 'group:default/insights-team'],
    },
  ],
  chargeback: { coverageThreshold: 0.95 },
};

const DAY = '2026-11-02';

function record(partial: Partial<UsageRecord> & { cost: number }): UsageRecord {
  return {
    date: DAY,
    model: 'gpt-4o',
    currency: 'USD',
    costKind: 'billed',
    requests: 1,
    ...partial,
  };
}

/** Usage per source, micro-units. */
export function allocationUsage(): Record<
  string,
  { provider: string; records: UsageRecord[] }
> {
  return {
    'openai-prod': {
      provider: 'openai',
      records: [
        record({ apiKeyId: 'key_rewriter', cost: 1_000_000 }),
        record({ apiKeyId: 'key_summ', cost: 500_000 }),
        record({ apiKeyId: 'key_shared_eval', cost: 333_333 }),
        record({ apiKeyId: 'key_even', cost: 100_000 }),
        record({
          apiKeyId: 'key_rewriter',
          projectId: 'proj_eval_stg',
          cost: 40_000,
        }),
      ],
    },
    gateway: {
      provider: 'gateway',
      records: [
        record({
          tags: {
            team: 'search',
            environment: 'PROD',
            customer: 'acme',
            feature: 'search',
          },
          cost: 600_000,
        }),
        record({
          tags: { team: 'insights', environment: 'prod', customer: 'globex' },
          cost: 200_000,
        }),
        record({
          tags: { team: 'platform', Environment: 'Production' },
          cost: 100_001,
        }),
        record({ tags: { team: 'unknown', environment: 'stg' }, cost: 50_000 }),
      ],
    },
  };
}

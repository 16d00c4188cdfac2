import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { catalogEntity } from './fakeCatalog';

/**
 * A 26-entity organisation for attribution tests: nested groups, domains,
 * systems with parts, a conflicting api key, a tag selector tying with an
 * account, nested Azure resource prefixes, a bad annotation and unclaimed
 * spend. The expected figures in the tests are worked out by hand from
 * {@link exampleUsage}.
 */
export function exampleCatalog() {
  const g = (name: string, parent?: string) =>
    catalogEntity(`group:default/${name}`, {
      ...(parent ? { parent: `group:default/${parent}` } : {}),
    });
  const owned = (team: string) => `group:default/${team}`;
  return [
    g('acme'),
    g('engineering', 'acme'),
    g('search-team', 'engineering'),
    g('assistant-team', 'engineering'),
    g('insights-team', 'acme'),
    g('platform', 'acme'),
    catalogEntity('domain:default/discovery', { owner: owned('engineering') }),
    catalogEntity('domain:default/customer-experience', {
      owner: owned('assistant-team'),
    }),
    catalogEntity('system:default/search', {
      owner: owned('search-team'),
      partOf: 'domain:default/discovery',
      title: 'Search',
      annotations: { 'ai-cost/gcp-project-id': 'gcp-search' },
    }),
    catalogEntity('system:default/recommendations', {
      owner: owned('search-team'),
      partOf: 'domain:default/discovery',
    }),
    catalogEntity('system:default/support', {
      owner: owned('assistant-team'),
      partOf: 'domain:default/customer-experience',
    }),
    catalogEntity('system:default/insights', { owner: owned('insights-team') }),
    catalogEntity('component:default/search-api', {
      owner: owned('search-team'),
      partOf: 'system:default/search',
      annotations: {
        'ai-cost/openai-project-id': 'proj_search',
        'ai-cost/monthly-budget': '1500',
      },
    }),
    catalogEntity('component:default/query-rewriter', {
      owner: owned('search-team'),
      partOf: 'system:default/search',
      annotations: { 'ai-cost/openai-api-key-id': 'key_rewriter,key_shared' },
    }),
    catalogEntity('component:default/semantic-indexer', {
      owner: owned('search-team'),
      partOf: 'system:default/search',
      annotations: { 'ai-cost/anthropic-api-key-id': 'akey_indexer' },
    }),
    catalogEntity('api:default/search-openapi', {
      owner: owned('search-team'),
      partOf: 'system:default/search',
    }),
    catalogEntity('component:default/reco-ranker', {
      owner: owned('search-team'),
      partOf: 'system:default/recommendations',
      annotations: { 'ai-cost/anthropic-workspace-id': 'wrk_reco' },
    }),
    catalogEntity('component:default/ticket-summarizer', {
      owner: owned('assistant-team'),
      partOf: 'system:default/support',
      annotations: { 'ai-cost/openai-api-key-id': 'key_shared' },
    }),
    catalogEntity('component:default/support-bot', {
      owner: owned('assistant-team'),
      partOf: 'system:default/support',
      annotations: { 'ai-cost/anthropic-workspace-id': 'default' },
    }),
    catalogEntity('component:default/azure-chat', {
      owner: owned('assistant-team'),
      partOf: 'system:default/support',
      annotations: {
        'ai-cost/azure-resource-id': '/subscriptions/sub1/resourceGroups/rg-ai',
      },
    }),
    catalogEntity('component:default/azure-chat-eu', {
      owner: owned('assistant-team'),
      annotations: {
        'ai-cost/azure-resource-id':
          '/subscriptions/sub1/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/eu',
      },
    }),
    catalogEntity('component:default/insights-notebook', {
      owner: owned('insights-team'),
      partOf: 'system:default/insights',
      annotations: { 'ai-cost/aws-tags': 'team=insights' },
    }),
    catalogEntity('resource:default/bedrock-sandbox', {
      owner: owned('platform'),
      annotations: { 'ai-cost/aws-account-id': '111122223333' },
    }),
    catalogEntity('component:default/llm-gateway', {
      owner: owned('platform'),
      annotations: {
        'ai-cost/gateway-tags': 'service=gw',
        'ai-cost/monthly-budget': '300 EUR',
      },
    }),
    catalogEntity('component:default/docs-site', { owner: owned('platform') }),
    catalogEntity('component:default/broken', {
      owner: owned('platform'),
      annotations: { 'ai-cost/aws-tags': 'oops' },
    }),
  ];
}

const DAY = '2026-11-02';

function usage(cost: number, rest: Partial<UsageRecord>): UsageRecord {
  return {
    date: DAY,
    cost,
    currency: 'USD',
    costKind: 'billed',
    requests: 1,
    ...rest,
  };
}

/** Usage per source; every cost in micro-units. */
export function exampleUsage(): Record<
  string,
  { provider: string; records: UsageRecord[] }
> {
  return {
    'openai-prod': {
      provider: 'openai',
      records: [
        usage(10_000_001, {
          projectId: 'proj_search',
          apiKeyId: 'key_x',
          model: 'gpt-4o',
          inputTokens: 1_000,
          outputTokens: 200,
          requests: 10,
        }),
        usage(3_333_333, {
          projectId: 'proj_search',
          apiKeyId: 'key_rewriter',
          model: 'gpt-4o-mini',
        }),
        usage(1_000_001, {
          projectId: 'proj_support',
          apiKeyId: 'key_shared',
          model: 'gpt-4o-mini',
          inputTokens: 11,
          requests: 3,
        }),
        usage(2_500_000, {
          projectId: 'proj_experiments',
          apiKeyId: 'key_exp',
          model: 'gpt-4o',
        }),
        usage(50_000, { model: null, lineItem: 'organization fee' }),
        // Previous period (the 3 days before 2026-11-01).
        usage(5_000_000, {
          date: '2026-10-30',
          projectId: 'proj_search',
          apiKeyId: 'key_x',
          model: 'gpt-4o',
        }),
      ],
    },
    'anthropic-prod': {
      provider: 'anthropic',
      records: [
        usage(4_000_000, {
          projectId: 'wrk_other',
          apiKeyId: 'akey_indexer',
          model: 'claude-sonnet-4-5',
          costKind: 'estimated',
        }),
        usage(1_200_000, {
          projectId: 'default',
          apiKeyId: 'akey_z',
          model: 'claude-haiku-4-5',
        }),
        usage(2_000_000, {
          projectId: 'wrk_reco',
          apiKeyId: 'akey_r',
          model: 'claude-sonnet-4-5',
        }),
      ],
    },
    'aws-main': {
      provider: 'aws',
      records: [
        usage(3_000_001, {
          accountId: '111122223333',
          tags: { team: 'insights' },
          model: 'anthropic.claude-3-5-sonnet',
        }),
        usage(700_000, {
          accountId: '999988887777',
          tags: { team: 'insights' },
          model: 'anthropic.claude-3-5-sonnet',
        }),
        usage(900_000, { accountId: '555566667777', model: 'amazon.nova-pro' }),
      ],
    },
    'azure-main': {
      provider: 'azure',
      records: [
        usage(1_100_000, {
          resourceId:
            '/subscriptions/sub1/resourceGroups/RG-AI/providers/Microsoft.CognitiveServices/accounts/eu',
          model: 'gpt-4o',
        }),
        usage(600_000, {
          resourceId:
            '/subscriptions/sub1/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/us',
          model: 'gpt-4o',
        }),
      ],
    },
    'gcp-billing': {
      provider: 'gcp',
      records: [
        usage(2_000_000, { projectId: 'gcp-search', model: 'gemini-2.5-pro' }),
        usage(-500_000, {
          projectId: 'gcp-search',
          model: 'gemini-2.5-pro',
          lineItem: 'credit: committed use discount',
          requests: 0,
        }),
      ],
    },
    gateway: {
      provider: 'gateway',
      records: [
        usage(800_000, { tags: { service: 'gw', team: 'x' }, model: 'gpt-4o' }),
        usage(300_000, { tags: { service: 'unknown' }, model: 'gpt-4o' }),
      ],
    },
  };
}

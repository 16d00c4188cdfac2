import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { catalogEntity } from './fakeCatalog';

/**
 * A small organisation for unit-economics tests: a document service whose
 * unit is `documents_processed` (its own annotation) on an OpenAI key, and
 * a chat service on a gateway whose events carry customers. The figures the
 * tests expect are worked out by hand from {@link unitEconomicsUsage}.
 */
export function unitEconomicsCatalog() {
  return [
    catalogEntity('group:default/team-a'),
    catalogEntity('component:default/doc-service', {
      owner: 'group:default/team-a',
      annotations: {
        'ai-cost/openai-api-key-id': 'key_doc',
        'ai-cost/unit-metric': 'documents_processed',
      },
    }),
    catalogEntity('component:default/chat-service', {
      owner: 'group:default/team-a',
      annotations: { 'ai-cost/gateway-tags': 'team=chat' },
    }),
  ];
}

function record(partial: Partial<UsageRecord> & { cost: number }): UsageRecord {
  return {
    date: '2026-11-01',
    model: 'gpt-4o',
    currency: 'USD',
    costKind: 'billed',
    requests: 1,
    ...partial,
  };
}

/** Usage per source, micro-units. */
export function unitEconomicsUsage(): Record<
  string,
  { provider: string; records: UsageRecord[] }
> {
  return {
    'openai-prod': {
      provider: 'openai',
      records: [
        record({
          apiKeyId: 'key_doc',
          cost: 1_000_000,
          requests: 10,
          inputTokens: 1_000,
          outputTokens: 500,
        }),
        record({
          date: '2026-11-02',
          apiKeyId: 'key_doc',
          cost: 2_000_000,
          requests: 20,
          inputTokens: 2_000,
          cachedInputTokens: 500,
          outputTokens: 500,
        }),
        // The provider reported no requests for this spend.
        record({
          date: '2026-11-03',
          apiKeyId: 'key_doc',
          cost: 500_000,
          requests: 0,
        }),
      ],
    },
    gateway: {
      provider: 'gateway',
      records: [
        record({ tags: { team: 'chat', customer: 'acme' }, cost: 400_000 }),
        record({
          date: '2026-11-02',
          tags: { team: 'chat', customer: 'acme' },
          cost: 100_000,
        }),
        record({
          date: '2026-11-02',
          tags: { team: 'chat', customer: 'globex' },
          cost: 300_000,
        }),
        record({ date: '2026-11-02', tags: { team: 'unknown' }, cost: 50_000 }),
      ],
    },
  };
}

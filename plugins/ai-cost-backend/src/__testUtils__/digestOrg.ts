import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import { createCostTestApp } from './createCostTestApp';
import { catalogEntity } from './fakeCatalog';

export const PLATFORM = 'group:default/platform';
export const TEAM = 'group:default/search-team';
export const SEARCH = 'component:default/search-api';
export const CHAT = 'component:default/chat-bot';
export const DOCS = 'component:default/docs-site';
export const LEADERSHIP = 'group:default/leadership';

/**
 * Daily spend, October 1 to November 29: search-api $5 a day in October, $8
 * until Nov 22 and $10 from Nov 23; chat-bot $2, docs-site $1 and an
 * unclaimed project $3 every day.
 */
function usage(): UsageRecord[] {
  const record = (date: string, projectId: string, dollars: number) => ({
    date,
    projectId,
    model: 'gpt-4o',
    cost: dollars * 1_000_000,
    currency: 'USD',
    costKind: 'billed' as const,
  });
  return eachDay('2026-10-01', '2026-11-29').flatMap(date => {
    let search = 8;
    if (date < '2026-11-01') search = 5;
    else if (date >= '2026-11-23') search = 10;
    return [
      record(date, 'proj_search', search),
      record(date, 'proj_chat', 2),
      record(date, 'proj_docs', 1),
      record(date, 'proj_orphan', 3),
    ];
  });
}

/**
 * Platform with its child group Search Team, which owns Search API (budget
 * $400) and Chat Bot and has a $300 budget of its own; Docs Site belongs to
 * Platform; a leadership group receives the leadership report.
 */
export async function createDigestOrg(
  knex: Knex,
  options: Pick<
    Parameters<typeof createCostTestApp>[0],
    'now' | 'config' | 'policy' | 'policyViolations'
  >,
) {
  const test = await createCostTestApp({
    knex,
    ...options,
    entities: [
      catalogEntity(LEADERSHIP),
      catalogEntity(PLATFORM, { title: 'Platform' }),
      catalogEntity(TEAM, {
        title: 'Search Team',
        parent: PLATFORM,
        annotations: { 'ai-cost/monthly-budget': '300' },
      }),
      catalogEntity(SEARCH, {
        title: 'Search API',
        owner: TEAM,
        annotations: {
          'ai-cost/openai-project-id': 'proj_search',
          'ai-cost/monthly-budget': '400',
        },
      }),
      catalogEntity(CHAT, {
        title: 'Chat Bot',
        owner: TEAM,
        annotations: { 'ai-cost/openai-project-id': 'proj_chat' },
      }),
      catalogEntity(DOCS, {
        owner: PLATFORM,
        annotations: { 'ai-cost/openai-project-id': 'proj_docs' },
      }),
    ],
  });
  await test.indexer.rebuild();
  await test.ingest('openai-prod', 'openai', usage(), {
    from: '2026-10-01',
    to: '2026-11-29',
  });
  await test.anomalyStore.upsertAnomaly({
    entityRef: SEARCH,
    model: '',
    startDate: '2026-11-23',
    endDate: '2026-11-24',
    expected: 8_000_000,
    actual: 10_000_000,
    impact: 2_000_000,
    impactPct: 25,
    severity: 'medium',
    rootCauses: [],
    status: 'open',
  });
  await test.recommendationStore.syncRecommendations(
    [
      {
        entityRef: CHAT,
        rule: 'model-right-sizing',
        fingerprint: 'openai/gpt-4o',
        title: 'Try gpt-4o-mini for Chat Bot',
        description: 'Short prompts and answers.',
        evidence: {},
        estimatedMonthlySavings: 12_500_000,
        confidence: 'medium',
      },
    ],
    { now: new Date('2026-11-29T00:00:00Z'), staleRetentionDays: 30 },
  );
  return test;
}

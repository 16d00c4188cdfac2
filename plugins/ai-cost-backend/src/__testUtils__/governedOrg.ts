import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import { createCostTestApp, type TestPolicy } from './createCostTestApp';
import { catalogEntity } from './fakeCatalog';

export const PLATFORM = 'group:default/platform';
export const TEAM = 'group:default/search-team';
export const SVC = 'component:default/search-api';
export const OTHER = 'component:default/docs-site';

/** The callers of the permission matrix. */
export const USERS = {
  /** Sees everything but SVC in the catalog. */
  hidden: 'user:default/eve',
  plain: 'user:default/bob',
  /** Member of TEAM, which owns SVC. */
  owner: 'user:default/alice',
  /** Member of PLATFORM, the AI Cost administrators. */
  admin: 'user:default/admin',
} as const;

const GROUPS: Record<string, string[]> = {
  [USERS.owner]: [TEAM],
  [USERS.admin]: [PLATFORM],
};

/** Owner group of each entity, as the catalog's ownedBy relations say. */
const OWNERS: Record<string, string> = {
  [SVC]: TEAM,
  [OTHER]: PLATFORM,
};

/**
 * The example permission policy of `packages/backend`
 * (`AiCostExamplePermissionPolicy`) expressed through the programmable
 * policy of {@link createCostTestApp}: everyone reads the costs of what they
 * can see; owners update budgets and decide on recommendations of what they
 * own (the `isEntityOwner` condition); members of the platform group have
 * org read and admin; everything else is allowed.
 */
export const examplePolicy: TestPolicy = (permission, user, resourceRef) => {
  const claims = [user, ...(GROUPS[user] ?? [])];
  switch (permission) {
    case 'ai-cost.budget.update':
    case 'ai-cost.recommendations.update':
      return resourceRef && claims.includes(OWNERS[resourceRef] ?? '')
        ? 'ALLOW'
        : 'DENY';
    case 'ai-cost.admin':
    case 'ai-cost.org.read':
      return claims.includes(PLATFORM) ? 'ALLOW' : 'DENY';
    default:
      return 'ALLOW';
  }
};

/**
 * 2026-10-15..2026-11-20: 1,000 short gpt-4o calls a day of SVC (a model
 * right-sizing recommendation) and $5 a day in a project nobody claims (an
 * org-level ownerless-spend recommendation).
 */
function usage(): UsageRecord[] {
  return eachDay('2026-10-15', '2026-11-20').flatMap(date => [
    {
      date,
      projectId: 'proj_search',
      apiKeyId: 'key_search',
      model: 'gpt-4o',
      requests: 1_000,
      inputTokens: 600_000,
      outputTokens: 100_000,
      cost: 2_500_000,
      currency: 'USD',
      costKind: 'billed' as const,
    },
    {
      date,
      projectId: 'proj_orphan',
      apiKeyId: 'key_orphan',
      model: 'gpt-4o-mini',
      requests: 10,
      cost: 5_000_000,
      currency: 'USD',
      costKind: 'billed' as const,
    },
  ]);
}

/**
 * A small governed organisation on a test database: SVC with spend, an
 * annotation budget, an anomaly and a recommendation; an org-level
 * recommendation; a source whose last run failed; the example policy.
 */
export async function createGovernedOrg(knex: Knex) {
  const test = await createCostTestApp({
    knex,
    now: new Date('2026-11-21T08:00:00Z'),
    // The source `POST /sources/openai-prod/refresh` asks for; never run.
    providers: [
      {
        id: 'openai-prod',
        provider: 'openai',
        fetchUsage: async () => [],
      },
    ],
    entities: [
      catalogEntity(PLATFORM),
      catalogEntity(TEAM),
      catalogEntity(SVC, {
        owner: TEAM,
        annotations: {
          'ai-cost/openai-project-id': 'proj_search',
          'ai-cost/monthly-budget': '100',
          'ai-cost/gateway-tags': 'service=search',
        },
      }),
      catalogEntity(OTHER, { owner: PLATFORM }),
    ],
    hiddenFrom: { [USERS.hidden]: [SVC] },
    policy: examplePolicy,
    // The admin decides budget requests.
    config: {
      currency: 'USD',
      budgets: { approval: { approvers: [USERS.admin] } },
    },
  });
  await test.indexer.rebuild();
  await test.ingest('openai-prod', 'openai', usage(), {
    from: '2026-10-15',
    to: '2026-11-20',
  });
  await test.recommendationMonitor.evaluate();
  const { items: recommendations } =
    await test.recommendationStore.listRecommendations({ limit: 100 });
  const entityRecommendation = recommendations.find(r => r.entityRef === SVC);
  const orgRecommendation = recommendations.find(r => r.entityRef === '');
  if (!entityRecommendation || !orgRecommendation) {
    throw new Error(
      `expected recommendations for ${SVC} and org-level, got ${JSON.stringify(
        recommendations.map(r => [r.entityRef, r.rule]),
      )}`,
    );
  }
  const { anomaly } = await test.anomalyStore.upsertAnomaly({
    entityRef: SVC,
    model: '',
    startDate: '2026-11-18',
    endDate: '2026-11-19',
    expected: 2_500_000,
    actual: 9_000_000,
    impact: 6_500_000,
    impactPct: 260,
    severity: 'high',
    rootCauses: [],
    status: 'open',
  });
  const window = { from: '2026-11-01', to: '2026-11-20' };
  const run = await test.store.startRun({
    sourceId: 'openai-prod',
    trigger: 'schedule',
    window,
  });
  await test.store.failRun(
    run,
    'ProviderApiError: OpenAI /organization/costs answered 500 after 6 attempts: upstream connect error',
  );
  return {
    ...test,
    knex,
    ids: {
      anomaly: anomaly.id,
      entityRecommendation: entityRecommendation.id,
      orgRecommendation: orgRecommendation.id,
    },
  };
}

/** A portal allocation rule body (a virtual tag). */
export const ALLOCATION_RULE = {
  tag: 'environment',
  value: 'staging',
  match: { provider: 'openai', projectId: 'proj_*_stg' },
};

/** One gateway event of SVC, billed. */
export function gatewayEvent(id: string, amount = '0.001') {
  return {
    id,
    timestamp: '2026-11-20T10:00:00Z',
    attributes: {
      service: 'search',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 10,
    },
    cost: { amount, currency: 'USD' },
  };
}

/** A FOCUS file of one line. */
export const FOCUS_CSV = [
  'BillingAccountId,BillingCurrency,BilledCost,ChargePeriodStart,ProviderName,SubAccountId,ChargeDescription',
  '999988887777,USD,1.25,2026-11-19T00:00:00Z,AWS,111122223333,Bedrock tokens',
  '',
].join('\n');

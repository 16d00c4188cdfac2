import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  eachDay,
  type AllocationCoverage,
  type Anomaly,
  type AttributionStatus,
  type Budget,
  type BudgetStatus,
  type EntityCostsResponse,
  type Recommendation,
  type RecommendationsResponse,
  type RollupResponse,
  type SourceInfo,
} from '@ai-cost/plugin-ai-cost-common';
import type { AiCostApi, AllocationRuleBody } from '../api';
import {
  makeChargebackStatement,
  makeClosedStatement,
} from './chargebackFixtures';
import {
  makeMetrics,
  makeTagEconomicsFor,
  makeUnitCostsFor,
} from './unitEconomicsFixtures';
import { makeBudgetApprovalRequest } from './budgetRequestFixtures';
import { makeOrgSpendForecast, makeSpendForecast } from './forecastFixtures';
import { makeBudgetSuggestion, makeYearPlan } from './planningFixtures';

/** "Today" in tests: periods end on this UTC day. */
export const TODAY = '2026-11-22';
export const now = () => new Date(`${TODAY}T15:30:00Z`);

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'query-rewriter',
    title: 'Query Rewriter',
    annotations: {
      'ai-cost/openai-api-key-id': 'key_query_rewriter, key_shared_eval',
    },
  },
  spec: { type: 'service', owner: 'group:default/search-team' },
};

export const groupEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'search-team' },
  spec: { type: 'team', children: [] },
};

/**
 * Daily spend per model: three models every day, only two on the last day,
 * which is the most expensive ($41.22); 30 days add up to $1,234.5678.
 */
export function dailyByModelFor(from: string, to: string) {
  const days = eachDay(from, to);
  return days.flatMap((date, i) =>
    i === days.length - 1
      ? [
          { date, provider: 'openai', model: 'gpt-4o', cost: 26.67 },
          {
            date,
            provider: 'anthropic',
            model: 'claude-sonnet-4',
            cost: 14.5478,
          },
        ]
      : [
          { date, provider: 'openai', model: 'gpt-4o', cost: 26.67 },
          { date, provider: 'openai', model: 'gpt-4o-mini', cost: 6.67 },
          { date, provider: 'anthropic', model: 'claude-sonnet-4', cost: 7.81 },
        ],
  );
}

function dailyFor(from: string, to: string) {
  const byDay = new Map<string, number>();
  for (const item of dailyByModelFor(from, to)) {
    byDay.set(item.date, (byDay.get(item.date) ?? 0) + item.cost);
  }
  return eachDay(from, to).map(date => ({
    date,
    cost: Math.round((byDay.get(date) ?? 0) * 1e6) / 1e6,
  }));
}

/** `GET /costs` of a component that spends $1,234.5678 in the last 30 days. */
export function makeEntityCosts(
  overrides: Partial<EntityCostsResponse> = {},
): EntityCostsResponse {
  const from = overrides.from ?? '2026-10-24';
  const to = overrides.to ?? TODAY;
  return {
    entityRef: 'component:default/query-rewriter',
    kind: 'Component',
    title: 'Query Rewriter',
    currency: 'USD',
    from,
    to,
    total: {
      cost: 1234.5678,
      inputTokens: 41_200_000,
      cachedInputTokens: 12_500_000,
      cacheWriteTokens: 0,
      outputTokens: 8_300_000,
      reasoningTokens: 1_000_000,
      requests: 152_340,
    },
    own: { cost: 1034.5678 },
    viaChildren: { cost: 200 },
    estimatedCost: 34.5678,
    demoCost: 0,
    previousPeriod: { from: '2026-09-24', to: '2026-10-23', cost: 1000 },
    historyFrom: '2026-06-01',
    daily: dailyFor(from, to),
    dailyByModel: dailyByModelFor(from, to),
    byProvider: [
      { provider: 'openai', cost: 1000.1234 },
      { provider: 'anthropic', cost: 234.4444 },
    ],
    byCategory: [{ category: 'model-api', cost: 1234.5678 }],
    byModel: [
      {
        provider: 'openai',
        source: 'openai',
        model: 'gpt-4o',
        unpriced: false,
        cost: 800.1234,
        estimatedCost: 0,
        inputTokens: 30_000_000,
        cachedInputTokens: 10_000_000,
        cacheWriteTokens: 0,
        outputTokens: 6_000_000,
        requests: 100_000,
      },
      {
        provider: 'anthropic',
        source: 'anthropic',
        model: 'claude-sonnet-4',
        unpriced: false,
        cost: 234.4444,
        estimatedCost: 34.5678,
        inputTokens: 1_200_000,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 300_000,
        requests: 2_340,
      },
      {
        provider: 'openai',
        source: 'openai',
        model: 'gpt-4o-mini',
        unpriced: false,
        cost: 200,
        estimatedCost: 0,
        inputTokens: 10_000_000,
        cachedInputTokens: 2_500_000,
        cacheWriteTokens: 0,
        outputTokens: 2_000_000,
        requests: 50_000,
      },
    ],
    byApiKey: [
      {
        provider: 'openai',
        apiKeyId: 'key_query_rewriter',
        cost: 600.1234,
        requests: 70_000,
      },
      {
        provider: 'openai',
        apiKeyId: 'key_shared_eval',
        cost: 400,
        requests: 80_000,
      },
      { provider: 'anthropic', apiKeyId: '', cost: 234.4444, requests: 2_340 },
    ],
    byTokenType: {
      items: [
        { tokenType: 'input', tokens: 41_200_000, cost: 700 },
        { tokenType: 'cachedInput', tokens: 12_500_000, cost: 60 },
        { tokenType: 'cacheWrite', tokens: 0, cost: 0 },
        { tokenType: 'output', tokens: 8_300_000, cost: 470 },
      ],
      unexplainedCost: 4.5678,
    },
    // Each tag's items add up to the total, $1,234.5678.
    byTag: {
      environment: [
        { value: 'production', cost: 1000.1234 },
        { value: 'staging', cost: 200 },
        { value: null, cost: 34.4444 },
      ],
      feature: [
        { value: 'query-expansion', cost: 800.1234 },
        { value: 'spell-fix', cost: 400 },
        { value: null, cost: 34.4444 },
      ],
      customer: [
        { value: 'acme', cost: 600.1234 },
        { value: 'globex', cost: 300 },
        { value: null, cost: 200, otherValues: 14 },
        { value: null, cost: 134.4444 },
      ],
    },
    // 70% of the shared eval key's $400, by the fixed split rule.
    shared: [
      { ruleId: 'shared-eval-key', method: 'fixed', share: 0.7, cost: 280 },
    ],
    byChild: [],
    hiddenChildren: { count: 0, cost: 0 },
    hiddenDescendants: { count: 0, cost: 0 },
    claims: [
      {
        annotation: 'ai-cost/openai-api-key-id',
        provider: 'openai',
        dimension: 'apiKeyId',
        value: 'key_query_rewriter',
        conflictsWith: [],
      },
      {
        annotation: 'ai-cost/openai-api-key-id',
        provider: 'openai',
        dimension: 'apiKeyId',
        value: 'key_shared_eval',
        conflictsWith: ['component:default/ticket-summarizer'],
      },
    ],
    ...overrides,
  };
}

/** `GET /costs` of an entity that claims nothing and spent nothing. */
export function makeEmptyCosts(
  overrides: Partial<EntityCostsResponse> = {},
): EntityCostsResponse {
  return makeEntityCosts({
    total: {
      cost: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      requests: 0,
    },
    own: { cost: 0 },
    viaChildren: { cost: 0 },
    estimatedCost: 0,
    previousPeriod: { from: '2026-09-24', to: '2026-10-23', cost: 0 },
    historyFrom: '2026-06-01',
    daily: eachDay('2026-10-24', TODAY).map(date => ({ date, cost: 0 })),
    dailyByModel: [],
    byProvider: [],
    byCategory: [],
    byModel: [],
    byApiKey: [],
    byTokenType: { items: [], unexplainedCost: 0 },
    byTag: { environment: [], feature: [], customer: [] },
    shared: [],
    claims: [],
    ...overrides,
  });
}

/** `GET /rollup?groupBy=owner` */
export function makeRollup(
  overrides: Partial<RollupResponse> = {},
): RollupResponse {
  return {
    currency: 'USD',
    from: '2026-10-24',
    to: TODAY,
    groupBy: 'owner',
    historyFrom: '2026-06-01',
    total: 9876.54,
    items: [
      {
        key: 'group:default/search-team',
        entityRef: 'group:default/search-team',
        title: 'Search Team',
        cost: 4321.09,
        previousCost: 3100,
      },
      {
        key: 'group:default/support-team',
        entityRef: 'group:default/support-team',
        cost: 3210.5,
        previousCost: 3400.25,
      },
      {
        key: 'group:default/insights',
        entityRef: 'group:default/insights',
        cost: 1000,
        previousCost: 0,
      },
      { key: '(none)', cost: 120.0, previousCost: 95.5 },
    ],
    unallocated: {
      cost: 1224.95,
      items: [
        {
          provider: 'openai',
          dimension: 'projectId',
          value: 'proj_orphan',
          cost: 1012.45,
          claimWith: 'ai-cost/openai-project-id',
          hint: 'Add "ai-cost/openai-project-id: proj_orphan" to the catalog-info.yaml of the entity that uses it (append to its comma-separated list if it has one).',
        },
        {
          provider: 'aws',
          dimension: 'accountId',
          value: '210987654321',
          cost: 200,
          claimWith: 'ai-cost/aws-account-id',
          hint: 'Add "ai-cost/aws-account-id: 210987654321" to the catalog-info.yaml of the entity that uses it (append to its comma-separated list if it has one).',
        },
        {
          provider: 'anthropic',
          dimension: 'none',
          value: '',
          cost: 12.5,
          hint: 'Anthropic reports this spend without a workspace or API key id. Claim the default workspace with "ai-cost/anthropic-workspace-id: default", or give each team a workspace of its own.',
        },
      ],
    },
    ...overrides,
  };
}

export function makeAttributionStatus(
  overrides: Partial<AttributionStatus> = {},
): AttributionStatus {
  return {
    builtAt: '2026-11-22T14:00:00.000Z',
    entities: 42,
    claimingEntities: 12,
    claims: 17,
    conflicts: [
      {
        provider: 'openai',
        dimension: 'apiKeyId',
        value: 'key_shared_eval',
        entityRefs: [
          'component:default/query-rewriter',
          'component:default/ticket-summarizer',
        ],
      },
    ],
    problems: [
      {
        entityRef: 'component:default/insights-etl',
        annotation: 'ai-cost/aws-tags',
        message: 'Invalid ai-cost/aws-tags item "team": expected key=value',
      },
    ],
    ...overrides,
  };
}

export const sources: SourceInfo[] = [
  {
    id: 'demo-openai',
    provider: 'openai',
    status: 'succeeded',
    lastRunAt: '2026-11-22T14:00:00.000Z',
    lastSuccessAt: '2026-11-22T14:00:00.000Z',
    lastError: null,
    rowsUpserted: 720,
    freshThrough: '2026-11-21',
    demo: true,
  },
  {
    id: 'anthropic-prod',
    provider: 'anthropic',
    status: 'failed',
    lastRunAt: '2026-11-22T14:00:00.000Z',
    lastSuccessAt: '2026-11-21T14:00:00.000Z',
    lastError: 'Anthropic answered 401: invalid x-api-key',
    rowsUpserted: 0,
    freshThrough: '2026-11-20',
  },
];

/** `GET /budgets`: a portal budget of $2,500 a month. */
export function makeBudget(overrides: Partial<Budget> = {}): Budget {
  return {
    entityRef: 'component:default/query-rewriter',
    scope: null,
    amount: 2500,
    currency: 'USD',
    period: 'month',
    thresholds: [0.5, 0.8, 1],
    source: 'portal',
    updatedBy: 'user:default/guest',
    updatedAt: '2026-11-02T08:15:00.000Z',
    ...overrides,
  };
}

/**
 * `GET /budgets/status` of a component at risk: $2,104.30 of $2,500 spent by
 * Nov 21, the forecast median $2,987.65 crosses the budget on Nov 25.
 */
export function makeBudgetStatus(
  overrides: Partial<BudgetStatus> = {},
): BudgetStatus {
  return {
    entityRef: 'component:default/query-rewriter',
    scope: null,
    currency: 'USD',
    budget: 2500,
    source: 'portal',
    period: {
      period: 'month',
      start: '2026-11-01',
      end: '2026-11-30',
      asOf: '2026-11-21',
      daysRemaining: 9,
    },
    spent: 2104.3,
    forecast: { median: 2987.65, low: 2810.2, high: 3190.45 },
    forecastAccuracy: { meanAbsPctError: 6.42, samples: 18 },
    thresholds: [
      {
        fraction: 0.5,
        amount: 1250,
        crossed: true,
        projectedDate: '2026-11-12',
      },
      {
        fraction: 0.8,
        amount: 2000,
        crossed: true,
        projectedDate: '2026-11-20',
      },
      {
        fraction: 1,
        amount: 2500,
        crossed: false,
        projectedDate: '2026-11-25',
      },
    ],
    thresholdsCrossed: [0.5, 0.8],
    projectedBreachDate: '2026-11-25',
    state: 'at-risk',
    scoped: [],
    ...overrides,
  };
}

/**
 * A budget of $300 a month scoped to `environment:staging`: $120 spent by
 * Nov 21, the forecast median $171.43 stays under it.
 */
export function makeScopedBudgetStatus(
  overrides: Partial<BudgetStatus> = {},
): BudgetStatus {
  const { scoped: _scoped, ...status } = makeBudgetStatus({
    scope: 'environment:staging',
    budget: 300,
    source: 'annotation',
    spent: 120,
    forecast: { median: 171.43, low: 160, high: 183.1 },
    forecastAccuracy: null,
    thresholds: [
      { fraction: 0.5, amount: 150, crossed: false, projectedDate: null },
      { fraction: 1, amount: 300, crossed: false, projectedDate: null },
    ],
    thresholdsCrossed: [],
    projectedBreachDate: null,
    state: 'ok',
  });
  return { ...status, ...overrides };
}

/** `GET /budgets/status` of an entity without a budget. */
export function makeNoBudgetStatus(
  overrides: Partial<BudgetStatus> = {},
): BudgetStatus {
  return makeBudgetStatus({
    budget: null,
    source: null,
    spent: 612.4,
    forecast: { median: 890.1, low: 840, high: 951.25 },
    forecastAccuracy: null,
    thresholds: [],
    thresholdsCrossed: [],
    projectedBreachDate: null,
    state: 'none',
    ...overrides,
  });
}

/** `GET /anomalies?entityRef=component:default/query-rewriter`: one ongoing, two resolved. */
export function makeAnomalies(): Anomaly[] {
  return [
    {
      id: 'anom-1',
      entityRef: 'component:default/query-rewriter',
      model: 'openai/gpt-4o',
      startDate: '2026-11-18',
      endDate: '2026-11-21',
      expected: 120.5,
      actual: 410.75,
      impact: 290.25,
      impactPct: 240.9,
      severity: 'high',
      rootCauses: [
        {
          dimension: 'apiKey',
          key: 'openai/key_shared_eval',
          expected: 40,
          actual: 290,
          contribution: 250,
          share: 0.861,
        },
        {
          dimension: 'tokenType',
          key: 'output',
          expected: 50.5,
          actual: 90.75,
          contribution: 40.25,
          share: 0.139,
        },
        {
          dimension: 'provider',
          key: 'openai',
          expected: 120.5,
          actual: 410.75,
          contribution: 290.25,
          share: 1,
        },
        {
          dimension: 'model',
          key: 'openai/gpt-4o',
          expected: 120.5,
          actual: 410.75,
          contribution: 290.25,
          share: 1,
        },
      ],
      status: 'open',
      feedback: null,
      createdAt: '2026-11-19T06:00:00.000Z',
      updatedAt: '2026-11-22T06:00:00.000Z',
    },
    {
      id: 'anom-2',
      entityRef: 'component:default/ticket-summarizer',
      model: '',
      startDate: '2026-11-03',
      endDate: '2026-11-04',
      expected: 85,
      actual: 152.4,
      impact: 67.4,
      impactPct: 79.3,
      severity: 'medium',
      rootCauses: [
        {
          dimension: 'model',
          key: 'anthropic/claude-sonnet-4',
          expected: 30,
          actual: 95.2,
          contribution: 65.2,
          share: 0.967,
        },
      ],
      status: 'resolved',
      feedback: {
        value: 'expected',
        by: 'user:default/guest',
        at: '2026-11-05T09:12:00.000Z',
        comment: 'Load test',
      },
      createdAt: '2026-11-04T06:00:00.000Z',
      updatedAt: '2026-11-05T09:12:00.000Z',
    },
    {
      id: 'anom-3',
      entityRef: 'component:default/query-rewriter',
      model: 'anthropic/claude-sonnet-4',
      startDate: '2026-10-28',
      endDate: '2026-10-28',
      expected: 7.81,
      actual: 19.5,
      impact: 11.69,
      impactPct: 149.7,
      severity: 'low',
      rootCauses: [],
      status: 'resolved',
      feedback: null,
      createdAt: '2026-10-29T06:00:00.000Z',
      updatedAt: '2026-10-29T06:00:00.000Z',
    },
  ];
}

/** One open recommendation; see {@link makeRecommendations}. */
export function makeRecommendation(
  overrides: Partial<Recommendation> = {},
): Recommendation {
  return {
    id: 'rec-1',
    entityRef: 'component:default/query-rewriter',
    rule: 'model-right-sizing',
    title: 'Move short gpt-4o calls to gpt-4o-mini',
    description:
      'Most gpt-4o requests are short classification calls that a smaller model answers as well.',
    evidence: {
      model: 'openai/gpt-4o',
      requests: 120000,
      avgInputTokens: 310,
      avgOutputTokens: 42.5,
    },
    estimatedMonthlySavings: 412.5,
    window: { from: '2026-10-22', to: '2026-11-20' },
    currency: 'USD',
    confidence: 'high',
    status: 'open',
    snoozedUntil: null,
    decidedBy: null,
    decisionReason: null,
    createdAt: '2026-11-20T06:00:00.000Z',
    updatedAt: '2026-11-20T06:00:00.000Z',
    ...overrides,
  };
}

/** `GET /recommendations`: two open recommendations worth $508.80 a month. */
export function makeRecommendations(
  overrides: Partial<RecommendationsResponse> = {},
): RecommendationsResponse {
  return {
    currency: 'USD',
    totalEstimatedMonthlySavings: 508.8,
    items: [
      makeRecommendation(),
      makeRecommendation({
        id: 'rec-2',
        rule: 'prompt-caching',
        title: 'Cache the repeated system prompt',
        description:
          'Requests repeat a 2,800-token prefix, but almost none of it is read from the prompt cache.',
        evidence: { repeatedPrefixTokens: 2800, cacheReadShare: 0.04 },
        estimatedMonthlySavings: 96.3,
        confidence: 'medium',
      }),
    ],
    nextCursor: null,
    ...overrides,
  };
}

/** One page of anomalies, the last: `GET /anomalies`. */
export function anomaliesPage(items: Anomaly[] = makeAnomalies()) {
  return { items, nextCursor: null };
}

function recommendationById(id: string): Recommendation {
  return (
    makeRecommendations().items.find(item => item.id === id) ??
    makeRecommendation({ id })
  );
}

/** A backend error as the client throws it. */
export async function makeResponseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const statusText =
    { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[status] ??
    'Error';
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'GET', url: '/api/ai-cost' },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText,
    headers: new Headers({ 'content-type': 'application/json' }),
    redirected: false,
    type: 'basic',
    url: 'http://localhost:7007/api/ai-cost',
    text: async () => body,
  });
}

/**
 * `GET /allocation/coverage` of the org in {@link makeRollup}: $8,651.59 of
 * $9,876.54 allocated (87.6%), above the 80% chargeback threshold.
 */
function makeAllocationCoverage(from: string, to: string): AllocationCoverage {
  return {
    currency: 'USD',
    from,
    to,
    total: 9876.54,
    attributed: 8651.59,
    unallocated: 1224.95,
    coverage: 0.875974,
    threshold: 0.8,
    chargebackReady: true,
    byProvider: [
      {
        provider: 'openai',
        total: 6000,
        attributed: 4987.55,
        coverage: 0.831258,
      },
      {
        provider: 'anthropic',
        total: 2676.54,
        attributed: 2664.04,
        coverage: 0.99533,
      },
      { provider: 'aws', total: 1200, attributed: 1000, coverage: 0.833333 },
    ],
    tags: [],
    daily: eachDay(from, to).map(date => ({ date, coverage: 0.875974 })),
  };
}

/** A fake `AiCostApi` whose methods are jest mocks with realistic answers. */
export function makeFakeApi(
  overrides: Partial<Record<keyof AiCostApi, jest.Mock>> = {},
): jest.Mocked<AiCostApi> {
  return {
    listSources: jest.fn().mockResolvedValue(sources),
    refreshSource: jest.fn().mockResolvedValue(undefined),
    getCosts: jest
      .fn()
      .mockImplementation(async ({ from, to }) =>
        makeEntityCosts({ from, to }),
      ),
    getRollup: jest
      .fn()
      .mockImplementation(async ({ groupBy, metric, from, to }) =>
        metric
          ? makeTagEconomicsFor({ groupBy, metric, from, to })
          : makeRollup({ groupBy, from, to }),
      ),
    // Unit economics (unitEconomicsFixtures.ts).
    getUnitCosts: jest
      .fn()
      .mockImplementation(async request => makeUnitCostsFor(request)),
    getMetrics: jest.fn().mockResolvedValue(makeMetrics()),
    getAttributionStatus: jest.fn().mockResolvedValue(makeAttributionStatus()),
    getClaimStates: jest
      .fn()
      .mockImplementation(async ({ entityRef }) => ({ entityRef, claims: [] })),
    getExportUrl: jest
      .fn()
      .mockResolvedValue('http://localhost:7007/api/ai-cost/export.csv'),
    getModelPolicy: jest.fn().mockImplementation(async ({ entityRef }) => ({
      entityRef,
      maxTier: null,
      maxTierSource: 'none',
      allowedModels: [],
      environment: null,
      enforcement: null,
      exceptions: [],
    })),
    listPolicyViolations: jest.fn().mockResolvedValue([]),
    createPolicyException: jest.fn(),
    deletePolicyException: jest.fn().mockResolvedValue(undefined),
    getAnomalySettings: jest.fn().mockImplementation(async ({ entityRef }) => ({
      entityRef,
      minImpact: null,
      minImpactPercent: null,
      source: 'default',
    })),
    setAnomalySettings: jest
      .fn()
      .mockImplementation(
        async ({ entityRef, minImpact, minImpactPercent }) => ({
          entityRef,
          minImpact: minImpact ?? null,
          minImpactPercent: minImpactPercent ?? null,
          source: 'portal',
        }),
      ),
    exportCsv: jest.fn().mockResolvedValue({
      blob: new Blob(['date,cost\n'], { type: 'text/csv' }),
      filename: 'ai-cost.csv',
    }),
    getBudget: jest.fn().mockResolvedValue(makeBudget()),
    setBudget: jest
      .fn()
      .mockImplementation(async ({ entityRef, amount, period, thresholds }) =>
        makeBudget({ entityRef, amount, period, thresholds }),
      ),
    deleteBudget: jest.fn().mockResolvedValue(undefined),
    getBudgetStatus: jest
      .fn()
      .mockImplementation(async ({ entityRef }) =>
        makeBudgetStatus({ entityRef }),
      ),
    listBudgetStatuses: jest.fn().mockResolvedValue([makeBudgetStatus()]),
    listBudgetRequests: jest.fn().mockResolvedValue([]),
    approveBudgetRequest: jest.fn().mockImplementation(async id =>
      makeBudgetApprovalRequest({
        id,
        status: 'approved',
        decidedBy: 'user:default/guest',
        canDecide: false,
      }),
    ),
    rejectBudgetRequest: jest.fn().mockImplementation(async (id, { comment }) =>
      makeBudgetApprovalRequest({
        id,
        status: 'rejected',
        decidedBy: 'user:default/guest',
        comment,
        canDecide: false,
      }),
    ),
    getSpendForecast: jest
      .fn()
      .mockImplementation(async ({ entityRef } = {}) =>
        entityRef ? makeSpendForecast({ entityRef }) : makeOrgSpendForecast(),
      ),
    listAnomalies: jest.fn().mockResolvedValue(anomaliesPage()),
    setAnomalyFeedback: jest
      .fn()
      .mockImplementation(async (id, { feedback, comment }) => ({
        ...makeAnomalies().find(a => a.id === id)!,
        feedback: {
          value: feedback,
          by: 'user:default/guest',
          at: '2026-11-22T15:31:00.000Z',
          ...(comment ? { comment } : {}),
        },
      })),
    listRecommendations: jest.fn().mockResolvedValue(makeRecommendations()),
    dismissRecommendation: jest
      .fn()
      .mockImplementation(async (id, { reason }) =>
        makeRecommendation({
          ...recommendationById(id),
          status: 'dismissed',
          decidedBy: 'user:default/guest',
          decisionReason: reason,
        }),
      ),
    snoozeRecommendation: jest
      .fn()
      .mockImplementation(async (id, { until, reason }) =>
        makeRecommendation({
          ...recommendationById(id),
          status: 'snoozed',
          snoozedUntil: until,
          decidedBy: 'user:default/guest',
          decisionReason: reason ?? null,
        }),
      ),
    reopenRecommendation: jest
      .fn()
      .mockImplementation(async id =>
        makeRecommendation({ ...recommendationById(id) }),
      ),
    // The allocation page's tests use richer answers (allocationFixtures.ts).
    getAllocationCoverage: jest
      .fn()
      .mockImplementation(async ({ from, to }) =>
        makeAllocationCoverage(from, to),
      ),
    getAllocationRules: jest.fn().mockResolvedValue({
      currency: 'USD',
      from: '2026-10-24',
      to: TODAY,
      tags: ['environment', 'feature', 'customer'],
      virtualTags: [],
      splitRules: [],
    }),
    previewAllocationRule: jest.fn().mockResolvedValue({
      currency: 'USD',
      from: '2026-10-24',
      to: TODAY,
      matchedCost: 400,
      moves: [
        { from: null, to: 'component:default/query-rewriter', cost: 280 },
        { from: null, to: 'component:default/ticket-summarizer', cost: 120 },
      ],
    }),
    putAllocationRule: jest
      .fn()
      .mockImplementation(async (id: string, rule: AllocationRuleBody) => ({
        ...rule,
        id,
        kind: rule.kind ?? ('method' in rule ? 'split' : 'virtualTag'),
        source: 'portal',
        matchedCost: 0,
        problems: [],
        updatedBy: 'user:default/guest',
        updatedAt: '2026-11-22T15:31:00.000Z',
      })),
    deleteAllocationRule: jest.fn().mockResolvedValue(undefined),
    getChargeback: jest
      .fn()
      .mockImplementation(async (month: string) =>
        makeChargebackStatement({ month }),
      ),
    exportChargebackCsv: jest
      .fn()
      .mockImplementation(async (month: string) => ({
        blob: new Blob(['month,status,kind,entity_ref,cost\n'], {
          type: 'text/csv',
        }),
        filename: `ai-cost-chargeback-${month}.csv`,
      })),
    closeChargebackMonth: jest
      .fn()
      .mockImplementation(async (month: string) =>
        makeClosedStatement({ month }),
      ),
    getBudgetSuggestion: jest
      .fn()
      .mockImplementation(async ({ entityRef, period }) =>
        makeBudgetSuggestion({ entityRef, period }),
      ),
    getPlan: jest.fn().mockImplementation(async () => makeYearPlan()),
    exportPlanCsv: jest.fn().mockImplementation(async (year: number) => ({
      blob: new Blob(['year,month,kind,entity_ref,amount\n'], {
        type: 'text/csv',
      }),
      filename: `ai-cost-plan-${year}.csv`,
    })),
    getShadowAi: jest.fn().mockImplementation(async ({ from, to }) => ({
      currency: 'USD',
      from,
      to,
      total: 0,
      approved: 0,
      shadow: 0,
      vendors: [],
    })),
    ...overrides,
  } as jest.Mocked<AiCostApi>;
}

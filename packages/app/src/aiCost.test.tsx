import { createApiRef } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import aiCostPlugin from '@ai-cost/plugin-ai-cost/alpha';
import { aiCostApiRef, type AiCostApi } from '@ai-cost/plugin-ai-cost';
import { screen, waitFor, within } from '@testing-library/react';

// The catalog and permission APIs, referenced by id so this app does not
// need to depend on @backstage/plugin-catalog-react or
// @backstage/plugin-permission-react just for their refs.
const catalogApiRef = createApiRef<object>({ id: 'plugin.catalog.service' });
const permissionApiRef = createApiRef<object>({ id: 'plugin.permission.api' });
const permissionApi = {
  authorize: jest.fn(async () => ({ result: 'ALLOW' })),
};

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'query-rewriter',
    namespace: 'default',
    annotations: { 'ai-cost/openai-api-key-id': 'key_query_rewriter' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'search-team' },
  relations: [],
};
const plain = {
  ...component,
  kind: 'Template',
  metadata: { name: 'plain', namespace: 'default' },
};

const catalogApi = {
  getEntityByRef: jest.fn(async (ref: string | { name: string }) => {
    const name = typeof ref === 'string' ? ref.split('/').pop() : ref.name;
    return [component, plain].find(e => e.metadata.name === name);
  }),
  getEntities: jest.fn(async () => ({ items: [] })),
  getEntitiesByRefs: jest.fn(async () => ({ items: [] })),
  queryEntities: jest.fn(async () => ({
    items: [],
    totalItems: 0,
    pageInfo: {},
  })),
  getEntityFacets: jest.fn(async () => ({ facets: {} })),
  getEntityAncestors: jest.fn(async (request: { entityRef: string }) => ({
    rootEntityRef: request.entityRef,
    items: [],
  })),
};

const aiCostApi: Partial<AiCostApi> = {
  getCosts: jest.fn(async ({ entityRef, from, to }) => ({
    entityRef,
    kind: 'Component',
    currency: 'USD',
    from,
    to,
    total: {
      cost: 1234.5678,
      inputTokens: 1000,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 500,
      reasoningTokens: 0,
      requests: 10,
    },
    own: { cost: 1234.5678 },
    viaChildren: { cost: 0 },
    estimatedCost: 0,
    demoCost: 1234.5678,
    previousPeriod: { from, to, cost: 1000 },
    historyFrom: null,
    daily: [],
    dailyByModel: [],
    byProvider: [],
    byCategory: [],
    byModel: [],
    byApiKey: [],
    byTokenType: { items: [], unexplainedCost: 0 },
    byTag: { environment: [{ value: null, cost: 1234.5678 }] },
    shared: [],
    byChild: [],
    hiddenChildren: { count: 0, cost: 0 },
    hiddenDescendants: { count: 0, cost: 0 },
    claims: [],
  })),
  getClaimStates: jest.fn(async ({ entityRef }) => ({
    entityRef,
    claims: [],
  })),
  getBudgetStatus: jest.fn(async ({ entityRef }) => ({
    entityRef,
    scope: null,
    currency: 'USD',
    budget: 2500,
    source: 'annotation' as const,
    period: {
      period: 'month' as const,
      start: '2026-11-01',
      end: '2026-11-30',
      asOf: '2026-11-21',
      daysRemaining: 9,
    },
    spent: 2104.3,
    forecast: { median: 2987.65, low: 2810.2, high: 3190.45 },
    forecastAccuracy: null,
    thresholds: [
      {
        fraction: 1,
        amount: 2500,
        crossed: false,
        projectedDate: '2026-11-25',
      },
    ],
    thresholdsCrossed: [],
    projectedBreachDate: '2026-11-25',
    state: 'at-risk' as const,
  })),
  listBudgetRequests: jest.fn(async () => []),
  approveBudgetRequest: jest.fn(),
  rejectBudgetRequest: jest.fn(),
  getModelPolicy: jest.fn(async ({ entityRef }) => ({
    entityRef,
    maxTier: 'standard' as const,
    maxTierSource: 'org-default' as const,
    allowedModels: [],
    environment: 'production',
    enforcement: null,
    exceptions: [],
  })),
  listPolicyViolations: jest.fn(async () => []),
  createPolicyException: jest.fn(),
  deletePolicyException: jest.fn(async () => {}),
  getAnomalySettings: jest.fn(async ({ entityRef }) => ({
    entityRef,
    minImpact: 50,
    minImpactPercent: null,
    source: 'default' as const,
  })),
  listAnomalies: jest.fn(async () => ({
    nextCursor: null,
    items: [
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
        severity: 'high' as const,
        rootCauses: [],
        status: 'open' as const,
        feedback: null,
        createdAt: '2026-11-19T06:00:00.000Z',
        updatedAt: '2026-11-22T06:00:00.000Z',
      },
    ],
  })),
  getBudgetSuggestion: jest.fn(async ({ entityRef, period }) => ({
    entityRef,
    currency: 'USD',
    period,
    suggested: 3500,
    runRate: 99.59,
    expected: 2987.65,
    monthForecast: 2987.65,
    headroom: 1.15,
    basis:
      'Last 30 days, $99.59/day, forecast $2,987.65 for November 2026; × 1.15 headroom, rounded up to two significant digits: $3,500.00 per month.',
    reason: null,
  })),
  listRecommendations: jest.fn(async () => ({
    currency: 'USD',
    totalEstimatedMonthlySavings: 0,
    items: [],
    nextCursor: null,
  })),
};

function renderEntityPage(path: string) {
  return renderTestApp({
    features: [catalogPlugin, aiCostPlugin],
    apis: [
      [catalogApiRef, catalogApi],
      [permissionApiRef, permissionApi],
      [aiCostApiRef, aiCostApi],
    ],
    initialRouteEntries: [path],
  });
}

/** The entity page's tabs, links in its content navigation. */
async function entityTabs() {
  const nav = await screen.findByRole(
    'navigation',
    { name: 'Content navigation' },
    { timeout: 10_000 },
  );
  return within(nav)
    .getAllByRole('link')
    .map(link => ({
      title: link.textContent,
      href: link.getAttribute('href'),
    }));
}

describe('AI Cost in the portal', () => {
  it('adds the "AI Cost" tab to the entity page of an annotated component', async () => {
    renderEntityPage('/catalog/default/component/query-rewriter/ai-cost');
    expect(await entityTabs()).toContainEqual({
      title: 'AI Cost',
      href: '/catalog/default/component/query-rewriter/ai-cost',
    });
    expect(
      await screen.findByText(
        '$1,234.57',
        { selector: 'p' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(aiCostApi.getCosts).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/query-rewriter',
      }),
    );
  });

  it('leaves the tab out for an unannotated template', async () => {
    renderEntityPage('/catalog/default/template/plain');
    const tabs = await entityTabs();
    expect(tabs.map(t => t.title)).toContain('Overview');
    expect(tabs.map(t => t.title)).not.toContain('AI Cost');
  });

  it('shows the budget and anomalies cards on the overview of an annotated component', async () => {
    renderEntityPage('/catalog/default/component/query-rewriter');
    await waitFor(
      () => {
        expect(
          screen.getByText('Projected to exceed on Nov 25'),
        ).toBeInTheDocument();
        expect(
          screen.getByRole('listitem', {
            name: 'gpt-4o (OpenAI), Ongoing since Nov 18',
          }),
        ).toHaveTextContent(
          'Over 4 days: expected $120.50, actual $410.75 · +$290.25 (+240.9%)',
        );
        expect(screen.getByText('AI budget')).toBeInTheDocument();
        expect(screen.getByText('Recent anomalies')).toBeInTheDocument();
        expect(
          screen.getByRole('button', { name: 'Edit budget' }),
        ).toBeInTheDocument();
      },
      { timeout: 10_000 },
    );
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        resourceRef: 'component:default/query-rewriter',
      }),
    );
  });

  it('shows the budget, anomalies and recommendations cards on the AI Cost tab', async () => {
    renderEntityPage('/catalog/default/component/query-rewriter/ai-cost');
    await waitFor(
      () => {
        expect(
          screen.getByText('Projected to exceed on Nov 25'),
        ).toBeInTheDocument();
        expect(
          screen.getByRole('listitem', {
            name: 'gpt-4o (OpenAI), Ongoing since Nov 18',
          }),
        ).toBeInTheDocument();
        // The anomalies card names the threshold anomalies are raised above.
        expect(screen.getByText(/^Alerts above \$50\.00/)).toBeInTheDocument();
        expect(screen.getByText('Recommendations')).toBeInTheDocument();
        expect(
          screen.getByText(/^No open recommendations\./),
        ).toBeInTheDocument();
      },
      { timeout: 10_000 },
    );
    expect(aiCostApi.listRecommendations).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
      status: 'open',
      limit: 500,
    });
  });

  it('leaves the cards off the overview of an entity without the tab', async () => {
    renderEntityPage('/catalog/default/template/plain');
    await entityTabs();
    expect(screen.queryByText('AI budget')).not.toBeInTheDocument();
    expect(screen.queryByText('Recent anomalies')).not.toBeInTheDocument();
  });
});

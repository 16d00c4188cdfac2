import { createApiRef } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import aiCostPlugin from '@ai-cost/plugin-ai-cost/alpha';
import { aiCostApiRef, type AiCostApi } from '@ai-cost/plugin-ai-cost';
import { screen, within } from '@testing-library/react';

// The catalog API, referenced by id so this app does not need to depend on
// @backstage/plugin-catalog-react just for its ref.
const catalogApiRef = createApiRef<object>({ id: 'plugin.catalog.service' });

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
    daily: [],
    dailyByModel: [],
    byProvider: [],
    byModel: [],
    byApiKey: [],
    byTokenType: { items: [], unexplainedCost: 0 },
    byChild: [],
    hiddenChildren: { count: 0, cost: 0 },
    claims: [],
  })),
};

function renderEntityPage(path: string) {
  return renderTestApp({
    features: [catalogPlugin, aiCostPlugin],
    apis: [
      [catalogApiRef, catalogApi],
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
});

import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor } from '@testing-library/react';
import { aiCostApiRef } from '../api';
import {
  componentEntity,
  groupEntity,
  makeFakeApi,
} from '../__testUtils__/fixtures';
import { makePermissionApi } from '../__testUtils__/permissions';
import aiCostPlugin from '../alpha';
import {
  aiCostTabAnomaliesCard,
  aiCostTabBudgetCard,
  aiCostTabModelPolicyCard,
  aiCostTabRecommendationsCard,
  entityAiCostAnomaliesCard,
  entityAiCostBudgetCard,
} from './entityCards';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const template = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Template',
  metadata: { name: 'plain' },
};

describe('entity cards', () => {
  it('adds a budget card to the info column of the overview', () => {
    const tester = createExtensionTester(entityAiCostBudgetCard);
    expect(
      createExtensionTester(
        aiCostPlugin.getExtension('entity-card:ai-cost/budget'),
      ).snapshot().id,
    ).toBe('entity-card:ai-cost/budget');
    expect(String(entityAiCostBudgetCard)).toContain(
      'attachTo=entity-content:catalog/overview@cards',
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(componentEntity)).toBe(true);
    expect(filter(groupEntity)).toBe(true);
    expect(filter(template)).toBe(false);
  });

  it('adds an anomalies card to the main column of the overview', () => {
    const tester = createExtensionTester(entityAiCostAnomaliesCard);
    expect(
      createExtensionTester(
        aiCostPlugin.getExtension('entity-card:ai-cost/anomalies'),
      ).snapshot().id,
    ).toBe('entity-card:ai-cost/anomalies');
    expect(String(entityAiCostAnomaliesCard)).toContain(
      'attachTo=entity-content:catalog/overview@cards',
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(componentEntity)).toBe(true);
    expect(filter(template)).toBe(false);
  });

  it.each([
    ['entity-card:ai-cost/tab-budget', aiCostTabBudgetCard, 'info'],
    ['entity-card:ai-cost/tab-anomalies', aiCostTabAnomaliesCard, 'info'],
    ['entity-card:ai-cost/tab-model-policy', aiCostTabModelPolicyCard, 'info'],
    [
      'entity-card:ai-cost/tab-recommendations',
      aiCostTabRecommendationsCard,
      'content',
    ],
  ] as const)('attaches %s to the AI Cost tab', (id, extension, type) => {
    const tester = createExtensionTester(
      extension as typeof aiCostTabRecommendationsCard,
    );
    expect(
      createExtensionTester(aiCostPlugin.getExtension(id)).snapshot().id,
    ).toBe(id);
    expect(String(extension)).toContain(
      'attachTo=entity-content:ai-cost@cards',
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe(type);
    // The tab decides where it shows; the card does not filter again.
    expect(
      tester.get(EntityCardBlueprint.dataRefs.filterFunction),
    ).toBeUndefined();
  });

  it('renders the budget card of the entity', async () => {
    const api = makeFakeApi();
    renderInTestApp(
      <EntityProvider entity={componentEntity}>
        {createExtensionTester(entityAiCostBudgetCard).reactElement()}
      </EntityProvider>,
      {
        apis: [
          [aiCostApiRef, api],
          [permissionApiRef, makePermissionApi()],
        ],
      },
    );
    expect(await screen.findByText('$2,104.30')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Edit budget' }),
    ).toBeInTheDocument();
  });

  it('renders the anomalies card of the entity', async () => {
    const api = makeFakeApi();
    renderInTestApp(
      <EntityProvider entity={componentEntity}>
        {createExtensionTester(entityAiCostAnomaliesCard).reactElement()}
      </EntityProvider>,
      { apis: [[aiCostApiRef, api]], mountedRoutes },
    );
    expect(
      await screen.findByText('1 ongoing · 3 in total'),
    ).toBeInTheDocument();
  });

  it('shows its cards on the AI Cost tab, each filtered by its config', async () => {
    const api = makeFakeApi();
    renderTestApp({
      features: [aiCostPlugin],
      extensions: [createTestEntityPage({ entity: componentEntity })],
      apis: [
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ],
      config: {
        app: {
          extensions: [
            { 'entity-card:ai-cost/budget': false },
            { 'entity-card:ai-cost/anomalies': false },
            {
              'entity-card:ai-cost/tab-recommendations': {
                config: { filter: { kind: 'group' } },
              },
            },
          ],
        },
      },
      mountedRoutes,
    });
    // The test entity page renders the tab's content.
    expect(
      await screen.findByText('$2,104.30', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Recent anomalies')).toBeInTheDocument();
    expect(await screen.findByText('Model policy')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getCosts).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/query-rewriter',
        }),
      ),
    );
    expect(screen.queryByText('Recommendations')).not.toBeInTheDocument();
    expect(api.listRecommendations).not.toHaveBeenCalled();
  });
});

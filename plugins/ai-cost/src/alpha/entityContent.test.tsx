import {
  coreExtensionData,
  createExtension,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { aiCostApiRef } from '../api';
import {
  componentEntity,
  groupEntity,
  makeFakeApi,
} from '../__testUtils__/fixtures';
import { makePermissionApi } from '../__testUtils__/permissions';
import aiCostPlugin from '../alpha';
import { entityAiCostContent } from './entityContent';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('entityAiCostContent', () => {
  it('is the "AI Cost" tab at ai-cost', () => {
    const tester = createExtensionTester(entityAiCostContent);
    expect(tester.snapshot().id).toMatch(/^entity-content:/);
    expect(tester.get(coreExtensionData.routePath)).toBe('ai-cost');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('AI Cost');
  });

  it('shows for annotated entities and roll-up kinds only', () => {
    const filter = createExtensionTester(entityAiCostContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(filter).toBeDefined();
    expect(filter!(componentEntity)).toBe(true);
    expect(filter!(groupEntity)).toBe(true);
    expect(
      filter!({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Template',
        metadata: { name: 'plain' },
      }),
    ).toBe(false);
  });

  it('renders the costs of the entity', async () => {
    const api = makeFakeApi();
    const tester = createExtensionTester(entityAiCostContent);
    renderInTestApp(
      <EntityProvider entity={componentEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[aiCostApiRef, api]], mountedRoutes },
    );
    expect(
      await screen.findByText('$1,234.57', { selector: 'p' }),
    ).toBeInTheDocument();
    expect(api.getCosts).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/query-rewriter',
      }),
    );
  });

  it('renders cards attached to entity-content:ai-cost in the plugin', async () => {
    const budgetCard = createExtension({
      name: 'budget',
      attachTo: { id: 'entity-content:ai-cost', input: 'cards' },
      output: [coreExtensionData.reactElement],
      factory: () => [coreExtensionData.reactElement(<div>Budget card</div>)],
    });
    renderTestApp({
      features: [aiCostPlugin.withOverrides({ extensions: [budgetCard] })],
      extensions: [createTestEntityPage({ entity: componentEntity })],
      apis: [
        [aiCostApiRef, makeFakeApi()],
        [permissionApiRef, makePermissionApi()],
      ],
      mountedRoutes,
    });
    expect(await screen.findByText('Budget card')).toBeInTheDocument();
    expect(
      await screen.findByText('$1,234.57', { selector: 'p' }),
    ).toBeInTheDocument();
  });

  it('is left out of the entity page of an unannotated template', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Template',
            metadata: { name: 'plain' },
          },
        }),
        entityAiCostContent,
      ],
      apis: [[aiCostApiRef, makeFakeApi()]],
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('is part of the entity page of a group', async () => {
    const api = makeFakeApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: groupEntity }),
        entityAiCostContent,
      ],
      apis: [[aiCostApiRef, api]],
      mountedRoutes,
    });
    expect(
      await screen.findByText('$1,234.57', { selector: 'p' }),
    ).toBeInTheDocument();
    expect(api.getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'group:default/search-team' }),
    );
  });
});

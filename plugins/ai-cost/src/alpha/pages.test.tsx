import {
  coreExtensionData,
  createExtension,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { aiCostApiRef } from '../api';
import { makeFakeApi } from '../__testUtils__/fixtures';
import { makePermissionApi } from '../__testUtils__/permissions';
import aiCostPlugin from '../alpha';
import { aiCostPage } from './pages';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('aiCostPage', () => {
  it('is mounted at /ai-cost with a title', () => {
    const tester = createExtensionTester(aiCostPage);
    expect(tester.snapshot().id).toMatch(/^page:/);
    expect(tester.get(coreExtensionData.routePath)).toBe('/ai-cost');
    expect(tester.get(coreExtensionData.title)).toBe('AI Cost');
  });

  it('renders the org rollups', async () => {
    const api = makeFakeApi();
    renderInTestApp(createExtensionTester(aiCostPage).reactElement(), {
      apis: [
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ],
      mountedRoutes,
    });
    expect(await screen.findByText('Spend by team')).toBeInTheDocument();
    expect(api.getRollup).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'owner' }),
    );
  });

  it('renders cards attached to page:ai-cost in the plugin', async () => {
    const budgets = createExtension({
      name: 'budgets',
      attachTo: { id: 'page:ai-cost', input: 'cards' },
      output: [coreExtensionData.reactElement],
      factory: () => [coreExtensionData.reactElement(<div>Budgets table</div>)],
    });
    renderTestApp({
      features: [aiCostPlugin.withOverrides({ extensions: [budgets] })],
      apis: [
        [aiCostApiRef, makeFakeApi()],
        [permissionApiRef, makePermissionApi()],
      ],
      initialRouteEntries: ['/ai-cost'],
      mountedRoutes,
    });
    expect(await screen.findByText('Budgets table')).toBeInTheDocument();
    expect(await screen.findByText('Spend by team')).toBeInTheDocument();
  });
});

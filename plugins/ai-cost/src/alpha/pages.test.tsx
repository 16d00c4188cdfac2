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
import {
  aiCostAllocationPage,
  aiCostBilledValuesPage,
  aiCostChargebackPage,
  aiCostPlanPage,
  aiCostPage,
} from './pages';
import { makeAllocationApi } from '../__testUtils__/allocationFixtures';
import { makeAttributionApi } from '../__testUtils__/attributionFixtures';

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

describe('aiCostAllocationPage', () => {
  it('is mounted at /ai-cost/allocation', () => {
    const tester = createExtensionTester(aiCostAllocationPage);
    expect(tester.snapshot().id).toMatch(/^page:(ai-cost\/)?allocation$/);
    expect(tester.get(coreExtensionData.routePath)).toBe('/ai-cost/allocation');
  });

  it('is reachable in the plugin and shows coverage', async () => {
    renderTestApp({
      features: [aiCostPlugin],
      apis: [
        [aiCostApiRef, makeAllocationApi()],
        [permissionApiRef, makePermissionApi()],
      ],
      initialRouteEntries: ['/ai-cost/allocation'],
      mountedRoutes,
    });
    expect(
      await screen.findByText('Allocation & chargeback readiness'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Allocation rules')).toBeInTheDocument();
  });
});

describe('aiCostChargebackPage', () => {
  it('is mounted at /ai-cost/chargeback', () => {
    const tester = createExtensionTester(aiCostChargebackPage);
    expect(tester.snapshot().id).toMatch(/^page:(ai-cost\/)?chargeback$/);
    expect(tester.get(coreExtensionData.routePath)).toBe('/ai-cost/chargeback');
  });

  it('is reachable in the plugin and shows the statement', async () => {
    const api = makeFakeApi();
    renderTestApp({
      features: [aiCostPlugin],
      apis: [
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ],
      initialRouteEntries: ['/ai-cost/chargeback?month=2026-10'],
      mountedRoutes,
    });
    expect(
      await screen.findByText('Statement for October 2026'),
    ).toBeInTheDocument();
    expect(api.getChargeback).toHaveBeenCalledWith('2026-10');
  });
});

describe('aiCostPlanPage', () => {
  it('is mounted at /ai-cost/plan', () => {
    const tester = createExtensionTester(aiCostPlanPage);
    expect(tester.snapshot().id).toMatch(/^page:(ai-cost\/)?plan$/);
    expect(tester.get(coreExtensionData.routePath)).toBe('/ai-cost/plan');
  });

  it('is reachable in the plugin and shows the plan', async () => {
    const api = makeFakeApi();
    renderTestApp({
      features: [aiCostPlugin],
      apis: [
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ],
      initialRouteEntries: ['/ai-cost/plan?year=2026'],
      mountedRoutes,
    });
    expect(
      await screen.findByRole('table', { name: 'AI spend plan 2026' }),
    ).toBeInTheDocument();
    expect(api.getPlan).toHaveBeenCalledWith(2026);
  });
});

describe('aiCostBilledValuesPage', () => {
  it('is mounted at /ai-cost/billed-values', () => {
    const tester = createExtensionTester(aiCostBilledValuesPage);
    expect(tester.snapshot().id).toMatch(/^page:(ai-cost\/)?billed-values$/);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/ai-cost/billed-values',
    );
  });

  it('is reachable in the plugin and lists the billed values', async () => {
    const api = makeAttributionApi();
    renderTestApp({
      features: [aiCostPlugin],
      apis: [
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ],
      initialRouteEntries: ['/ai-cost/billed-values?q=proj'],
      mountedRoutes,
    });
    expect(
      await screen.findByRole('table', { name: 'Billed values' }),
    ).toBeInTheDocument();
    expect(api.getAttributionValues).toHaveBeenCalledWith(
      expect.objectContaining({ q: 'proj' }),
    );
  });
});

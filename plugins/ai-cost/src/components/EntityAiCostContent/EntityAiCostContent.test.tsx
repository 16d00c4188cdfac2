import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  componentEntity,
  groupEntity,
  makeEmptyCosts,
  makeEntityCosts,
  makeFakeApi,
  makeResponseError,
  now,
} from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { EntityAiCostContent } from './EntityAiCostContent';

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

async function renderContent(
  api: AiCostApi,
  options: {
    entity?: Entity;
    routeEntries?: string[];
    cards?: JSX.Element[];
    defaultCards?: boolean;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <EntityProvider entity={options.entity ?? componentEntity}>
        <EntityAiCostContent
          now={now}
          cards={options.cards}
          defaultCards={options.defaultCards}
        />
        <Search />
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntityAiCostContent', () => {
  it('shows the costs of the entity for the last 30 days', async () => {
    const api = makeFakeApi();
    await renderContent(api);
    expect(
      await screen.findByText('$1,234.57', { selector: 'p' }),
    ).toBeInTheDocument();
    expect(api.getCosts).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
      from: '2026-10-24',
      to: '2026-11-22',
    });
    expect(screen.getByText('Daily spend')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Model' })).toBeInTheDocument();
    expect(
      screen.getByText('OpenAI API key key_shared_eval'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Export CSV' }),
    ).toBeInTheDocument();
    // A component without children has no children table.
    expect(screen.queryByText('Spend by child entity')).not.toBeInTheDocument();
  });

  it('shows the unit economics of the entity in the period', async () => {
    const api = makeFakeApi();
    await renderContent(api);
    expect(await screen.findByText('Unit economics')).toBeInTheDocument();
    expect(api.getUnitCosts).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
      from: '2026-10-24',
      to: '2026-11-22',
    });
    expect(await screen.findByText('per request')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = makeFakeApi({
      getCosts: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderContent(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.getByLabelText('Period')).toBeInTheDocument();
  });

  it('refetches the requested window when the period changes', async () => {
    const api = makeFakeApi();
    await renderContent(api, {
      routeEntries: ['/catalog/default/component/query-rewriter/ai-cost'],
    });
    await screen.findByText('$1,234.57', { selector: 'p' });

    await userEvent.selectOptions(screen.getByLabelText('Period'), '7d');
    expect(screen.getByTestId('search')).toHaveTextContent('?period=7d');
    await waitFor(() =>
      expect(api.getCosts).toHaveBeenLastCalledWith({
        entityRef: 'component:default/query-rewriter',
        from: '2026-11-16',
        to: '2026-11-22',
      }),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Period'),
      'this-month',
    );
    await waitFor(() =>
      expect(api.getCosts).toHaveBeenLastCalledWith(
        expect.objectContaining({ from: '2026-11-01', to: '2026-11-22' }),
      ),
    );
  });

  it('reads a custom window from the URL', async () => {
    const api = makeFakeApi();
    await renderContent(api, {
      routeEntries: ['/?from=2026-09-01&to=2026-09-30'],
    });
    await screen.findByText('$1,234.57', { selector: 'p' });
    expect(api.getCosts).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
      from: '2026-09-01',
      to: '2026-09-30',
    });
    expect(screen.getByLabelText('From')).toHaveValue('2026-09-01');
  });

  it('shows the annotation to add when nothing is claimed', async () => {
    const api = makeFakeApi({
      getCosts: jest.fn().mockResolvedValue(makeEmptyCosts()),
    });
    await renderContent(api);
    expect(
      await screen.findByText('No AI spend attributed to Query Rewriter'),
    ).toBeInTheDocument();
    expect(document.querySelector('pre code')?.textContent).toContain(
      'kind: Component\nmetadata:\n  name: query-rewriter\n  # To claim',
    );
    expect(document.querySelector('pre code')?.textContent).toContain(
      'ai-cost/openai-project-id: <openai-project-id>',
    );
    expect(screen.queryByText('Daily spend')).not.toBeInTheDocument();
  });

  it('shows claims rather than the empty state when claims have no spend yet', async () => {
    const api = makeFakeApi({
      getCosts: jest
        .fn()
        .mockResolvedValue(
          makeEmptyCosts({ claims: makeEntityCosts().claims }),
        ),
    });
    await renderContent(api);
    expect(
      await screen.findByText('OpenAI API key key_query_rewriter'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/No AI spend attributed/),
    ).not.toBeInTheDocument();
  });

  it('explains a 404', async () => {
    const api = makeFakeApi({
      getCosts: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            404,
            'NotFoundError',
            'Entity component:default/query-rewriter not found',
          ),
        ),
    });
    await renderContent(api);
    expect(
      await screen.findByText(
        'Error: AI Cost does not know this entity, or you may not see it',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Entity component:default\/query-rewriter not found/)
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows spend by child entity for a group', async () => {
    const api = makeFakeApi({
      getCosts: jest.fn().mockResolvedValue(
        makeEntityCosts({
          entityRef: 'group:default/search-team',
          kind: 'Group',
          claims: [],
          byChild: [
            {
              entityRef: 'component:default/query-rewriter',
              kind: 'Component',
              title: 'Query Rewriter',
              cost: 1234.5678,
              total: 1234.5678,
            },
          ],
          hiddenChildren: { count: 1, cost: 10 },
        }),
      ),
    });
    await renderContent(api, { entity: groupEntity });
    expect(
      await screen.findByText('Spend by child entity'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 entity you cannot see')).toBeInTheDocument();
    expect(api.getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'group:default/search-team' }),
    );
  });

  it('shows spend by child entity before the long recommendations list', async () => {
    const api = makeFakeApi({
      getCosts: jest.fn().mockResolvedValue(
        makeEntityCosts({
          entityRef: 'group:default/search-team',
          kind: 'Group',
          byChild: [
            {
              entityRef: 'component:default/query-rewriter',
              kind: 'Component',
              title: 'Query Rewriter',
              cost: 1234.5678,
              total: 1234.5678,
            },
          ],
        }),
      ),
    });
    await renderContent(api, { entity: groupEntity });
    const children = await screen.findByText('Spend by child entity');
    const recommendation = await screen.findByText(
      'Move short gpt-4o calls to gpt-4o-mini',
    );
    expect(
      children.compareDocumentPosition(recommendation) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('shows why an invalid custom window has no costs instead of the old ones', async () => {
    const api = makeFakeApi();
    await renderContent(api, {
      routeEntries: ['/?from=2026-11-01&to=2026-11-10'],
    });
    expect(await screen.findByText('Daily spend')).toBeInTheDocument();
    expect(api.getCosts).toHaveBeenCalledTimes(1);

    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-11-15' },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No costs are shown for this period: From must not be after To.',
    );
    await waitFor(() =>
      expect(screen.queryByText('Daily spend')).not.toBeInTheDocument(),
    );
    expect(screen.queryByText('Spend by model')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Export CSV' }),
    ).not.toBeInTheDocument();
    expect(api.getCosts).toHaveBeenCalledTimes(1);
  });

  it('names the limit of a custom window that is too long instead of showing fewer days', async () => {
    const api = makeFakeApi();
    await renderContent(api, {
      routeEntries: ['/?from=2026-11-01&to=2026-11-10'],
    });
    expect(await screen.findByText('Daily spend')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2025-10-01' },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No costs are shown for this period: A period can span at most 400 days.',
    );
    await waitFor(() =>
      expect(screen.queryByText('Daily spend')).not.toBeInTheDocument(),
    );
    expect(api.getCosts).toHaveBeenCalledTimes(1);
  });

  it('shows spend by allocation tag and shared spend next to the breakdowns', async () => {
    await renderContent(makeFakeApi());
    expect(
      await screen.findByRole('region', { name: 'Spend by environment' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Shared spend' }),
    ).toBeInTheDocument();
  });

  it('leaves spend by tag out when no spend carries a tag value', async () => {
    const api = makeFakeApi({
      getCosts: jest.fn().mockResolvedValue(
        makeEntityCosts({
          byTag: { environment: [{ value: null, cost: 1234.5678 }] },
          shared: [],
        }),
      ),
    });
    await renderContent(api);
    expect(
      await screen.findByRole('region', { name: 'Spend by model' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Spend by environment' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Shared spend' }),
    ).not.toBeInTheDocument();
  });

  it('renders extra cards', async () => {
    await renderContent(makeFakeApi(), {
      cards: [<div key="budget">Budget card</div>],
    });
    expect(await screen.findByText('Budget card')).toBeInTheDocument();
  });

  it('shows the budget, anomalies and recommendations of the entity', async () => {
    const api = makeFakeApi();
    await renderContent(api);
    expect(await screen.findByText('$2,104.30')).toBeInTheDocument();
    expect(
      screen.getByText('Projected to exceed on Nov 25'),
    ).toBeInTheDocument();
    expect(api.getBudgetStatus).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
    });
    expect(await screen.findByText('Recent anomalies')).toBeInTheDocument();
    expect(
      await screen.findByText('Move short gpt-4o calls to gpt-4o-mini'),
    ).toBeInTheDocument();
    expect(api.listAnomalies).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
      status: 'all',
      limit: 500,
    });
  });

  it('leaves the default cards out on request', async () => {
    const api = makeFakeApi();
    await renderContent(api, {
      defaultCards: false,
      cards: [<div key="extra">Extra card</div>],
    });
    expect(await screen.findByText('Extra card')).toBeInTheDocument();
    await screen.findByText('$1,234.57', { selector: 'p' });
    expect(screen.queryByText('AI budget')).not.toBeInTheDocument();
    expect(api.getBudgetStatus).not.toHaveBeenCalled();
    expect(api.listAnomalies).not.toHaveBeenCalled();
    expect(api.listRecommendations).not.toHaveBeenCalled();
  });
});

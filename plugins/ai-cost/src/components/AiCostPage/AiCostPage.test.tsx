import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  makeBudgetStatus,
  makeFakeApi,
  makeResponseError,
  now,
} from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { rowCells } from '../../__testUtils__/tables';
import { billedValuesRouteRef } from '../../routes';
import { AiCostPage } from './AiCostPage';

/**
 * The last rollup the rollup card asked for (the unit economics card asks
 * with a metric, the headline by category).
 */
function lastRollupRequest(api: jest.Mocked<AiCostApi>) {
  return api.getRollup.mock.calls
    .map(([request]) => request)
    .filter(request => !request.metric && request.groupBy !== 'category')
    .pop();
}

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

async function renderPage(api: AiCostApi, routeEntries?: string[]) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <AiCostPage now={now} />
      <Search />
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('AiCostPage', () => {
  it('shows the Shadow AI card for the period, after the other cards', async () => {
    const api = makeFakeApi();
    await renderPage(api);
    expect(await screen.findByText('Shadow AI')).toBeInTheDocument();
    expect(api.getShadowAi).toHaveBeenCalledWith({
      from: '2026-10-24',
      to: '2026-11-22',
    });
    expect(
      await screen.findByText(/No AI tools were expensed in this period/),
    ).toBeInTheDocument();
  });

  it('shows rollups, movers, unallocated spend, attribution and sources', async () => {
    const api = makeFakeApi();
    await renderPage(api);
    expect(await screen.findByText('Spend by team')).toBeInTheDocument();
    expect(api.getRollup).toHaveBeenCalledWith({
      groupBy: 'owner',
      from: '2026-10-24',
      to: '2026-11-22',
    });
    // The headline: all AI spend of the same period by category.
    expect(api.getRollup).toHaveBeenCalledWith({
      groupBy: 'category',
      from: '2026-10-24',
      to: '2026-11-22',
    });
    expect(screen.getByText('All AI spend')).toBeInTheDocument();
    expect(rowCells('Search Team').slice(0, 3)).toEqual([
      'Search Team',
      '$4,321.09',
      '$3,100.00',
    ]);
    expect(
      screen.getByRole('list', { name: 'Top movers' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '$1,224.95 of $9,876.54 (12.4%) is not claimed by any catalog entity',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Conflicting claims' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Billing sources')).toBeInTheDocument();
    expect(
      screen.getByText('Anthropic answered 401: invalid x-api-key'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Export CSV' }),
    ).toBeInTheDocument();
  });

  it('shows unit economics per customer below the rollups', async () => {
    const api = makeFakeApi();
    await renderPage(api);
    expect(
      await screen.findByText('Cost and revenue by customer'),
    ).toBeInTheDocument();
    expect(api.getRollup).toHaveBeenCalledWith({
      groupBy: 'tag:customer',
      metric: 'revenue',
      from: '2026-10-24',
      to: '2026-11-22',
    });
  });

  it('keeps the dimension and the period in the URL', async () => {
    const api = makeFakeApi();
    await renderPage(api, ['/ai-cost?period=7d']);
    await screen.findByText('Spend by team');
    expect(lastRollupRequest(api)).toEqual({
      groupBy: 'owner',
      from: '2026-11-16',
      to: '2026-11-22',
    });

    await userEvent.click(screen.getByRole('tab', { name: 'System' }));
    expect(screen.getByTestId('search')).toHaveTextContent(
      '?period=7d&groupBy=system',
    );
    await waitFor(() =>
      expect(lastRollupRequest(api)).toEqual({
        groupBy: 'system',
        from: '2026-11-16',
        to: '2026-11-22',
      }),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Period'),
      'last-month',
    );
    expect(screen.getByTestId('search')).toHaveTextContent(
      '?period=last-month&groupBy=system',
    );
    await waitFor(() =>
      expect(lastRollupRequest(api)).toEqual({
        groupBy: 'system',
        from: '2026-10-01',
        to: '2026-10-31',
      }),
    );
  });

  it('offers a tab per allocation tag and keeps a tag grouping in the URL', async () => {
    const api = makeFakeApi();
    await renderPage(api, ['/ai-cost?groupBy=tag:environment']);
    expect(await screen.findByText('Spend by environment')).toBeInTheDocument();
    expect(lastRollupRequest(api)).toEqual({
      groupBy: 'tag:environment',
      from: '2026-10-24',
      to: '2026-11-22',
    });
    expect(
      await screen.findByRole('tab', { name: 'Customer' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Customer' }));
    expect(screen.getByTestId('search')).toHaveTextContent(
      '?groupBy=tag%3Acustomer',
    );
    await waitFor(() =>
      expect(lastRollupRequest(api)).toEqual({
        groupBy: 'tag:customer',
        from: '2026-10-24',
        to: '2026-11-22',
      }),
    );
  });

  it('shows no tag tabs when the allocation tags cannot be read', async () => {
    const api = makeFakeApi({
      getAllocationRules: jest
        .fn()
        .mockRejectedValue(new Error('Missing permission')),
    });
    await renderPage(api, ['/ai-cost?groupBy=tag:bad%20key']);
    expect(await screen.findByText('Spend by team')).toBeInTheDocument();
    await waitFor(() => expect(api.getAllocationRules).toHaveBeenCalled());
    expect(
      within(screen.getByRole('tablist', { name: 'Group spend by' }))
        .getAllByRole('tab')
        .map(tab => tab.textContent),
    ).toEqual(['Team', 'System', 'Domain', 'Provider', 'Model', 'Category']);
  });

  it('explains a missing ai-cost.org.read permission instead of failing', async () => {
    const forbidden = await makeResponseError(
      403,
      'NotAllowedError',
      'Missing permission ai-cost.org.read',
    );
    const api = makeFakeApi({
      getRollup: jest.fn().mockRejectedValue(forbidden),
      getAttributionStatus: jest.fn().mockRejectedValue(forbidden),
    });
    api.listSources.mockRejectedValue(
      await makeResponseError(
        403,
        'NotAllowedError',
        'Missing permission ai-cost.admin',
      ),
    );
    await renderPage(api);
    expect(
      await screen.findByText('Organization-wide AI costs need a permission'),
    ).toBeInTheDocument();
    expect(screen.getByText('ai-cost.org.read')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText('Spend by team')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Export CSV' }),
    ).not.toBeInTheDocument();
    // The period picker stays usable; sources explain their own permission.
    expect(screen.getByLabelText('Period')).toBeInTheDocument();
    expect(await screen.findByText('ai-cost.admin')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('links the billed values page where the app mounts it', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [aiCostApiRef, makeFakeApi()],
          [permissionApiRef, makePermissionApi()],
        ]}
      >
        <AiCostPage now={now} />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/ai-cost/billed-values': billedValuesRouteRef,
        },
      },
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Pages' }));
    expect(
      screen.getByRole('menuitem', { name: 'Billed values' }),
    ).toHaveAttribute('href', '/ai-cost/billed-values');
  });

  it('shows other rollup errors', async () => {
    const api = makeFakeApi({
      getRollup: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            400,
            'InputError',
            'to: window must be at most 400 days',
          ),
        ),
    });
    await renderPage(api);
    // The rollup card and the unit economics card each show the failure.
    expect(
      await screen.findAllByText('Error: Request failed with 400 Bad Request'),
    ).toHaveLength(2);
  });

  it('shows budgets over budget first, recent anomalies and recommendations with their total', async () => {
    const api = makeFakeApi({
      listBudgetStatuses: jest.fn().mockResolvedValue([
        makeBudgetStatus({
          entityRef: 'component:default/ok-service',
          state: 'ok',
          projectedBreachDate: null,
        }),
        makeBudgetStatus({
          entityRef: 'group:default/finance-ops',
          spent: 2600,
          state: 'over',
          projectedBreachDate: '2026-11-18',
        }),
      ]),
    });
    await renderPage(api);
    expect(await screen.findByText('Budgets')).toBeInTheDocument();
    expect(api.listBudgetStatuses).toHaveBeenCalled();
    expect(rowCells('finance-ops')).toEqual([
      'finance-ops',
      'Overall',
      '$2,500.00 / month',
      '$2,600.00 (104.0%)',
      '$2,987.65',
      'Over budget',
      'Exceeded on Nov 18',
    ]);
    const rows = screen
      .getAllByRole('row')
      .map(row => row.textContent ?? '')
      .filter(text => /finance-ops|ok-service/.test(text));
    expect(rows[0]).toMatch(/^finance-ops/);
    expect(rows[1]).toMatch(/^ok-service/);

    expect(api.listAnomalies).toHaveBeenCalledWith({
      entityRef: undefined,
      status: 'all',
      limit: 500,
    });
    expect(await screen.findByText('gpt-4o (OpenAI)')).toBeInTheDocument();
    expect(api.listRecommendations).toHaveBeenCalledWith({
      entityRef: undefined,
      status: 'open',
      limit: 500,
    });
    expect(
      (await screen.findByText('Estimated savings:')).parentElement,
    ).toHaveTextContent('Estimated savings: $508.80 a month');
  });

  it('gives anomalies and recommendations full rows, leaving no blank area beside either', async () => {
    await renderPage(makeFakeApi());
    const gridItem = async (title: string) =>
      (await screen.findAllByText(title))
        .map(element => element.closest('[class*="MuiGrid-item"]'))
        .find(Boolean);
    for (const title of ['Recent anomalies', 'Recommendations']) {
      const item = await gridItem(title);
      expect(item?.className).toMatch(/MuiGrid-grid-xs-12/);
      expect(item?.className).not.toMatch(/MuiGrid-grid-(lg|md)-/);
    }
  });

  it('shows no rollup for an invalid custom window', async () => {
    const api = makeFakeApi();
    await renderPage(api, ['/ai-cost?from=2026-11-10&to=2026-11-01']);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No costs are shown for this period: From must not be after To.',
    );
    expect(api.getRollup).not.toHaveBeenCalled();
    expect(screen.queryByText('Spend by team')).not.toBeInTheDocument();
  });
});

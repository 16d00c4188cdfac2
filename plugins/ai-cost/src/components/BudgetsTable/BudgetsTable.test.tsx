import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  makeBudgetStatus,
  makeFakeApi,
  makeNoBudgetStatus,
  makeResponseError,
  makeScopedBudgetStatus,
} from '../../__testUtils__/fixtures';
import { budgetRows, BudgetsSection, sortBudgetStatuses } from './BudgetsTable';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const statuses = [
  makeBudgetStatus({
    entityRef: 'component:default/ok-service',
    budget: 1000,
    spent: 200,
    forecast: { median: 400, low: 350, high: 450 },
    state: 'ok',
    projectedBreachDate: null,
    scoped: [
      makeScopedBudgetStatus({ entityRef: 'component:default/ok-service' }),
    ],
  }),
  makeBudgetStatus(),
  makeBudgetStatus({
    entityRef: 'group:default/support-team',
    budget: 5000,
    spent: 5210.9,
    forecast: { median: 7200, low: 6900, high: 7500 },
    state: 'over',
    projectedBreachDate: '2026-11-18',
  }),
  makeBudgetStatus({
    entityRef: 'system:default/search',
    budget: 9000,
    spent: 6000,
    forecast: { median: 9050, low: 8000, high: 9900 },
    state: 'at-risk',
    projectedBreachDate: '2026-11-30',
    period: {
      period: 'quarter',
      start: '2026-10-01',
      end: '2026-12-31',
      asOf: '2026-11-21',
      daysRemaining: 40,
    },
  }),
  // Only a budget for one customer.
  makeNoBudgetStatus({
    entityRef: 'component:default/acme-bot',
    scoped: [
      makeScopedBudgetStatus({
        entityRef: 'component:default/acme-bot',
        scope: 'customer:acme',
        budget: 100,
        spent: 100,
        state: 'over',
        projectedBreachDate: '2026-11-20',
      }),
    ],
  }),
];

async function renderSection(api: AiCostApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <BudgetsSection />
    </TestApiProvider>,
    { mountedRoutes },
  );
}

function bodyRows() {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .filter(row => within(row).queryAllByRole('cell').length > 0)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    );
}

describe('BudgetsSection', () => {
  it('lists every budget, over budget first', async () => {
    const api = makeFakeApi({
      listBudgetStatuses: jest.fn().mockResolvedValue(statuses),
    });
    await renderSection(api);
    expect(await screen.findByText('Budgets')).toBeInTheDocument();
    expect(api.listBudgetStatuses).toHaveBeenCalledWith();
    expect(
      screen.getByText('Current period, as of Nov 21, 2026'),
    ).toBeInTheDocument();
    expect(bodyRows()).toEqual([
      [
        'support-team',
        'Overall',
        '$5,000.00 / month',
        '$5,210.90 (104.2%)',
        '$7,200.00',
        'Over budget',
        'Exceeded on Nov 18',
      ],
      [
        'acme-bot',
        'customer=acme',
        '$100.00 / month',
        '$100.00 (100.0%)',
        '$171.43',
        'Over budget',
        'Exceeded on Nov 20',
      ],
      [
        'query-rewriter',
        'Overall',
        '$2,500.00 / month',
        '$2,104.30 (84.2%)',
        '$2,987.65',
        'At risk',
        'Nov 25',
      ],
      [
        'search',
        'Overall',
        '$9,000.00 / quarter',
        '$6,000.00 (66.7%)',
        '$9,050.00',
        'At risk',
        'Nov 30',
      ],
      [
        'ok-service',
        'staging',
        '$300.00 / month',
        '$120.00 (40.0%)',
        '$171.43',
        'On track',
        '—',
      ],
      [
        'ok-service',
        'Overall',
        '$1,000.00 / month',
        '$200.00 (20.0%)',
        '$400.00',
        'On track',
        '—',
      ],
    ]);
    expect(
      within(screen.getByRole('table')).getByRole('link', {
        name: /support-team/,
      }),
    ).toHaveAttribute('href', '/catalog/default/group/support-team/ai-cost');
  });

  it('explains the org read permission on 403', async () => {
    await renderSection(
      makeFakeApi({
        listBudgetStatuses: jest
          .fn()
          .mockRejectedValue(
            await makeResponseError(
              403,
              'NotAllowedError',
              'Missing permission ai-cost.org.read',
            ),
          ),
      }),
    );
    expect(
      await screen.findByText('Organization-wide AI costs need a permission'),
    ).toBeInTheDocument();
  });

  it('says how to add a budget when there is none', async () => {
    await renderSection(
      makeFakeApi({ listBudgetStatuses: jest.fn().mockResolvedValue([]) }),
    );
    expect(
      await screen.findByText(/^No entity has a budget yet\./),
    ).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    await renderSection(
      makeFakeApi({
        listBudgetStatuses: jest
          .fn()
          .mockRejectedValue(
            await makeResponseError(500, 'Error', 'database is locked'),
          ),
      }),
    );
    expect(
      await screen.findByText('Could not load the budgets: database is locked'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderSection(
      makeFakeApi({ listBudgetStatuses: jest.fn(() => new Promise(() => {})) }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});

describe('sortBudgetStatuses', () => {
  it('puts over before at risk before ok, then the most used budget first', () => {
    expect(
      sortBudgetStatuses(budgetRows(statuses)).map(
        s => `${s.entityRef} ${s.scope}`,
      ),
    ).toEqual([
      'group:default/support-team null',
      'component:default/acme-bot customer:acme',
      'component:default/query-rewriter null',
      'system:default/search null',
      'component:default/ok-service environment:staging',
      'component:default/ok-service null',
    ]);
  });
});

import type { Entity } from '@backstage/catalog-model';
import { alertApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockFetchApi,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { aiCostApiRef, AiCostClient, type AiCostApi } from '../../api';
import {
  componentEntity,
  makeBudget,
  makeBudgetStatus,
  makeFakeApi,
  makeNoBudgetStatus,
  makeResponseError,
  makeScopedBudgetStatus,
} from '../../__testUtils__/fixtures';
import {
  makeAlertApi,
  makePermissionApi,
} from '../../__testUtils__/permissions';
import { EntityBudgetStatusCard } from './EntityBudgetStatusCard';

const entityRef = 'component:default/query-rewriter';

async function renderCard(
  api: AiCostApi,
  options: {
    allowed?: boolean;
    permissionApi?: ReturnType<typeof makePermissionApi>;
    entity?: Entity;
  } = {},
) {
  const permissionApi =
    options.permissionApi ?? makePermissionApi(options.allowed ?? true);
  const alertApi = makeAlertApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, permissionApi],
        [alertApiRef, alertApi],
      ]}
    >
      <EntityProvider entity={options.entity ?? componentEntity}>
        <EntityBudgetStatusCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return { permissionApi, alertApi };
}

describe('EntityBudgetStatusCard', () => {
  it('shows the budget status of the entity', async () => {
    const api = makeFakeApi();
    await renderCard(api);
    expect(await screen.findByText('$2,104.30')).toBeInTheDocument();
    expect(api.getBudgetStatus).toHaveBeenCalledWith({ entityRef });
    expect(screen.getByText('At risk')).toBeInTheDocument();
    expect(
      screen.getByText('Projected to exceed on Nov 25'),
    ).toBeInTheDocument();
  });

  it('hides "Edit budget" without ai-cost.budget.update on the entity', async () => {
    const permissionApi = makePermissionApi(false);
    await renderCard(makeFakeApi(), {
      permissionApi,
      entity: {
        ...componentEntity,
        metadata: { ...componentEntity.metadata, name: 'denied-service' },
      },
    });
    await screen.findByText('$2,104.30');
    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith({
        permission: expect.objectContaining({
          name: 'ai-cost.budget.update',
          resourceType: 'catalog-entity',
        }),
        resourceRef: 'component:default/denied-service',
      }),
    );
    // Give the permission answer time to render.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(
      screen.queryByRole('button', { name: 'Edit budget' }),
    ).not.toBeInTheDocument();
  });

  it('shows "Edit budget" with the permission and saves the exact budget', async () => {
    const api = makeFakeApi();
    api.getBudgetStatus
      .mockResolvedValueOnce(makeBudgetStatus())
      .mockResolvedValueOnce(
        makeBudgetStatus({
          budget: 3000,
          period: {
            period: 'quarter',
            start: '2026-10-01',
            end: '2026-12-31',
            asOf: '2026-11-21',
            daysRemaining: 40,
          },
          state: 'ok',
          projectedBreachDate: null,
        }),
      );
    const { alertApi } = await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );

    const dialog = screen.getByRole('dialog', {
      name: 'AI budget of Query Rewriter',
    });
    expect(within(dialog).getByLabelText(/Budget amount/)).toHaveValue(2500);
    expect(within(dialog).getByLabelText('Period')).toHaveValue('month');
    expect(within(dialog).getByLabelText('Alert thresholds (%)')).toHaveValue(
      '50, 80, 100',
    );

    await userEvent.clear(within(dialog).getByLabelText(/Budget amount/));
    await userEvent.type(
      within(dialog).getByLabelText(/Budget amount/),
      '3000',
    );
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Period'),
      'quarter',
    );
    await userEvent.clear(
      within(dialog).getByLabelText('Alert thresholds (%)'),
    );
    await userEvent.type(
      within(dialog).getByLabelText('Alert thresholds (%)'),
      '90, 50, 120',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.setBudget).toHaveBeenCalledTimes(1);
    expect(api.setBudget).toHaveBeenCalledWith({
      entityRef,
      amount: 3000,
      period: 'quarter',
      thresholds: [0.5, 0.9, 1.2],
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // The card reloads and shows the new budget.
    expect(await screen.findByText('of $3,000.00 (70.1%)')).toBeInTheDocument();
    expect(api.getBudgetStatus).toHaveBeenCalledTimes(2);
    expect(screen.getByText('On track')).toBeInTheDocument();
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Budget of Query Rewriter saved',
        severity: 'success',
      }),
    );
  });

  it('plans from the month-end forecast: a suggested budget, and a word on an implausible amount', async () => {
    const api = makeFakeApi();
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(api.getSpendForecast).toHaveBeenCalledWith({ entityRef });
    const planning = await within(dialog).findByTestId('budget-planning');
    expect(planning).toHaveTextContent(
      'Spent $845.50 from Nov 1 to Nov 21; month-end forecast $1,160.50 (range $1,120.25–$1,204.75).',
    );
    // The backend suggests it: 1,160.50 × 1.15 = 1,334.58 → 1,400.
    expect(
      await within(planning).findByText(/^Suggested: \$1,400\.00 per month\./),
    ).toHaveTextContent(
      'Suggested: $1,400.00 per month. Last 30 days, $40.26/day, forecast $1,160.50 for November 2026; × 1.15 headroom, rounded up to two significant digits: $1,400.00 per month.',
    );
    expect(api.getBudgetSuggestion).toHaveBeenCalledWith({
      entityRef,
      period: 'month',
    });
    const amount = within(dialog).getByLabelText(/Budget amount/);
    await userEvent.clear(amount);
    await userEvent.type(amount, '0.5');
    expect(
      within(dialog).getByText(
        'Less than a quarter of the month-end forecast ($1,160.50): it will be exceeded early in the month',
      ),
    ).toBeInTheDocument();
    await userEvent.clear(amount);
    await userEvent.type(amount, '1000000000');
    expect(
      within(dialog).getByText(
        'More than 20 times the month-end forecast ($1,160.50): its alerts would hardly ever fire',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Use $1,400.00' }),
    );
    expect(amount).toHaveValue(1400);
    expect(within(dialog).getByText('Per month, in USD')).toBeInTheDocument();
    // A quarter plans three months at this pace: 1,160.50 × 3 × 1.15 = 4,003.73 → 4,100
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Period'),
      'quarter',
    );
    expect(
      await within(planning).findByText(
        /^Suggested: \$4,100\.00 per quarter\./,
      ),
    ).toBeInTheDocument();
    expect(api.getBudgetSuggestion).toHaveBeenCalledWith({
      entityRef,
      period: 'quarter',
    });
    await userEvent.clear(amount);
    await userEvent.type(amount, '0.001');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('The budget must be at least 0.01'),
    ).toBeInTheDocument();
    expect(api.setBudget).not.toHaveBeenCalled();
  });

  it('edits and removes a scoped budget, picked in the editor', async () => {
    const api = makeFakeApi();
    api.getBudgetStatus.mockResolvedValue(
      makeBudgetStatus({
        scoped: [makeScopedBudgetStatus({ source: 'portal' })],
      }),
    );
    const { alertApi } = await renderCard(api);
    expect(
      await screen.findByText(/: \$120\.00 of \$300\.00 · On track$/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Edit budget' }));
    const dialog = screen.getByRole('dialog');
    const scope = within(dialog).getByLabelText('Budget for');
    expect(scope).toHaveValue('');
    expect(
      await within(dialog).findByRole('button', { name: /^Use \$/ }),
    ).toBeInTheDocument();
    await userEvent.selectOptions(scope, 'environment:staging');
    // The forecast is the entity's overall one: no suggestion for staging.
    expect(within(dialog).getByTestId('budget-planning')).toHaveTextContent(
      /^Overall, all tag values together: Spent .*No suggested budget for environment:staging: the spend and forecast above are the entity's overall ones, not environment:staging's\.$/,
    );
    expect(
      within(dialog).queryByRole('button', { name: /^Use \$/ }),
    ).not.toBeInTheDocument();
    const amount = within(dialog).getByLabelText(/Budget amount/);
    expect(amount).toHaveValue(300);
    expect(within(dialog).getByLabelText('Alert thresholds (%)')).toHaveValue(
      '50, 100',
    );
    await userEvent.clear(amount);
    await userEvent.type(amount, '350');
    api.setBudget.mockResolvedValueOnce(
      makeBudget({ scope: 'environment:staging', amount: 350 }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(api.setBudget).toHaveBeenCalledWith({
      entityRef,
      scope: 'environment:staging',
      amount: 350,
      period: 'month',
      thresholds: [0.5, 1],
    });
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'Budget of Query Rewriter for staging saved',
        }),
      ),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );
    const again = screen.getByRole('dialog');
    await userEvent.selectOptions(
      within(again).getByLabelText('Budget for'),
      'environment:staging',
    );
    await userEvent.click(
      within(again).getByRole('button', { name: 'Remove portal budget' }),
    );
    expect(api.deleteBudget).toHaveBeenCalledWith({
      entityRef,
      scope: 'environment:staging',
    });
  });

  it('sets a budget for a tag value not budgeted yet, a bare value being an environment', async () => {
    const api = makeFakeApi();
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Budget for'),
      'Another tag value…',
    );
    expect(within(dialog).getByLabelText(/Budget amount/)).toHaveValue(null);
    await userEvent.type(within(dialog).getByLabelText(/Budget amount/), '80');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText(
        'Type an environment such as staging, or <tag>:<value>',
      ),
    ).toBeInTheDocument();
    expect(api.setBudget).not.toHaveBeenCalled();
    await userEvent.type(within(dialog).getByLabelText(/Tag value/), 'prod');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(api.setBudget).toHaveBeenCalledWith({
      entityRef,
      scope: 'environment:prod',
      amount: 80,
      period: 'month',
      thresholds: [0.5, 0.8, 1],
    });
  });

  it('validates the amount and the thresholds before saving', async () => {
    const api = makeFakeApi();
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.clear(within(dialog).getByLabelText(/Budget amount/));
    await userEvent.type(within(dialog).getByLabelText(/Budget amount/), '0');
    await userEvent.clear(
      within(dialog).getByLabelText('Alert thresholds (%)'),
    );
    await userEvent.type(
      within(dialog).getByLabelText('Alert thresholds (%)'),
      '50, lots',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('The budget must be greater than 0'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('"lots" is not a percentage greater than 0'),
    ).toBeInTheDocument();
    expect(api.setBudget).not.toHaveBeenCalled();
  });

  it('shows server errors in the dialog and keeps it open', async () => {
    const api = makeFakeApi({
      setBudget: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            403,
            'NotAllowedError',
            `Missing permission ai-cost.budget.update on ${entityRef}`,
          ),
        ),
    });
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      `Missing permission ai-cost.budget.update on ${entityRef}`,
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(api.getBudgetStatus).toHaveBeenCalledTimes(1);
  });

  it('removes the portal budget and shows the annotation budget again', async () => {
    const api = makeFakeApi();
    api.getBudgetStatus
      .mockResolvedValueOnce(makeBudgetStatus())
      .mockResolvedValueOnce(
        makeBudgetStatus({ budget: 2000, source: 'annotation', state: 'over' }),
      );
    const { alertApi } = await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Remove portal budget',
      }),
    );
    expect(api.deleteBudget).toHaveBeenCalledWith({ entityRef });
    expect(
      await screen.findByText(
        'Monthly budget, from the ai-cost/monthly-budget annotation',
      ),
    ).toBeInTheDocument();
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Portal budget of Query Rewriter removed',
      }),
    );
  });

  it('does not offer removal of an annotation budget', async () => {
    const api = makeFakeApi({
      getBudgetStatus: jest
        .fn()
        .mockResolvedValue(makeBudgetStatus({ source: 'annotation' })),
    });
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );
    expect(
      within(screen.getByRole('dialog')).queryByRole('button', {
        name: 'Remove portal budget',
      }),
    ).not.toBeInTheDocument();
  });

  it('offers to set a budget when there is none, starting from the defaults', async () => {
    const api = makeFakeApi({
      getBudgetStatus: jest.fn().mockResolvedValue(makeNoBudgetStatus()),
    });
    await renderCard(api);
    expect(await screen.findByText('No budget set')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Set a budget' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByLabelText(/Budget amount/)).toHaveValue(null);
    expect(within(dialog).getByLabelText('Alert thresholds (%)')).toHaveValue(
      '50, 80, 100',
    );
    expect(
      within(dialog).queryByRole('button', { name: 'Remove portal budget' }),
    ).not.toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderCard(
      makeFakeApi({ getBudgetStatus: jest.fn(() => new Promise(() => {})) }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('explains a 403 and shows other errors with a retry', async () => {
    const api = makeFakeApi({
      getBudgetStatus: jest
        .fn()
        .mockRejectedValueOnce(
          await makeResponseError(500, 'Error', 'database is locked'),
        )
        .mockResolvedValueOnce(makeBudgetStatus()),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        'Could not load the budget status: database is locked',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('$2,104.30')).toBeInTheDocument();
  });

  it('explains a missing read permission', async () => {
    await renderCard(
      makeFakeApi({
        getBudgetStatus: jest
          .fn()
          .mockRejectedValue(
            await makeResponseError(
              403,
              'NotAllowedError',
              'Missing permission ai-cost.costs.read',
            ),
          ),
      }),
    );
    expect(
      await screen.findByText('You may not see the AI costs of this entity.'),
    ).toBeInTheDocument();
  });
});

describe('EntityBudgetStatusCard with the real client', () => {
  const baseUrl = 'http://localhost:7007/api/ai-cost';
  const server = setupServer();
  registerMswTestHooks(server);

  it('sends PUT /budgets with the exact JSON body', async () => {
    const bodies: string[] = [];
    const searches: string[] = [];
    server.use(
      http.get(`${baseUrl}/budgets/status`, () =>
        HttpResponse.json(makeBudgetStatus()),
      ),
      http.put(`${baseUrl}/budgets`, async ({ request }) => {
        bodies.push(await request.text());
        searches.push(new URL(request.url).search);
        return HttpResponse.json(makeBudget({ amount: 1800 }));
      }),
    );
    const client = new AiCostClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: new MockFetchApi(),
    });
    await renderCard(client);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit budget' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.clear(within(dialog).getByLabelText(/Budget amount/));
    await userEvent.type(
      within(dialog).getByLabelText(/Budget amount/),
      '1800.5',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toBe(
      '{"amount":1800.5,"period":"month","thresholds":[0.5,0.8,1]}',
    );
    expect(searches[0]).toBe('?entityRef=component%3Adefault%2Fquery-rewriter');
  });
});

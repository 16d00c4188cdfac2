import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef } from '../../api';
import { makeBudgetApprovalRequest } from '../../__testUtils__/budgetRequestFixtures';
import { makeFakeApi, makeResponseError } from '../../__testUtils__/fixtures';
import { BudgetRequestsCard } from './BudgetRequestsCard';

async function renderCard(
  api: ReturnType<typeof makeFakeApi>,
  props: Parameters<typeof BudgetRequestsCard>[0],
) {
  return renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <BudgetRequestsCard {...props} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('BudgetRequestsCard', () => {
  const mine = makeBudgetApprovalRequest();
  const someoneElses = makeBudgetApprovalRequest({
    id: 'req-2',
    entityRef: 'component:default/search-api',
    amount: 9000,
    period: 'quarter',
    scope: 'environment:staging',
    businessCase: null,
    canDecide: false,
  });

  it('lists pending requests with actions only where the viewer may decide', async () => {
    await renderCard(makeFakeApi(), {
      requests: [mine, someoneElses],
      onReload: jest.fn(),
    });
    expect(
      screen.getByText('2 pending, 1 waiting for your decision'),
    ).toBeInTheDocument();
    const [first, second] = within(
      screen.getByRole('list', { name: 'Pending budget requests' }),
    ).getAllByRole('listitem');
    expect(first).toHaveTextContent('$3,200.00 a month');
    expect(first).toHaveTextContent('Asked by carol on Nov 20, 2026');
    expect(first).toHaveTextContent(
      'Ticket volume is up 30% since the billing launch',
    );
    expect(
      within(first).getByRole('button', { name: /^Approve/ }),
    ).toBeInTheDocument();
    expect(second).toHaveTextContent(
      '$9,000.00 a quarter (environment:staging)',
    );
    expect(within(second).queryByRole('button')).not.toBeInTheDocument();
  });

  it('approves and reloads', async () => {
    const api = makeFakeApi();
    const onReload = jest.fn();
    await renderCard(api, { requests: [mine], onReload });
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Approve $3,200.00 a month for component:default/support-bot',
      }),
    );
    await waitFor(() => expect(onReload).toHaveBeenCalled());
    expect(api.approveBudgetRequest).toHaveBeenCalledWith('req-1');
  });

  it('asks a reason before rejecting', async () => {
    const api = makeFakeApi();
    const onReload = jest.fn();
    await renderCard(api, { requests: [mine], onReload });
    await userEvent.click(screen.getByRole('button', { name: /^Reject/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(
      within(dialog).getByText(
        'Say why, so the requester knows what to change',
      ),
    ).toBeInTheDocument();
    expect(api.rejectBudgetRequest).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'Use the shared gateway budget',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    await waitFor(() => expect(onReload).toHaveBeenCalled());
    expect(api.rejectBudgetRequest).toHaveBeenCalledWith('req-1', {
      comment: 'Use the shared gateway budget',
    });
  });

  it('keeps the request when a decision is refused', async () => {
    const api = makeFakeApi({
      approveBudgetRequest: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            409,
            'ConflictError',
            'Budget request req-1 is already approved',
          ),
        ),
    });
    const onReload = jest.fn();
    await renderCard(api, { requests: [mine], onReload });
    await userEvent.click(screen.getByRole('button', { name: /^Approve/ }));
    await waitFor(() => expect(api.approveBudgetRequest).toHaveBeenCalled());
    expect(onReload).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /^Approve/ })).toBeEnabled();
  });

  it('shows an error with a retry', async () => {
    const onReload = jest.fn();
    await renderCard(makeFakeApi(), {
      error: new Error('Network down'),
      onReload,
    });
    await userEvent.click(screen.getByRole('button', { name: /retry/i }));
    expect(onReload).toHaveBeenCalled();
  });
});

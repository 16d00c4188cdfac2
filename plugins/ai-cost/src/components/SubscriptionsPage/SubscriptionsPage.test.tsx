import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  SubscriptionsResponse,
  SubscriptionView,
} from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef, type AiCostApi } from '../../api';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { rowCells } from '../../__testUtils__/tables';
import { SubscriptionsPage } from './SubscriptionsPage';

const copilot: SubscriptionView = {
  id: 'copilot',
  source: 'config',
  vendor: 'GitHub',
  product: 'Copilot Business',
  amount: 1900,
  currency: 'USD',
  period: 'month',
  start: '2026-11-01',
  end: null,
  seats: 100,
  entityRef: null,
  groups: ['group:default/search-team', 'group:default/insights-team'],
  activeSeatsMetric: 'copilot_active',
  monthlyCost: 1900,
  costPerSeat: 19,
  activeSeats: 80,
  costPerActiveSeat: 23.75,
  problems: [],
};

const chatgpt: SubscriptionView = {
  ...copilot,
  id: 'chatgpt',
  source: 'portal',
  vendor: 'OpenAI',
  product: 'ChatGPT Team',
  amount: 3000,
  period: 'year',
  seats: null,
  groups: null,
  entityRef: 'group:default/insights-team',
  activeSeatsMetric: null,
  monthlyCost: 246.58,
  costPerSeat: null,
  activeSeats: null,
  costPerActiveSeat: null,
  problems: ['group:default/insights-team is not in the catalog'],
};

function makeApi(subscriptions: SubscriptionView[] = [copilot, chatgpt]) {
  const response: SubscriptionsResponse = {
    currency: 'USD',
    month: '2026-11',
    subscriptions,
  };
  return {
    getSubscriptions: jest.fn(async () => response),
    putSubscription: jest.fn(
      async (id: string, _body: object): Promise<SubscriptionView> => ({
        ...chatgpt,
        id,
      }),
    ),
    deleteSubscription: jest.fn(async (_id: string) => {}),
  };
}

async function renderPage(api: ReturnType<typeof makeApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api as unknown as AiCostApi],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <SubscriptionsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('SubscriptionsPage', () => {
  it('lists subscriptions with cost per seat and per active seat', async () => {
    await renderPage(makeApi());
    const table = await screen.findByRole('table', { name: 'Subscriptions' });
    expect(rowCells('GitHub', table)).toEqual([
      'GitHub',
      'Copilot Business',
      '$1,900.00 / month',
      '100',
      '$19.00',
      '80',
      '$23.75',
      'search-team, insights-team (by members)',
      'app-config',
    ]);
    const row = rowCells('OpenAI', table);
    expect(row.slice(2, 8)).toEqual([
      '$3,000.00 / year',
      '–',
      '–',
      '–',
      '–',
      'insights-team',
    ]);
    expect(
      screen.getByText('group:default/insights-team is not in the catalog'),
    ).toBeInTheDocument();
  });

  it('shows validation problems at their fields and saves a valid subscription', async () => {
    const api = makeApi([]);
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add subscription' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(api.putSubscription).not.toHaveBeenCalled();
    expect(
      within(dialog).getByText(
        'must be 1 to 100 lower-case letters, digits, _ . - (e.g. copilot-business)',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('must be a calendar date written as YYYY-MM-DD'),
    ).toBeInTheDocument();

    const type = (label: string, value: string) =>
      fireEvent.change(within(dialog).getByLabelText(label), {
        target: { value },
      });
    type('Id', 'cursor');
    type('Vendor', 'Anysphere');
    type('Product', 'Cursor Business');
    type('Amount per period', '400');
    type('Start (YYYY-MM-DD)', '2026-11-01');
    type('Seats (optional)', '10');
    type('Assigned to entity (optional)', 'group:default/search-team');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.putSubscription).toHaveBeenCalledWith('cursor', {
        vendor: 'Anysphere',
        product: 'Cursor Business',
        amount: 400,
        currency: 'USD',
        period: 'month',
        start: '2026-11-01',
        seats: 10,
        entityRef: 'group:default/search-team',
      }),
    );
  });

  it('deletes a portal subscription after confirmation; config ones cannot be', async () => {
    const api = makeApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'Subscriptions' });
    expect(
      screen.queryByRole('button', { name: 'Delete copilot' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete chatgpt' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Delete subscription chatgpt?');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(api.deleteSubscription).toHaveBeenCalledWith('chatgpt'),
    );
  });
});

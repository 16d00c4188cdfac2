import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import { makeBudgetApprovalRequest } from '../../__testUtils__/budgetRequestFixtures';
import {
  makeFakeApi,
  makeResponseError,
  now,
} from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { AiCostPage } from './AiCostPage';

async function renderPage(api: AiCostApi) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <AiCostPage now={now} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('AiCostPage budget requests', () => {
  it('shows no card while nothing is pending', async () => {
    const api = makeFakeApi();
    await renderPage(api);
    expect(await screen.findByText('Spend by team')).toBeInTheDocument();
    expect(api.listBudgetRequests).toHaveBeenCalledWith({ status: 'pending' });
    expect(screen.queryByText('Budget requests')).not.toBeInTheDocument();
  });

  it('lets an approver without org read access approve, then reloads the list', async () => {
    const forbidden = await makeResponseError(
      403,
      'NotAllowedError',
      'Missing permission ai-cost.org.read',
    );
    const api = makeFakeApi({
      getRollup: jest.fn().mockRejectedValue(forbidden),
      listBudgetRequests: jest
        .fn()
        .mockResolvedValueOnce([makeBudgetApprovalRequest()])
        .mockResolvedValue([]),
    });
    await renderPage(api);
    const title = await screen.findByText('Budget requests');
    const card = title.closest('[class*="MuiCard-root"]') as HTMLElement;
    expect(
      screen.getByText('Organization-wide AI costs need a permission'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(card).getByRole('button', { name: /^Approve/ }),
    );
    await waitFor(() =>
      expect(screen.queryByText('Budget requests')).not.toBeInTheDocument(),
    );
    expect(api.approveBudgetRequest).toHaveBeenCalledWith('req-1');
  });
});

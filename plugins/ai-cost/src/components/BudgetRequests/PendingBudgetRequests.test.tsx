import { alertApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AiCostApi } from '../../api';
import { aiCostApiRef } from '../../api';
import { makeBudgetApprovalRequest } from '../../__testUtils__/budgetRequestFixtures';
import { componentEntity, makeFakeApi } from '../../__testUtils__/fixtures';
import {
  makeAlertApi,
  makePermissionApi,
} from '../../__testUtils__/permissions';
import { EntityBudgetStatusCard } from '../BudgetStatusCard';

const entityRef = 'component:default/query-rewriter';

async function renderBudgetCard(api: AiCostApi, allowed = false) {
  const alertApi = makeAlertApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi(allowed)],
        [alertApiRef, alertApi],
      ]}
    >
      <EntityProvider entity={componentEntity}>
        <EntityBudgetStatusCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { alertApi };
}

describe('pending budget requests on the budget card', () => {
  it("shows the entity's pending request; an approver approves it and the budget reloads", async () => {
    const request = makeBudgetApprovalRequest({ entityRef });
    const api = makeFakeApi({
      listBudgetRequests: jest
        .fn()
        .mockResolvedValueOnce([request])
        .mockResolvedValue([]),
    });
    const { alertApi } = await renderBudgetCard(api);
    expect(
      await screen.findByText(/^Budget request pending:/),
    ).toHaveTextContent(
      'Budget request pending: $3,200.00 a month, asked by carol on Nov 20',
    );
    expect(api.listBudgetRequests).toHaveBeenCalledWith({
      status: 'pending',
      entityRef,
    });
    // The viewer may not edit the budget, but may decide the request.
    expect(
      screen.queryByRole('button', { name: /Edit budget/ }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /^Approve/ }));
    await waitFor(() =>
      expect(
        screen.queryByText(/Budget request pending/),
      ).not.toBeInTheDocument(),
    );
    expect(api.approveBudgetRequest).toHaveBeenCalledWith(request.id);
    expect(api.getBudgetStatus).toHaveBeenCalledTimes(2);
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message:
          'Budget request of $3,200.00 a month for component:default/support-bot approved',
      }),
    );
  });

  it('shows a requester their pending request without actions', async () => {
    const api = makeFakeApi({
      listBudgetRequests: jest
        .fn()
        .mockResolvedValue([
          makeBudgetApprovalRequest({ entityRef, canDecide: false }),
        ]),
    });
    await renderBudgetCard(api);
    expect(
      await screen.findByText(/Budget request pending: \$3,200.00 a month/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^(Approve|Reject)/ }),
    ).not.toBeInTheDocument();
  });
});

// Permission answers are cached by usePermission across the tests of a file,
// so the test that denies ai-cost.admin lives here.
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { aiCostApiRef } from '../../api';
import { makeFakeApi } from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { CloseMonthButton } from './CloseMonthButton';

describe('CloseMonthButton permissions', () => {
  it('is hidden without ai-cost.admin', async () => {
    const permissionApi = makePermissionApi(false);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [aiCostApiRef, makeFakeApi()],
          [permissionApiRef, permissionApi],
        ]}
      >
        <CloseMonthButton month="2026-10" onClosed={jest.fn()} />
      </TestApiProvider>,
    );
    await waitFor(() => expect(permissionApi.authorize).toHaveBeenCalled());
    expect(permissionApi.authorize.mock.calls[0][0].permission.name).toBe(
      'ai-cost.admin',
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(
      screen.queryByRole('button', { name: 'Close month' }),
    ).not.toBeInTheDocument();
  });
});

import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { aiCostApiRef, type AiCostApi } from '../../api';
import { makeFakeApi, now } from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { AiCostPage } from './AiCostPage';

async function renderPage(api: AiCostApi, routeEntries?: string[]) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <AiCostPage now={now} />
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('AiCostPage month-end forecast', () => {
  it('shows the org-wide month-end forecast above the rollups, whatever the period', async () => {
    const api = makeFakeApi();
    await renderPage(api, ['/?period=last-month']);
    const title = await screen.findByText('Month-end forecast');
    const card = title.closest('[class*="MuiCard-root"]') as HTMLElement;
    expect(await within(card).findByText('$10,973.45')).toBeInTheDocument();
    expect(
      within(card).getByText(
        'All AI spend in the organization, unallocated spend included',
      ),
    ).toBeInTheDocument();
    expect(api.getSpendForecast).toHaveBeenCalledWith({});
    // Before the rollup card in the page.
    const rollup = await screen.findByText('Spend by team');
    expect(
      card.compareDocumentPosition(rollup) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });
});

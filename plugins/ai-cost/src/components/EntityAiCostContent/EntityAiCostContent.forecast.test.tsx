import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  componentEntity,
  makeFakeApi,
  now,
} from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { EntityAiCostContent } from './EntityAiCostContent';

async function renderContent(api: AiCostApi, routeEntries?: string[]) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <EntityProvider entity={componentEntity}>
        <EntityAiCostContent now={now} defaultCards={false} />
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntityAiCostContent month-end forecast', () => {
  it("draws the entity's forecast on the daily chart of a window ending today", async () => {
    const api = makeFakeApi();
    await renderContent(api);
    expect(
      await screen.findByText(
        /Month-end forecast \$1,160\.50 \(range \$1,120\.25–\$1,204\.75\)/,
        { selector: 'figcaption' },
      ),
    ).toBeInTheDocument();
    expect(api.getSpendForecast).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
    });
  });

  it('does not ask for a forecast for a window before today', async () => {
    const api = makeFakeApi();
    await renderContent(api, ['/?period=last-month']);
    expect(
      await screen.findByRole('figure', { name: /Daily AI spend/ }),
    ).toHaveAccessibleName(expect.not.stringContaining('forecast'));
    expect(api.getSpendForecast).not.toHaveBeenCalled();
  });
});

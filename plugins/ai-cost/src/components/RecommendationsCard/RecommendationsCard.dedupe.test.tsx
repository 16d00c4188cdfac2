import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { aiCostApiRef } from '../../api';
import {
  componentEntity,
  makeFakeApi,
  makeRecommendation,
  makeRecommendations,
  now,
} from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { EntityRecommendationsCard } from './EntityRecommendationsCard';

describe('EntityRecommendationsCard', () => {
  it('lists a recommendation about a shared key once', async () => {
    const shared = makeRecommendation({
      id: 'rec-shared',
      title: 'Rotate the shared evaluation key',
    });
    const api = makeFakeApi({
      listRecommendations: jest.fn().mockResolvedValue(
        makeRecommendations({
          items: [shared, makeRecommendation(), shared],
        }),
      ),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [aiCostApiRef, api],
          [permissionApiRef, makePermissionApi()],
        ]}
      >
        <EntityProvider entity={componentEntity}>
          <EntityRecommendationsCard now={now} />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findAllByRole('listitem', {
        name: 'Rotate the shared evaluation key',
      }),
    ).toHaveLength(1);
    expect(
      screen.getAllByRole('listitem', {
        name: 'Move short gpt-4o calls to gpt-4o-mini',
      }),
    ).toHaveLength(1);
  });
});

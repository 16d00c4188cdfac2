// Permission answers are cached by usePermission across the tests of a file,
// so the tests that deny permissions live here, each on its own resource.
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
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
import { RecommendationsCard } from './RecommendationsCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

/** Lets the permission answers render. */
const settle = () => new Promise(resolve => setTimeout(resolve, 50));

describe('RecommendationsCard permissions', () => {
  it('hides dismiss and snooze without ai-cost.recommendations.update on the entity', async () => {
    const permissionApi = makePermissionApi(false);
    const locked = makeRecommendation({
      entityRef: 'component:default/locked-service',
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            aiCostApiRef,
            makeFakeApi({
              listRecommendations: jest
                .fn()
                .mockResolvedValue(makeRecommendations({ items: [locked] })),
            }),
          ],
          [permissionApiRef, permissionApi],
        ]}
      >
        <EntityProvider entity={componentEntity}>
          <EntityRecommendationsCard now={now} />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    const item = await screen.findByRole('listitem', { name: locked.title });
    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith({
        permission: expect.objectContaining({
          name: 'ai-cost.recommendations.update',
          resourceType: 'catalog-entity',
        }),
        resourceRef: 'component:default/locked-service',
      }),
    );
    await settle();
    expect(within(item).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets only administrators decide on org-level recommendations', async () => {
    const permissionApi = makePermissionApi(
      request => request.permission.name !== 'ai-cost.admin',
    );
    const entityItem = makeRecommendation({
      entityRef: 'component:default/open-service',
    });
    const orgItem = makeRecommendation({
      id: 'rec-3',
      entityRef: '',
      rule: 'ownerless-spend',
      title: 'Claim the spend of OpenAI project proj_orphan',
      evidence: { project: 'proj_orphan', monthlySpend: 1012.45 },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            aiCostApiRef,
            makeFakeApi({
              listRecommendations: jest
                .fn()
                .mockResolvedValue(
                  makeRecommendations({ items: [entityItem, orgItem] }),
                ),
            }),
          ],
          [permissionApiRef, permissionApi],
        ]}
      >
        <RecommendationsCard now={now} />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByRole('button', {
        name: `Dismiss ${entityItem.title}`,
      }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith({
        permission: expect.objectContaining({ name: 'ai-cost.admin' }),
      }),
    );
    await settle();
    expect(
      within(screen.getByRole('listitem', { name: orgItem.title })).queryByRole(
        'button',
      ),
    ).not.toBeInTheDocument();
  });
});

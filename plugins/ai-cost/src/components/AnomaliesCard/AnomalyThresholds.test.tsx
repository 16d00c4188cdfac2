import type { Entity } from '@backstage/catalog-model';
import { alertApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  componentEntity,
  makeFakeApi,
  makeResponseError,
} from '../../__testUtils__/fixtures';
import {
  makeAlertApi,
  makePermissionApi,
} from '../../__testUtils__/permissions';
import { EntityAnomaliesCard } from './AnomaliesCard';
import { thresholdText } from './AnomalyThresholds';

const entityRef = 'component:default/query-rewriter';
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function renderCard(
  api: AiCostApi,
  allowed: boolean,
  entity: Entity = componentEntity,
) {
  const permissionApi = makePermissionApi(allowed);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, permissionApi],
        [alertApiRef, makeAlertApi()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityAnomaliesCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
  return { permissionApi };
}

const annotated = {
  entityRef,
  minImpact: 50,
  minImpactPercent: 30,
  source: 'annotation' as const,
};

describe('anomaly thresholds on the anomalies card', () => {
  it('words the threshold', () => {
    expect(thresholdText(annotated, 'USD')).toBe('Alerts above $50.00 and 30%');
    expect(
      thresholdText({ minImpact: null, minImpactPercent: 15 }, 'USD'),
    ).toBe('Alerts above 15%');
    expect(
      thresholdText({ minImpact: null, minImpactPercent: null }, 'USD'),
    ).toBe('Alerts on every anomaly');
  });

  it('lets those who may update the budget set both values', async () => {
    const api = makeFakeApi({
      getAnomalySettings: jest
        .fn()
        .mockResolvedValueOnce(annotated)
        .mockResolvedValue({
          entityRef,
          minImpact: 120,
          minImpactPercent: null,
          source: 'portal',
        }),
    });
    await renderCard(api, true);
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Alert thresholds' },
        { timeout: 5000 },
      ),
    );
    const amount = screen.getByLabelText('Minimum extra spend');
    const percent = screen.getByLabelText('Minimum increase over expected');
    expect(amount).toHaveValue('50');
    expect(percent).toHaveValue('30');

    await userEvent.clear(percent);
    await userEvent.type(percent, '5000');
    expect(
      screen.getByText('Enter a number between 0 and 1000'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

    await userEvent.clear(percent);
    await userEvent.clear(amount);
    await userEvent.type(amount, '120');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.setAnomalySettings).toHaveBeenCalledWith({
      entityRef,
      minImpact: 120,
      minImpactPercent: null,
    });
    expect(
      await screen.findByText('Alerts above $120.00 (set in the portal)'),
    ).toBeInTheDocument();
  });

  it('keeps the dialog open with the server error when saving fails', async () => {
    const api = makeFakeApi({
      getAnomalySettings: jest.fn().mockResolvedValue(annotated),
      setAnomalySettings: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            403,
            'NotAllowedError',
            'You may not change this',
          ),
        ),
    });
    await renderCard(api, true);
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Alert thresholds' },
        { timeout: 5000 },
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not change this',
    );
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
  });
  it('shows the threshold and its source, without a button for readers', async () => {
    const api = makeFakeApi({
      getAnomalySettings: jest.fn().mockResolvedValue(annotated),
    });
    // Another entity: permission answers are cached per resource across tests.
    const reader = {
      ...componentEntity,
      metadata: { ...componentEntity.metadata, name: 'read-only' },
    };
    const { permissionApi } = await renderCard(api, false, reader);
    expect(
      await screen.findByText(
        'Alerts above $50.00 and 30% (from ai-cost/anomaly-threshold)',
      ),
    ).toBeInTheDocument();
    expect(api.getAnomalySettings).toHaveBeenCalledWith({
      entityRef: 'component:default/read-only',
    });
    await waitFor(() => expect(permissionApi.authorize).toHaveBeenCalled());
    expect(permissionApi.authorize.mock.calls[0][0]).toMatchObject({
      permission: { name: 'ai-cost.budget.update' },
      resourceRef: 'component:default/read-only',
    });
    expect(
      screen.queryByRole('button', { name: 'Alert thresholds' }),
    ).not.toBeInTheDocument();
  });
});

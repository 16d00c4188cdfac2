import { configApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  componentEntity,
  makeFakeApi,
  makeResponseError,
} from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import {
  makeModelPolicy,
  policyException,
  policyViolations,
} from '../../__testUtils__/policyFixtures';
import { EntityModelPolicyCard, ModelPolicyCard } from './ModelPolicyCard';
import { PolicyViolationsCard } from './PolicyViolationsCard';

const now = () => new Date('2026-11-21T10:00:00Z');
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

/** Permission answers are cached per resource across tests: one entity per answer. */
const OWNED = 'component:default/search-api';
const NOT_OWNED = 'component:default/other-svc';

async function renderCard(
  api: AiCostApi,
  allowed: boolean | undefined,
  entityRef?: string,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [configApiRef, mockApis.config()],
        ...(allowed === undefined
          ? []
          : [[permissionApiRef, makePermissionApi(allowed)] as const]),
      ]}
    >
      {entityRef ? (
        <ModelPolicyCard entityRef={entityRef} now={now} />
      ) : (
        <EntityProvider entity={componentEntity}>
          <EntityModelPolicyCard now={now} />
        </EntityProvider>
      )}
    </TestApiProvider>,
    { mountedRoutes },
  );
}

describe('EntityModelPolicyCard', () => {
  it('shows the policy, its source, the violations with spend and days, and the exceptions', async () => {
    const api = makeFakeApi({
      getModelPolicy: jest.fn().mockResolvedValue(
        makeModelPolicy({
          entityRef: NOT_OWNED,
          exceptions: [policyException],
        }),
      ),
      listPolicyViolations: jest
        .fn()
        .mockResolvedValue(
          policyViolations.map(v => ({ ...v, entityRef: NOT_OWNED })),
        ),
    });
    await renderCard(api, false, NOT_OWNED);
    expect(
      await screen.findByText(
        'Max tier: Efficient (from ai-cost/max-model-tier)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Allowed models: gpt-4o (from ai-cost/allowed-models)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/blocks calls outside production/),
    ).toBeInTheDocument();
    const violations = within(
      screen.getByRole('list', { name: 'Policy violations' }),
    ).getAllByRole('listitem');
    expect(violations.map(v => v.textContent)).toEqual([
      'gpt-4.1Standard model · $342.50 on 12 days',
      'claude-opus-4-1Frontier model · $96.00 on 3 daysException until 2026-12-31',
    ]);
    expect(api.listPolicyViolations).toHaveBeenCalledWith({
      entityRef: NOT_OWNED,
      from: '2026-10-23',
      to: '2026-11-21',
    });
    expect(
      screen.getByText('claude-opus* until 2026-12-31'),
    ).toBeInTheDocument();
    // No budget permission: no exception requests, no removal.
    expect(
      screen.queryByRole('button', { name: 'Request exception' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
  });

  it('lets an owner request an exception, checking the justification and expiry', async () => {
    const api = makeFakeApi({
      getModelPolicy: jest.fn().mockResolvedValue(makeModelPolicy()),
      listPolicyViolations: jest.fn().mockResolvedValue(policyViolations),
      createPolicyException: jest.fn().mockResolvedValue(policyException),
    });
    await renderCard(api, true, OWNED);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request exception' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Model or glob')).toHaveValue(
      'gpt-4.1',
    );
    const save = within(dialog).getByRole('button', { name: 'Save exception' });
    expect(save).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText('Justification'),
      'because',
    );
    expect(
      within(dialog).getByText('Explain why in at least 20 characters'),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText('Justification'),
      ' the ranking eval needs gpt-4.1',
    );
    const expiry = within(dialog).getByLabelText('Expires after');
    expect(expiry).toHaveValue('2026-12-21');
    await userEvent.clear(expiry);
    await userEvent.type(expiry, '2028-01-01');
    expect(
      within(dialog).getByText('Pick a day from 2026-11-21 to 2027-11-22'),
    ).toBeInTheDocument();
    await userEvent.clear(expiry);
    await userEvent.type(expiry, '2026-12-15');
    await userEvent.click(save);
    await waitFor(() =>
      expect(api.createPolicyException).toHaveBeenCalledWith({
        entityRef: 'component:default/search-api',
        model: 'gpt-4.1',
        justification: 'because the ranking eval needs gpt-4.1',
        expiresAt: '2026-12-15',
      }),
    );
    await waitFor(() => expect(api.getModelPolicy).toHaveBeenCalledTimes(2));
  });

  it('shows the server error of a refused exception', async () => {
    const api = makeFakeApi({
      getModelPolicy: jest.fn().mockResolvedValue(makeModelPolicy()),
      listPolicyViolations: jest.fn().mockResolvedValue(policyViolations),
      createPolicyException: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.budget.update',
          ),
        ),
    });
    await renderCard(api, true, OWNED);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request exception' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Justification'),
      'Ranking experiment for the quarter',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save exception' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Missing permission ai-cost.budget.update',
    );
  });

  it('says when there is no policy and no violation', async () => {
    await renderCard(makeFakeApi(), undefined);
    expect(await screen.findByText('No model policy')).toBeInTheDocument();
    expect(
      screen.getByText('Gateway guardrail: not opted in, never blocks'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No spend on models outside the policy in the last 30 days.',
      ),
    ).toBeInTheDocument();
  });
});

describe('PolicyViolationsCard', () => {
  async function renderOrgCard(api: AiCostApi) {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [aiCostApiRef, api],
          [configApiRef, mockApis.config()],
        ]}
      >
        <PolicyViolationsCard
          window={{ from: '2026-11-01', to: '2026-11-21' }}
        />
      </TestApiProvider>,
      { mountedRoutes },
    );
  }

  it("lists every entity's violations with the open total", async () => {
    const api = makeFakeApi({
      listPolicyViolations: jest.fn().mockResolvedValue(policyViolations),
    });
    await renderOrgCard(api);
    expect(
      await screen.findByText('1 without exception · $342.50'),
    ).toBeInTheDocument();
    expect(screen.getByText('gpt-4.1')).toBeInTheDocument();
    expect(screen.getByText('Standard (max Efficient)')).toBeInTheDocument();
    expect(screen.getByText('until 2026-12-31')).toBeInTheDocument();
    expect(api.listPolicyViolations).toHaveBeenCalledWith({
      from: '2026-11-01',
      to: '2026-11-21',
    });
  });

  it('hides itself without ai-cost.org.read', async () => {
    const api = makeFakeApi({
      listPolicyViolations: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(403, 'NotAllowedError', 'Missing permission'),
        ),
    });
    await renderOrgCard(api);
    await waitFor(() => expect(api.listPolicyViolations).toHaveBeenCalled());
    expect(screen.queryByText('Model policy violations')).toBeNull();
  });
});

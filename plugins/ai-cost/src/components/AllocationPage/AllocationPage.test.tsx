import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  makeAllocationApi,
  makeCoverage,
} from '../../__testUtils__/allocationFixtures';
import { makeResponseError, now } from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { rowCells } from '../../__testUtils__/tables';
import { AllocationPage } from './AllocationPage';

async function renderPage(api: AiCostApi, routeEntries?: string[]) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <AllocationPage now={now} />
    </TestApiProvider>,
    { routeEntries },
  );
}

describe('AllocationPage', () => {
  it('shows coverage against the threshold with the money it is made of', async () => {
    const api = makeAllocationApi();
    await renderPage(api, ['/ai-cost/allocation?period=7d']);
    expect(await screen.findByTestId('allocation-coverage')).toHaveTextContent(
      /^75\.0%$/,
    );
    expect(api.getAllocationCoverage).toHaveBeenCalledWith({
      from: '2026-11-16',
      to: '2026-11-22',
    });
    expect(screen.getByText('Showback: 5.0% to go')).toBeInTheDocument();
    expect(
      screen.getByText(/chargeback needs 80%/, { exact: false }),
    ).toBeInTheDocument();
    const amounts = screen
      .getByText('Attributed', { selector: 'dt' })
      .closest('dl')!;
    expect(
      within(amounts)
        .getAllByRole('definition')
        .map(d => d.textContent),
    ).toEqual(['$7,408.90', '$2,467.64', '$9,876.54']);
  });

  it('lists coverage by provider, least covered first, and by tag with what is missing', async () => {
    await renderPage(makeAllocationApi());
    const providers = await screen.findByRole('table', {
      name: 'Coverage by provider',
    });
    expect(rowCells('Anthropic', providers)).toEqual([
      'Anthropic',
      '32.4%',
      '$608.40',
      '$1,876.54',
    ]);
    expect(rowCells('OpenAI', providers)).toEqual([
      'OpenAI',
      '85.0%',
      '$6,800.50',
      '$8,000.00',
    ]);
    const tags = screen.getByRole('table', { name: 'Coverage by tag' });
    expect(rowCells('environment', tags).slice(0, 3)).toEqual([
      'environment',
      '55.0%',
      '$5,432.10',
    ]);
    expect(rowCells('customer', tags)).toEqual([
      'customer',
      '100.0%',
      '$9,876.54',
      '—',
    ]);
    expect(
      within(screen.getByRole('list', { name: 'Top missing environment' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'annotate component:default/query-rewriter with ai-cost/tags: $1,200.25',
      'claim OpenAI project proj_experiments: $845.50',
    ]);
    expect(
      screen.getByText(/1 of 2 days with spend below it; 80\.0% on 2026-11-22/),
    ).toBeInTheDocument();
  });

  it('says chargeback ready once coverage reaches the threshold', async () => {
    const api = makeAllocationApi({
      getAllocationCoverage: jest
        .fn()
        .mockResolvedValue(
          makeCoverage({ coverage: 0.81234, chargebackReady: true }),
        ),
    });
    await renderPage(api);
    expect(await screen.findByText('Chargeback ready')).toBeInTheDocument();
    expect(screen.getByTestId('allocation-coverage')).toHaveTextContent(
      /^81\.2%$/,
    );
  });

  it('lists the rules', async () => {
    await renderPage(makeAllocationApi());
    expect(
      await screen.findByRole('table', { name: 'Virtual tags' }),
    ).toBeInTheDocument();
    expect(screen.getByText('shared-eval-key')).toBeInTheDocument();
  });

  it('explains a missing ai-cost.org.read permission instead of failing', async () => {
    const forbidden = await makeResponseError(
      403,
      'NotAllowedError',
      'Missing permission ai-cost.org.read',
    );
    const api = makeAllocationApi({
      getAllocationCoverage: jest.fn().mockRejectedValue(forbidden),
      getAllocationRules: jest.fn().mockRejectedValue(forbidden),
    });
    await renderPage(api);
    expect(
      await screen.findByText('Organization-wide AI costs need a permission'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Allocation rules')).not.toBeInTheDocument();
  });
});

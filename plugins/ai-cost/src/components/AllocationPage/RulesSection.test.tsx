import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  makeAllocationApi,
  makeRules,
} from '../../__testUtils__/allocationFixtures';
import { makeResponseError } from '../../__testUtils__/fixtures';
import { makeAlertApi } from '../../__testUtils__/permissions';
import { rowCells } from '../../__testUtils__/tables';
import { RulesSection } from './RulesSection';

async function renderRules(api: AiCostApi, onChanged = jest.fn()) {
  const alertApi = makeAlertApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [alertApiRef, alertApi],
      ]}
    >
      <RulesSection
        rules={makeRules()}
        loading={false}
        onRetry={jest.fn()}
        onChanged={onChanged}
      />
    </TestApiProvider>,
  );
  return { alertApi, onChanged };
}

describe('RulesSection', () => {
  it('lists virtual tags and split rules in order with what they match and do', async () => {
    await renderRules(makeAllocationApi());
    const virtualTags = screen.getByRole('table', { name: 'Virtual tags' });
    expect(
      within(virtualTags)
        .getAllByRole('row')
        .slice(1)
        .map(row => within(row).getAllByRole('cell')[0].textContent),
    ).toEqual(['staging-projects portal', 'gateway-customer config']);
    expect(rowCells('staging-projects portal', virtualTags)).toEqual([
      'staging-projects portal',
      'provider=openaiprojectId=proj_*_stg',
      'environment = staging',
      '$321.50',
      '—',
      'EditDelete',
    ]);
    expect(rowCells('gateway-customer config', virtualTags)).toEqual([
      'gateway-customer config',
      'provider=gateway',
      'customer from tags.customer_id',
      '$1,500.00',
      '—',
      'defined in app-config',
    ]);
    const splits = screen.getByRole('table', { name: 'Split rules' });
    expect(rowCells('shared-eval-key portal', splits).slice(2, 4)).toEqual([
      'Split by fixed weights among component:default/query-rewriter: 70, component:default/ticket-summarizer: 30',
      '$640.12',
    ]);
    expect(rowCells('platform-gateway config', splits)).toEqual([
      'platform-gateway config',
      'provider=gatewaytags.team=platform',
      'Split by direct spend among group:default/search-team, group:default/ghost-team',
      '$210.75',
      'target group:default/ghost-team is not in the catalog',
      'defined in app-config',
    ]);
    expect(
      screen.queryByRole('button', { name: 'Edit platform-gateway' }),
    ).not.toBeInTheDocument();
  });

  it('deletes a portal rule after confirmation', async () => {
    const api = makeAllocationApi();
    const { onChanged } = await renderRules(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete shared-eval-key' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Delete rule shared-eval-key?',
    });
    expect(api.deleteAllocationRule).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    expect(api.deleteAllocationRule).toHaveBeenCalledWith('shared-eval-key');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows why a delete failed in the dialog', async () => {
    const api = makeAllocationApi({
      deleteAllocationRule: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.admin',
          ),
        ),
    });
    const { onChanged } = await renderRules(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete staging-projects' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Missing permission ai-cost.admin',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });
});

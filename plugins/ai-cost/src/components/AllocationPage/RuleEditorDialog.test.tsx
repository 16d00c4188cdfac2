import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  makeAllocationApi,
  makeRules,
} from '../../__testUtils__/allocationFixtures';
import { makeResponseError } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { RuleEditorDialog } from './RuleEditorDialog';
import type { AllocationRuleView } from './ruleText';

const tags = ['environment', 'feature', 'customer'];

async function renderEditor(api: AiCostApi, rule?: AllocationRuleView) {
  const onSaved = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <RuleEditorDialog
        open
        rule={rule}
        tags={tags}
        onClose={jest.fn()}
        onSaved={onSaved}
      />
    </TestApiProvider>,
  );
  return { onSaved };
}

async function typeNewRule() {
  await userEvent.type(screen.getByLabelText(/Rule id/), 'staging-projects');
  await userEvent.type(screen.getByLabelText('Match value 1'), 'openai');
  await userEvent.click(screen.getByRole('button', { name: 'Add match' }));
  await userEvent.selectOptions(
    screen.getByLabelText('Match key 2'),
    'projectId',
  );
  await userEvent.type(screen.getByLabelText('Match value 2'), 'proj_*_stg');
  await userEvent.type(screen.getByLabelText('Value'), 'staging');
}

const stagingBody = {
  kind: 'virtualTag',
  id: 'staging-projects',
  match: { provider: 'openai', projectId: 'proj_*_stg' },
  tag: 'environment',
  value: 'staging',
};

describe('RuleEditorDialog', () => {
  it('previews what the rule moves once typing pauses', async () => {
    const api = makeAllocationApi();
    await renderEditor(api);
    await typeNewRule();
    const table = await screen.findByRole(
      'table',
      { name: 'Spend the rule moves' },
      { timeout: 3000 },
    );
    await waitFor(() =>
      expect(api.previewAllocationRule).toHaveBeenLastCalledWith(stagingBody),
    );
    // Debounced and only once the rule has a value: not once per keystroke.
    expect(api.previewAllocationRule.mock.calls.length).toBeLessThan(4);
    expect(
      screen.getByText(/Matches \$321\.50 from 2026-10-24 to 2026-11-22/),
    ).toBeInTheDocument();
    expect(rowCells('No value', table)).toEqual([
      'No value',
      'staging',
      '$300.00',
    ]);
    expect(rowCells('production', table)).toEqual([
      'production',
      'staging',
      '$21.50',
    ]);
  });

  it('saves the rule with the body as in config', async () => {
    const api = makeAllocationApi();
    const { onSaved } = await renderEditor(api);
    await typeNewRule();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.putAllocationRule).toHaveBeenCalledWith(
      'staging-projects',
      stagingBody,
    );
    expect(onSaved).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'staging-projects', source: 'portal' }),
    );
  });

  it('edits a fixed split and names unallocated spend in the preview', async () => {
    const api = makeAllocationApi({
      previewAllocationRule: jest.fn().mockResolvedValue({
        currency: 'USD',
        from: '2026-10-24',
        to: '2026-11-22',
        matchedCost: 640.12,
        moves: [
          { from: null, to: 'component:default/query-rewriter', cost: 448.08 },
        ],
      }),
    });
    const rule = makeRules().splitRules[0];
    await renderEditor(api, rule);
    expect(screen.getByLabelText(/Rule id/)).toBeDisabled();
    const shares = screen.getByLabelText('Shares');
    await userEvent.clear(shares);
    await userEvent.type(
      shares,
      'component:default/query-rewriter: 60, component:default/ticket-summarizer: 40',
    );
    const table = await screen.findByRole(
      'table',
      { name: 'Spend the rule moves' },
      { timeout: 3000 },
    );
    expect(rowCells('Unallocated', table)).toEqual([
      'Unallocated',
      'component:default/query-rewriter',
      '$448.08',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.putAllocationRule).toHaveBeenCalledWith('shared-eval-key', {
      kind: 'split',
      id: 'shared-eval-key',
      match: { provider: 'openai', apiKeyId: 'key_shared_eval' },
      method: 'fixed',
      shares: {
        'component:default/query-rewriter': 60,
        'component:default/ticket-summarizer': 40,
      },
    });
  });

  it('shows the server validation message in the dialog', async () => {
    const invalid = await makeResponseError(
      400,
      'InputError',
      'tag "team" is not one of the allocation tags (environment, feature, customer)',
    );
    const api = makeAllocationApi({
      previewAllocationRule: jest.fn().mockRejectedValue(invalid),
      putAllocationRule: jest.fn().mockRejectedValue(invalid),
    });
    const { onSaved } = await renderEditor(api);
    await typeNewRule();
    const dialog = screen.getByRole('dialog');
    expect(
      await within(dialog).findByText(
        'tag "team" is not one of the allocation tags (environment, feature, customer)',
        undefined,
        { timeout: 3000 },
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findAllByRole('alert')).toHaveLength(2);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('says what is wrong with typed shares before asking the server', async () => {
    const api = makeAllocationApi();
    await renderEditor(api, makeRules().splitRules[0]);
    const shares = screen.getByLabelText('Shares');
    await userEvent.clear(shares);
    await userEvent.type(shares, 'component:default/query-rewriter');
    expect(
      screen.getByText(
        'shares: "component:default/query-rewriter" must be entityRef: weight',
      ),
    ).toBeInTheDocument();
    api.previewAllocationRule.mockClear();
    await act(async () => {
      await new Promise(resolve => setTimeout(resolve, 600));
    });
    expect(api.previewAllocationRule).not.toHaveBeenCalled();
  });
});

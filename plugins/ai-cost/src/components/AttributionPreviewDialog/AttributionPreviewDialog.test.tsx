import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  makeAttributionApi,
  makeAttributionPreview,
} from '../../__testUtils__/attributionFixtures';
import { makeResponseError } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { AttributionPreviewButton } from './AttributionPreviewButton';

const YAML = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: sandbox
  annotations:
    ai-cost/openai-project-id: proj_experiments
    ai-cost/openai-api-key-id: key_shared_eval
`;

async function renderButton(api: AiCostApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <AttributionPreviewButton />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** Opens the dialog, pastes `yaml` and presses Check. */
async function check(yaml: string) {
  await userEvent.click(
    screen.getByRole('button', { name: 'Check a catalog-info.yaml' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Check a catalog-info.yaml',
  });
  // Pasted, as a user does: typing would read the braces as key names.
  fireEvent.change(within(dialog).getByLabelText('catalog-info.yaml'), {
    target: { value: yaml },
  });
  await userEvent.click(within(dialog).getByRole('button', { name: 'Check' }));
  return dialog;
}

describe('AttributionPreviewDialog', () => {
  it('posts the pasted YAML and shows the claims, their conflicts and the problems', async () => {
    const api = makeAttributionApi();
    await renderButton(api);
    const dialog = await check(YAML);

    expect(api.previewAttribution).toHaveBeenCalledWith({ yaml: YAML });
    const claims = await within(dialog).findByRole('table', {
      name: 'Claims of the entity',
    });
    expect(
      within(claims)
        .getAllByRole('row')
        .map(row =>
          Array.from(row.querySelectorAll('th, td')).map(c => c.textContent),
        ),
    ).toEqual([
      [
        'Provider',
        'Dimension',
        'Value',
        'Spend (Oct 24 – Nov 22, 2026)',
        'Last billed',
        'Conflicts with',
      ],
      [
        'OpenAI',
        'projectai-cost/openai-project-id',
        'proj_experiments',
        '$456.79',
        'Nov 21, 2026',
        'None',
      ],
      [
        'OpenAI',
        'API keyai-cost/openai-api-key-id',
        'key_shared_eval',
        '$98.70',
        'Nov 20, 2026',
        'query-rewriter',
      ],
    ]);
    expect(
      within(claims).getByRole('link', { name: 'query-rewriter' }),
    ).toHaveAttribute('href', '/catalog/default/component/query-rewriter');
    expect(
      within(dialog).getByText('component:default/sandbox'),
    ).toBeInTheDocument();
    const problems = within(dialog).getByLabelText('Problems of the entity');
    expect(within(problems).getByRole('listitem')).toHaveTextContent(
      'ai-cost/anthropic-workspace-id: still holds the placeholder <anthropic-workspace-id>',
    );
  });

  it("shows the server's message for YAML it cannot read", async () => {
    const api = makeAttributionApi({
      previewAttribution: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            400,
            'InputError',
            'body: invalid YAML: Flow sequence in block collection must be sufficiently indented',
          ),
        ),
    });
    await renderButton(api);
    const dialog = await check('kind: [Component\n');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not check the YAML: body: invalid YAML: Flow sequence in block collection must be sufficiently indented',
    );
    expect(
      within(dialog).queryByRole('table', { name: 'Claims of the entity' }),
    ).not.toBeInTheDocument();
  });

  it('says when the entity claims nothing and when a value was never billed', async () => {
    const api = makeAttributionApi({
      previewAttribution: jest
        .fn()
        .mockResolvedValueOnce(
          makeAttributionPreview({ claims: [], problems: [] }),
        )
        .mockResolvedValueOnce(
          makeAttributionPreview({
            claims: [
              {
                annotation: 'ai-cost/openai-project-id',
                provider: 'openai',
                dimension: 'projectId',
                value: 'proj_typo',
                cost: 0,
                lastSeen: null,
                conflictsWith: [],
              },
            ],
            problems: [],
          }),
        ),
    });
    await renderButton(api);
    const dialog = await check('kind: Component\nmetadata:\n  name: x\n');
    expect(
      await within(dialog).findByText(/^It claims no billed value/),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByLabelText('Problems of the entity'),
    ).not.toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Check' }),
    );
    expect(await within(dialog).findByText('Never billed')).toBeInTheDocument();
    expect(rowCells('OpenAI', dialog)).toEqual([
      'OpenAI',
      'projectai-cost/openai-project-id',
      'proj_typo',
      '$0.00',
      'Never billed',
      'None',
    ]);
    expect(
      within(dialog).getByText(/^A value never billed claims nothing yet/),
    ).toBeInTheDocument();
  });

  it('cannot check an empty field', async () => {
    const api = makeAttributionApi();
    await renderButton(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Check a catalog-info.yaml' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByRole('button', { name: 'Check' }),
    ).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    expect(api.previewAttribution).not.toHaveBeenCalled();
  });
});

import type { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef } from '../../api';
import { makeAttributionApi } from '../../__testUtils__/attributionFixtures';
import { componentEntity, groupEntity } from '../../__testUtils__/fixtures';
import { NoSpendEmptyState } from './NoSpendEmptyState';

/** The text of the (syntax highlighted) code snippet. */
function snippetText() {
  return document.querySelector('pre code')?.textContent;
}

describe('NoSpendEmptyState', () => {
  it('tells which annotation to add with a snippet for the entity', async () => {
    await renderInTestApp(<NoSpendEmptyState entity={componentEntity} />);
    expect(
      screen.getByText('No AI spend attributed to Query Rewriter'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Nothing claims AI spend for this component yet\./),
    ).toBeInTheDocument();
    expect(snippetText()).toBe(
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: query-rewriter
  # To claim the AI spend of this component:
  # uncomment "annotations:" and the lines for where it is
  # billed, and replace each <placeholder> with the real id.
  # annotations:
  #   ai-cost/openai-project-id: <openai-project-id>
  #   ai-cost/openai-api-key-id: <openai-api-key-id>
  #   ai-cost/anthropic-workspace-id: <anthropic-workspace-id>
  #   ai-cost/anthropic-api-key-id: <anthropic-api-key-id>
  #   ai-cost/aws-account-id: "<aws-account-id>"
  #   ai-cost/gcp-project-id: <gcp-project-id>
  #   ai-cost/azure-resource-id: <azure-resource-id-prefix>
  #   backstage.io/kubernetes-id: <pod-label-value>
  #   ai-cost/kubernetes-namespace: <kubernetes-namespace>
  #   ai-cost/gateway-tags: service=query-rewriter
`,
    );
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  });

  it('explains how groups collect spend', async () => {
    await renderInTestApp(<NoSpendEmptyState entity={groupEntity} />);
    expect(
      screen.getByText('No AI spend attributed to search-team'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^A group collects the AI spend of the entities it owns\./,
      ),
    ).toBeInTheDocument();
    expect(snippetText()).toContain(
      'kind: Group\nmetadata:\n  name: search-team\n',
    );
  });

  it("names a user's teams, with links to their AI Cost tabs, instead of advising to annotate a person", async () => {
    const user: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'jdoe', title: 'Jane Doe' },
      spec: { memberOf: ['search-team'] },
      relations: [
        { type: 'memberOf', targetRef: 'group:default/search-team' },
        { type: 'memberOf', targetRef: 'group:default/platform' },
        { type: 'ownerOf', targetRef: 'component:default/indexer' },
      ],
    };
    await renderInTestApp(<NoSpendEmptyState entity={user} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: ['/catalog/default/user/jdoe/ai-cost?period=90d'],
    });
    expect(
      screen.getByText('No AI spend counted on Jane Doe'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^AI spend is counted on teams, not on the people/),
    ).toBeInTheDocument();
    const teams = screen.getByRole('list', { name: 'Teams of Jane Doe' });
    expect(
      within(teams)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual([
      '/catalog/default/group/search-team/ai-cost?period=90d',
      '/catalog/default/group/platform/ai-cost?period=90d',
    ]);
    expect(snippetText()).toBeUndefined();
    expect(screen.queryByText(/Annotate/)).toBeNull();
  });

  it('checks a pasted catalog-info.yaml before it is merged', async () => {
    const api = makeAttributionApi();
    await renderInTestApp(
      <TestApiProvider apis={[[aiCostApiRef, api]]}>
        <NoSpendEmptyState entity={componentEntity} />
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Paste your catalog-info.yaml' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Check a catalog-info.yaml',
    });
    const yaml =
      'kind: Component\nmetadata:\n  name: query-rewriter\n  annotations:\n    ai-cost/openai-project-id: proj_experiments\n';
    fireEvent.change(within(dialog).getByLabelText('catalog-info.yaml'), {
      target: { value: yaml },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Check' }),
    );
    expect(api.previewAttribution).toHaveBeenCalledWith({ yaml });
    expect(
      await within(dialog).findByRole('table', {
        name: 'Claims of the entity',
      }),
    ).toHaveTextContent('proj_experiments');
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
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
  annotations:
    # Claim the AI spend of this component where it is billed; keep the lines that apply.
    ai-cost/openai-project-id: <openai-project-id>
    # ai-cost/openai-api-key-id: <openai-api-key-id>
    # ai-cost/anthropic-workspace-id: <anthropic-workspace-id>
    # ai-cost/anthropic-api-key-id: <anthropic-api-key-id>
    # ai-cost/aws-account-id: "<aws-account-id>"
    # ai-cost/gcp-project-id: <gcp-project-id>
    # ai-cost/azure-resource-id: <azure-resource-id-prefix>
    # ai-cost/gateway-tags: service=query-rewriter
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
});

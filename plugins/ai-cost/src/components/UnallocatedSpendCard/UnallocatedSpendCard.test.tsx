import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeRollup } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { UnallocatedSpendCard } from './UnallocatedSpendCard';

const snippet = () => document.querySelector('pre code')?.textContent;

describe('UnallocatedSpendCard', () => {
  it('lists unclaimed spend per provider dimension', async () => {
    await renderInTestApp(<UnallocatedSpendCard rollup={makeRollup()} />);
    expect(
      screen.getByText(
        '$1,224.95 of $9,876.54 (12.4%) is not claimed by any catalog entity',
      ),
    ).toBeInTheDocument();
    expect(rowCells('OpenAI')).toEqual([
      'OpenAI',
      'project proj_orphan',
      '$1,012.45',
      'Who owns this?',
    ]);
    expect(rowCells('AWS').slice(0, 3)).toEqual([
      'AWS',
      'account 210987654321',
      '$200.00',
    ]);
    expect(rowCells('Anthropic').slice(0, 3)).toEqual([
      'Anthropic',
      'no claimable dimension',
      '$12.50',
    ]);
  });

  it('shows which annotation claims an item, with a snippet', async () => {
    await renderInTestApp(<UnallocatedSpendCard rollup={makeRollup()} />);
    const [openai, aws, anthropic] = screen.getAllByRole('button', {
      name: 'Who owns this?',
    });
    expect(aws).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(aws);
    expect(aws).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(snippet()).toBeDefined());
    expect(snippet()).toBe(
      `# in the catalog-info.yaml of the entity that owns this spend
metadata:
  annotations:
    ai-cost/aws-account-id: "210987654321"
`,
    );
    expect(
      screen.getByText(/Find the team or service that uses AWS account/),
    ).toBeInTheDocument();

    await userEvent.click(openai);
    await waitFor(() =>
      expect(snippet()).toContain('ai-cost/openai-project-id: proj_orphan'),
    );

    await userEvent.click(anthropic);
    expect(
      await screen.findByText(
        /Claim the default workspace with "ai-cost\/anthropic-workspace-id: default"/,
      ),
    ).toBeInTheDocument();
  });

  it('says when everything is claimed', async () => {
    await renderInTestApp(
      <UnallocatedSpendCard
        rollup={makeRollup({ unallocated: { cost: 0, items: [] } })}
      />,
    );
    expect(
      screen.getByText(
        'All spend in this period is claimed by catalog entities.',
      ),
    ).toBeInTheDocument();
  });
});

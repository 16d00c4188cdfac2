import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import { DailyCostChart } from './DailyCostChart';

describe('DailyCostChart', () => {
  it('summarises the chart in its caption', async () => {
    await renderInTestApp(<DailyCostChart costs={makeEntityCosts()} />);
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      'Daily AI spend from 2026-10-24 to 2026-11-22, stacked by model: $1,234.57 in total, highest on 2026-11-22 at $41.22.',
    );
  });

  it('offers the data as a table, by model and by provider', async () => {
    await renderInTestApp(<DailyCostChart costs={makeEntityCosts()} />);
    const toggle = screen.getByRole('button', { name: 'Show data table' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    const table = screen.getByRole('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Date',
      'gpt-4o',
      'claude-sonnet-4',
      'gpt-4o-mini',
      'Total',
    ]);
    const lastDay = within(table).getByRole('rowheader', { name: '2026-11-22' })
      .parentElement!;
    expect(
      within(lastDay)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['$26.67', '$14.55', '$0.00', '$41.22']);
    expect(within(table).getAllByRole('row')).toHaveLength(31);

    await userEvent.click(
      screen.getByRole('button', { name: 'Stack by provider' }),
    );
    expect(
      within(screen.getByRole('table'))
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Date', 'OpenAI', 'Anthropic', 'Total']);
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      expect.stringContaining('stacked by provider'),
    );
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { CostBreakdownCard } from './CostBreakdownCard';

describe('CostBreakdownCard', () => {
  it('breaks spend down by model with unit costs and estimates', async () => {
    await renderInTestApp(<CostBreakdownCard costs={makeEntityCosts()} />);
    expect(screen.getByRole('tab', { name: 'Model' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(rowCells('gpt-4o')).toEqual([
      'gpt-4o',
      'OpenAI',
      '$800.12',
      '100,000',
      '30M',
      '10M',
      '6M',
      '$0.008',
      '$0.0174',
    ]);
    expect(rowCells('claude-sonnet-4')).toEqual([
      'claude-sonnet-4',
      'Anthropic',
      '$234.44incl. $34.57 estimated',
      '2,340',
      '1.2M',
      '0',
      '300K',
      '$0.10',
      '$0.16',
    ]);
    expect(rowCells('gpt-4o-mini').slice(-2)).toEqual(['$0.004', '$0.0138']);
  });

  it('switches to providers, API keys and token types', async () => {
    await renderInTestApp(<CostBreakdownCard costs={makeEntityCosts()} />);

    await userEvent.click(screen.getByRole('tab', { name: 'Provider' }));
    expect(rowCells('OpenAI')).toEqual(['OpenAI', '$1,000.12', '81.0%']);
    expect(rowCells('Anthropic')).toEqual(['Anthropic', '$234.44', '19.0%']);

    await userEvent.click(screen.getByRole('tab', { name: 'API key' }));
    expect(rowCells('key_query_rewriter')).toEqual([
      'key_query_rewriter',
      'OpenAI',
      '$600.12',
      '70,000',
      '$0.00857',
    ]);
    expect(rowCells('(source reports no key)')).toEqual([
      '(source reports no key)',
      'Anthropic',
      '$234.44',
      '2,340',
      '$0.10',
    ]);

    await userEvent.click(screen.getByRole('tab', { name: 'Token type' }));
    expect(
      screen.getByText('Spend by token type (estimated split)'),
    ).toBeInTheDocument();
    expect(rowCells('Input (uncached)')).toEqual([
      'Input (uncached)',
      '41.2M',
      '$700.00',
    ]);
    expect(rowCells('Cached input')).toEqual([
      'Cached input',
      '12.5M',
      '$60.00',
    ]);
    expect(rowCells('Output (incl. reasoning)')).toEqual([
      'Output (incl. reasoning)',
      '8.3M',
      '$470.00',
    ]);
    expect(rowCells('Not explained by priced tokens')).toEqual([
      'Not explained by priced tokens',
      '—',
      '$4.57',
    ]);
  });
});

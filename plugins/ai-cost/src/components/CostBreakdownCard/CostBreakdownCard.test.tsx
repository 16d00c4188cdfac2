import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
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
      // $234.4448 takes the cent that makes the rows add up to $1,234.57.
      '$234.45incl. $34.57 estimated',
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
    // $1,000.12 + $234.45 = $1,234.57, the total (rounded alone: $234.44).
    expect(rowCells('Anthropic')).toEqual(['Anthropic', '$234.45', '19.0%']);

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
      '$234.45',
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

  it('keeps money and model names on one line and scrolls sideways when narrow', async () => {
    await renderInTestApp(<CostBreakdownCard costs={makeEntityCosts()} />);
    const region = screen.getByRole('region', { name: 'Spend by model' });
    expect(region).toHaveStyle({ overflowX: 'auto' });
    expect(region).toHaveAttribute('tabindex', '0');
    const row = within(region)
      .getAllByRole('row')
      .find(r => r.textContent?.startsWith('claude-sonnet-4'))!;
    const [model, , cost, requests] = within(row).getAllByRole('cell');
    expect(model).toHaveStyle({ whiteSpace: 'nowrap', minWidth: '160px' });
    expect(cost).toHaveStyle({
      whiteSpace: 'nowrap',
      fontVariantNumeric: 'tabular-nums',
    });
    expect(requests).toHaveStyle({ whiteSpace: 'nowrap' });
  });

  it('shows a down arrow on the cost column sorted descending and re-sorts on click', async () => {
    await renderInTestApp(<CostBreakdownCard costs={makeEntityCosts()} />);
    const models = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map(r => r.querySelector('td')?.textContent);
    expect(models()).toEqual(['gpt-4o', 'claude-sonnet-4', 'gpt-4o-mini']);
    const header = screen.getByRole('columnheader', { name: 'Cost' });
    const arrow = header.querySelector('svg')!;
    expect(arrow).toHaveClass('MuiTableSortLabel-iconDirectionDesc');
    // Material UI's ArrowDownward, not Backstage's ArrowUpward.
    expect(arrow.querySelector('path')?.getAttribute('d')).toMatch(/^M20 12l/);

    await userEvent.click(within(header).getByRole('button'));
    expect(models()).toEqual(['gpt-4o-mini', 'claude-sonnet-4', 'gpt-4o']);
    await userEvent.click(within(header).getByRole('button'));
    expect(models()).toEqual(['gpt-4o', 'claude-sonnet-4', 'gpt-4o-mini']);
  });

  it('marks usage of a model without a price as unpriced, not $0.00', async () => {
    const costs = makeEntityCosts();
    const unknown: EntityCostsResponse['byModel'][number] = {
      provider: 'acme',
      source: 'gateway',
      model: 'acme-llm-2',
      unpriced: true,
      cost: 0,
      estimatedCost: 0,
      inputTokens: 500_000,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 100_000,
      requests: 1_200,
    };
    await renderInTestApp(
      <CostBreakdownCard
        costs={{ ...costs, byModel: [...costs.byModel, unknown] }}
      />,
    );
    expect(rowCells('acme-llm-2')).toEqual([
      'acme-llm-2',
      'acmevia Gateway',
      'unpricedno price known for this model',
      '1,200',
      '500K',
      '0',
      '100K',
      'unpriced',
      'unpriced',
    ]);
  });

  it('shows a model the backend knows a price for at $0.00 when it cost nothing', async () => {
    const costs = makeEntityCosts();
    const free: EntityCostsResponse['byModel'][number] = {
      ...costs.byModel[2],
      model: 'gpt-4o-mini-free-tier',
      unpriced: false,
      cost: 0,
      requests: 40,
    };
    await renderInTestApp(
      <CostBreakdownCard
        costs={{ ...costs, byModel: [...costs.byModel, free] }}
      />,
    );
    expect(rowCells('gpt-4o-mini-free-tier').slice(0, 4)).toEqual([
      'gpt-4o-mini-free-tier',
      'OpenAI',
      '$0.00',
      '40',
    ]);
  });

  it('shows a gateway-priced model under its own provider, the gateway as its source', async () => {
    const costs = makeEntityCosts();
    const viaGateway: EntityCostsResponse['byModel'][number] = {
      ...costs.byModel[0],
      provider: 'openai',
      source: 'gateway',
      model: 'gpt-4o',
      cost: 12.5,
      requests: 10,
    };
    await renderInTestApp(
      <CostBreakdownCard
        costs={{ ...costs, byModel: [...costs.byModel, viaGateway] }}
      />,
    );
    const rows = screen
      .getAllByRole('row')
      .filter(r => r.querySelector('td')?.textContent === 'gpt-4o')
      .map(r =>
        [...r.querySelectorAll('td')].slice(0, 3).map(td => td.textContent),
      );
    expect(rows).toEqual([
      ['gpt-4o', 'OpenAI', '$800.12'],
      ['gpt-4o', 'OpenAIvia Gateway', '$12.50'],
    ]);
  });

  it('shows the spend of descendants the viewer cannot see as one line, never broken down', async () => {
    const costs = makeEntityCosts({
      hiddenDescendants: { count: 2, cost: 12.5 },
    });
    await renderInTestApp(<CostBreakdownCard costs={costs} />);
    expect(
      screen.getByText(
        'Not visible to you: $12.50 of 2 entities you cannot see, counted in the total but not broken down here.',
      ),
    ).toBeInTheDocument();
  });

  it('says nothing of hidden spend when the viewer sees every descendant', async () => {
    await renderInTestApp(<CostBreakdownCard costs={makeEntityCosts()} />);
    expect(screen.queryByText(/Not visible to you/)).not.toBeInTheDocument();
  });
});

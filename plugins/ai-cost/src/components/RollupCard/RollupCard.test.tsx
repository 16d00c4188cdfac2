import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeRollup } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { RollupCard } from './RollupCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('RollupCard', () => {
  it('shows cost, previous cost and change per team', async () => {
    await renderInTestApp(
      <RollupCard
        groupBy="owner"
        onGroupByChange={jest.fn()}
        rollup={makeRollup()}
        loading={false}
      />,
      { mountedRoutes },
    );
    expect(screen.getByText('Spend by team')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Attributed $8,651.59 · unallocated $1,224.95 · total $9,876.54',
      ),
    ).toBeInTheDocument();
    expect(rowCells('Search Team')).toEqual([
      'Search Team',
      '$4,321.09',
      '$3,100.00',
      '▲ up +$1,221.09 (+39.4%) from $3,100.00',
      '43.8%',
    ]);
    expect(rowCells('support-team')).toEqual([
      'support-team',
      '$3,210.50',
      '$3,400.25',
      '▼ down -$189.75 (-5.6%) from $3,400.25',
      '32.5%',
    ]);
    expect(rowCells('insights')[3]).toBe('New spend: +$1,000.00');
    expect(rowCells('No owner')).toEqual([
      'No owner',
      '$120.00',
      '$95.50',
      '▲ up +$24.50 (+25.7%) from $95.50',
      '1.2%',
    ]);
    expect(screen.getByRole('link', { name: 'Search Team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/search-team/ai-cost',
    );
  });

  it('shows no change against a previous period before the history', async () => {
    await renderInTestApp(
      <RollupCard
        groupBy="owner"
        onGroupByChange={jest.fn()}
        rollup={makeRollup({ historyFrom: '2026-10-30' })}
        loading={false}
      />,
      { mountedRoutes },
    );
    expect(
      screen.getByText(
        'Attributed $8,651.59 · unallocated $1,224.95 · total $9,876.54 · data from Oct 30, 2026',
      ),
    ).toBeInTheDocument();
    // The previous period (2026-09-24 – 2026-10-23) lies wholly before it.
    expect(rowCells('insights').slice(2, 4)).toEqual([
      '—',
      'No history before Oct 30, 2026 to compare with',
    ]);
    expect(rowCells('Search Team')[3]).toBe(
      'No history before Oct 30, 2026 to compare with',
    );
  });

  it('names providers and models', async () => {
    await renderInTestApp(
      <RollupCard
        groupBy="model"
        onGroupByChange={jest.fn()}
        rollup={makeRollup({
          groupBy: 'model',
          items: [
            { key: 'openai/gpt-4o', cost: 5000, previousCost: 4000 },
            {
              key: 'anthropic/claude-sonnet-4',
              cost: 3651.59,
              previousCost: 3651.59,
            },
          ],
        })}
        loading={false}
      />,
    );
    expect(screen.getByRole('tab', { name: 'Model' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(rowCells('gpt-4o (OpenAI)').slice(0, 3)).toEqual([
      'gpt-4o (OpenAI)',
      '$5,000.00',
      '$4,000.00',
    ]);
    expect(rowCells('claude-sonnet-4 (Anthropic)')[3]).toBe('No change');
  });

  it("includes each provider's unallocated spend, shares of the org total", async () => {
    await renderInTestApp(
      <RollupCard
        groupBy="provider"
        onGroupByChange={jest.fn()}
        rollup={makeRollup({
          groupBy: 'provider',
          total: 12733.91,
          items: [
            {
              key: 'openai',
              cost: 5455.93,
              previousCost: 5000,
              unallocatedCost: 865.09,
            },
            {
              key: 'anthropic',
              cost: 7277.98,
              previousCost: 7277.98,
              unallocatedCost: 0,
            },
          ],
          unallocated: { cost: 865.09, items: [] },
        })}
        loading={false}
      />,
    );
    expect(
      screen.getByText(
        'Attributed $11,868.82 · unallocated $865.09 · total $12,733.91',
      ),
    ).toBeInTheDocument();
    expect(rowCells('OpenAI')).toEqual([
      'OpenAI',
      '$5,455.93incl. $865.09 unallocated',
      '$5,000.00',
      '▲ up +$455.93 (+9.1%) from $5,000.00',
      '42.8%',
    ]);
    expect(rowCells('Anthropic')[1]).toBe('$7,277.98');
    expect(rowCells('Anthropic')[4]).toBe('57.2%');
  });

  it('adds a tab per allocation tag whose items show their unallocated part and add up to the total', async () => {
    await renderInTestApp(
      <RollupCard
        groupBy="tag:environment"
        onGroupByChange={jest.fn()}
        tags={['environment', 'feature', 'customer']}
        rollup={makeRollup({
          groupBy: 'tag:environment',
          items: [
            {
              key: 'production',
              cost: 7000.125,
              previousCost: 6500,
              unallocatedCost: 1000.25,
            },
            {
              key: 'staging',
              cost: 2000.125,
              previousCost: 1900,
              unallocatedCost: 100,
            },
            {
              key: null,
              otherValues: 3,
              cost: 500,
              previousCost: 400,
              unallocatedCost: 0,
            },
            {
              key: null,
              cost: 376.29,
              previousCost: 376.29,
              unallocatedCost: 124.7,
            },
          ],
        })}
        loading={false}
      />,
    );
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Team',
      'System',
      'Domain',
      'Provider',
      'Model',
      'Category',
      'Environment',
      'Feature',
      'Customer',
    ]);
    expect(screen.getByRole('tab', { name: 'Environment' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByText('Spend by environment')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Attributed $8,651.59 · unallocated $1,224.95 · total $9,876.54',
      ),
    ).toBeInTheDocument();
    // Both half cents round up alone ($9,876.55 in all); production takes
    // the cent so the rows add up to the total.
    expect(rowCells('production')).toEqual([
      'production',
      '$7,000.13incl. $1,000.25 unallocated',
      '$6,500.00',
      '▲ up +$500.13 (+7.7%) from $6,500.00',
      '70.9%',
    ]);
    expect(rowCells('staging').slice(0, 2)).toEqual([
      'staging',
      '$2,000.12incl. $100.00 unallocated',
    ]);
    expect(rowCells('3 other values')).toEqual([
      '3 other values',
      '$500.00',
      '$400.00',
      '▲ up +$100.00 (+25.0%) from $400.00',
      '5.1%',
    ]);
    expect(rowCells('No environment')).toEqual([
      'No environment',
      '$376.29incl. $124.70 unallocated',
      '$376.29',
      'No change',
      '3.8%',
    ]);
  });

  it('switches to a tag and keeps the tab of a tag chosen before the tags are known', async () => {
    const onGroupByChange = jest.fn();
    const { rerender } = await renderInTestApp(
      <RollupCard
        groupBy="owner"
        onGroupByChange={onGroupByChange}
        tags={['environment', 'cost-center']}
        loading
      />,
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Cost center' }));
    expect(onGroupByChange).toHaveBeenCalledWith('tag:cost-center');

    rerender(
      <RollupCard
        groupBy="tag:customer"
        onGroupByChange={onGroupByChange}
        loading
      />,
    );
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Team',
      'System',
      'Domain',
      'Provider',
      'Model',
      'Category',
      'Customer',
    ]);
    expect(screen.getByRole('tab', { name: 'Customer' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('reports tab changes', async () => {
    const onGroupByChange = jest.fn();
    await renderInTestApp(
      <RollupCard groupBy="owner" onGroupByChange={onGroupByChange} loading />,
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Domain' }));
    expect(onGroupByChange).toHaveBeenCalledWith('domain');
  });
});

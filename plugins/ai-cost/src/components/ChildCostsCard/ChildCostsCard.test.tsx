import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { ChildCostsCard } from './ChildCostsCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('ChildCostsCard', () => {
  it('links children to their AI Cost tabs and counts hidden ones', async () => {
    const costs = makeEntityCosts({
      entityRef: 'group:default/search-team',
      kind: 'Group',
      total: { ...makeEntityCosts().total, cost: 1374.3178 },
      own: { cost: 0 },
      viaChildren: { cost: 1374.3178 },
      byChild: [
        {
          entityRef: 'component:default/indexer',
          kind: 'Component',
          cost: 99.5,
          total: 99.5,
        },
        {
          entityRef: 'component:default/query-rewriter',
          kind: 'Component',
          title: 'Query Rewriter',
          cost: 1234.5678,
          total: 1234.5678,
        },
      ],
      hiddenChildren: { count: 2, cost: 40.25 },
    });
    await renderInTestApp(<ChildCostsCard costs={costs} />, { mountedRoutes });

    expect(
      screen.getByText('Own $0.00 · via children $1,374.32'),
    ).toBeInTheDocument();
    expect(rowCells('Query Rewriter')).toEqual([
      'Query Rewriter',
      'Component',
      '$1,234.57',
      '89.8%',
    ]);
    expect(
      screen.getByRole('link', { name: 'Query Rewriter' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/query-rewriter/ai-cost',
    );
    expect(screen.getByRole('link', { name: 'indexer' })).toHaveAttribute(
      'href',
      '/catalog/default/component/indexer/ai-cost',
    );
    expect(rowCells('2 entities you cannot see')).toEqual([
      '2 entities you cannot see',
      '—',
      '$40.25',
      '2.9%',
    ]);
    // Largest first, hidden entities last.
    const firstCells = screen
      .getAllByRole('row')
      .slice(1)
      .map(row => row.querySelector('td')?.textContent);
    expect(firstCells).toEqual([
      'Query Rewriter',
      'indexer',
      '2 entities you cannot see',
    ]);
  });

  it('says a system at $0.00 is counted through its components', async () => {
    const costs = makeEntityCosts({
      entityRef: 'group:default/search-team',
      kind: 'Group',
      total: { ...makeEntityCosts().total, cost: 100 },
      own: { cost: 0 },
      viaChildren: { cost: 100 },
      byChild: [
        {
          entityRef: 'component:default/indexer',
          kind: 'Component',
          cost: 100,
          total: 100,
        },
        {
          entityRef: 'system:default/search',
          kind: 'System',
          title: 'Search',
          cost: 0,
          total: 100,
        },
      ],
      hiddenChildren: { count: 0, cost: 0 },
    });
    await renderInTestApp(<ChildCostsCard costs={costs} />, {
      mountedRoutes,
      routeEntries: ['/?period=7d'],
    });
    expect(rowCells('Search')).toEqual([
      'Search',
      'System',
      '$0.00counted through its components ($100.00)',
      '0.0%',
    ]);
    expect(screen.getByRole('link', { name: 'Search' })).toHaveAttribute(
      'href',
      '/catalog/default/system/search/ai-cost?period=7d',
    );
    expect(
      screen.getByText(
        /its components are listed too: their spend counts once/,
      ),
    ).toBeInTheDocument();
  });

  it("notes a child's own total when only part of it counts here", async () => {
    const costs = makeEntityCosts({
      entityRef: 'group:default/search-team',
      kind: 'Group',
      total: { ...makeEntityCosts().total, cost: 21.333335 },
      own: { cost: 0 },
      viaChildren: { cost: 21.333335 },
      byChild: [
        {
          entityRef: 'component:default/search-api',
          kind: 'Component',
          cost: 19.833335,
          total: 19.833335,
        },
        {
          entityRef: 'system:default/search',
          kind: 'System',
          title: 'Search',
          cost: 1.5,
          total: 19.333335,
        },
      ],
      hiddenChildren: { count: 0, cost: 0 },
    });
    await renderInTestApp(<ChildCostsCard costs={costs} />, { mountedRoutes });
    expect(rowCells('Search')).toEqual([
      'Search',
      'System',
      '$1.50$19.33 with its components',
      '7.0%',
    ]);
    expect(rowCells('search-api')[2]).toBe('$19.83');
  });

  it('rounds children once so they add up to the shown via-children total', async () => {
    const costs = makeEntityCosts({
      total: { ...makeEntityCosts().total, cost: 4497.948 },
      own: { cost: 0 },
      viaChildren: { cost: 4497.948 },
      byChild: [
        {
          entityRef: 'component:default/a',
          kind: 'Component',
          title: 'A',
          cost: 4168.444,
          total: 4168.444,
        },
        {
          entityRef: 'component:default/b',
          kind: 'Component',
          title: 'B',
          cost: 329.504,
          total: 329.504,
        },
      ],
      hiddenChildren: { count: 0, cost: 0 },
    });
    await renderInTestApp(<ChildCostsCard costs={costs} />, { mountedRoutes });
    expect(
      screen.getByText('Own $0.00 · via children $4,497.95'),
    ).toBeInTheDocument();
    // Rounded alone they would read $4,168.44 + $329.50 = $4,497.94.
    expect(rowCells('A')[2]).toBe('$4,168.45');
    expect(rowCells('B')[2]).toBe('$329.50');
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { ChildCostsCard } from './ChildCostsCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('ChildCostsCard', () => {
  it('links children to their entity pages and counts hidden ones', async () => {
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
        },
        {
          entityRef: 'component:default/query-rewriter',
          kind: 'Component',
          title: 'Query Rewriter',
          cost: 1234.5678,
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
    ).toHaveAttribute('href', '/catalog/default/component/query-rewriter');
    expect(screen.getByRole('link', { name: 'indexer' })).toHaveAttribute(
      'href',
      '/catalog/default/component/indexer',
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
});

import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { makeRollup } from '../../__testUtils__/fixtures';
import { TopMoversCard, topMovers } from './TopMoversCard';

describe('topMovers', () => {
  it('ranks by absolute change and skips unchanged items', () => {
    const items = [
      { key: 'a', cost: 100, previousCost: 100 },
      { key: 'b', cost: 50, previousCost: 500 },
      { key: 'c', cost: 300, previousCost: 0 },
      { key: 'd', cost: 10, previousCost: 9 },
    ];
    expect(topMovers(items).map(i => i.key)).toEqual(['b', 'c', 'd']);
    expect(topMovers(items, 1).map(i => i.key)).toEqual(['b']);
  });
});

describe('TopMoversCard', () => {
  it('lists the largest changes first', async () => {
    await renderInTestApp(
      <TopMoversCard rollup={makeRollup()} groupBy="owner" />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      screen.getByText('By team, against the previous period'),
    ).toBeInTheDocument();
    const items = within(
      screen.getByRole('list', { name: 'Top movers' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'Search Team$4,321.09 · ▲ up +$1,221.09 (+39.4%) from $3,100.00',
      'insights$1,000.00 · New spend: +$1,000.00',
      'support-team$3,210.50 · ▼ down -$189.75 (-5.6%) from $3,400.25',
      'No owner$120.00 · ▲ up +$24.50 (+25.7%) from $95.50',
    ]);
  });
});

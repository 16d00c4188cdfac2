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

  it('lists no movers when the previous period starts before the history', async () => {
    await renderInTestApp(
      <TopMoversCard
        rollup={makeRollup({ historyFrom: '2026-10-01' })}
        groupBy="owner"
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      screen.getByText(
        'No history before Oct 1, 2026: the previous period (2026-09-24 – 2026-10-23) is not fully covered, so changes cannot be told. Pick a period starting on or after 2026-10-31.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/New spend/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Top movers' }),
    ).not.toBeInTheDocument();
  });

  it('names tag values, spend without one and folded values', async () => {
    await renderInTestApp(
      <TopMoversCard
        groupBy="tag:customer"
        rollup={makeRollup({
          groupBy: 'tag:customer',
          items: [
            { key: 'acme', cost: 4000, previousCost: 3000 },
            { key: null, otherValues: 12, cost: 2500, previousCost: 2600 },
            { key: null, cost: 2151.59, previousCost: 1651.59 },
          ],
        })}
      />,
    );
    expect(
      screen.getByText('By customer, against the previous period'),
    ).toBeInTheDocument();
    const items = within(
      screen.getByRole('list', { name: 'Top movers' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'acme$4,000.00 · ▲ up +$1,000.00 (+33.3%) from $3,000.00',
      'No customer$2,151.59 · ▲ up +$500.00 (+30.3%) from $1,651.59',
      '12 other values$2,500.00 · ▼ down -$100.00 (-3.8%) from $2,600.00',
    ]);
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { makeRollup } from '../../__testUtils__/fixtures';
import { AiSpendCard, categoryRows } from './AiSpendCard';

/** A category rollup: 1,000.005 + 500.0025 + 250.0025 + 0 + 49.99 = 1,800. */
const byCategory = makeRollup({
  groupBy: 'category',
  total: 1800,
  items: [
    {
      key: 'model-api',
      cost: 1000.005,
      previousCost: 800,
      unallocatedCost: 100,
    },
    {
      key: 'self-hosted',
      cost: 500.0025,
      previousCost: 500.0025,
      unallocatedCost: 40,
    },
    {
      key: 'subscription',
      cost: 250.0025,
      previousCost: 0,
      unallocatedCost: 0,
    },
    { key: 'expense', cost: 49.99, previousCost: 60, unallocatedCost: 10 },
    { key: 'cloud-ai', cost: 0, previousCost: 0, unallocatedCost: 0 },
  ],
});

describe('categoryRows', () => {
  it('lists every category in order, amounts and shares adding up to the total as shown', () => {
    const rows = categoryRows(byCategory);
    expect(rows.map(r => r.category)).toEqual([
      'model-api',
      'cloud-ai',
      'self-hosted',
      'subscription',
      'expense',
    ]);
    // Rounded on their own: 1,000.01 + 500.00 + 250.00 + 49.99 = 1,800.00;
    // one cent more than the total only because of 0.005 rounding up, so
    // the cents are given by largest remainder instead.
    expect(rows.map(r => r.cost)).toEqual([1000.01, 0, 500, 250, 49.99]);
    expect(Math.round(rows.reduce((s, r) => s + r.cost, 0) * 100)).toBe(180000);
    // Of the shown amounts, 55.556% + 27.778% + 13.889% + 2.777% rounded on
    // their own are 55.6% + 27.8% + 13.9% + 2.8% = 100.1%; by largest
    // remainder the tenth comes off the first, whose remainder is smallest.
    expect(rows.map(r => r.share)).toEqual([0.555, 0, 0.278, 0.139, 0.028]);
    expect(Math.round(rows.reduce((s, r) => s + r.share, 0) * 1000)).toBe(1000);
  });
});

describe('AiSpendCard', () => {
  it('shows the total, each category with its share and change, and where missing ones come from', async () => {
    await renderInTestApp(<AiSpendCard rollup={byCategory} loading={false} />);
    expect(screen.getByText('All AI spend')).toBeInTheDocument();
    expect(screen.getByText('$1,800.00')).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'AI spend by category',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => row.textContent);
    expect(rows).toEqual([
      'Model APIs$1,000.0155.5%▲ up +$200.01 (+25.0%) from $800.00',
      'Cloud AI servicesNone yet: comes from AWS, Google Cloud and Azure sources, FOCUS imports$0.000.0%',
      'Self-hosted GPU$500.0027.8%No change',
      'Subscriptions$250.0013.9%New spend: +$250.00',
      'Expensed tools$49.992.8%▼ down -$10.01 (-16.7%) from $60.00',
    ]);
    expect(screen.getByText(/no catalog entity claims yet/).textContent).toBe(
      'Includes $150.00 no catalog entity claims yet.',
    );
  });

  it('says what could not be loaded', async () => {
    await renderInTestApp(
      <AiSpendCard loading={false} error={new Error('boom')} />,
    );
    expect(
      screen.getByText(/Could not load AI spend by category: boom/),
    ).toBeInTheDocument();
  });
});

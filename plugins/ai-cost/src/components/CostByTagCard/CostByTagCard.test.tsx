import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { CostByTagCard, hasTagBreakdown } from './CostByTagCard';

const untagged = {
  environment: [{ value: null, cost: 1234.5678 }],
  feature: [{ value: null, cost: 1234.5678 }],
  customer: [],
};

describe('CostByTagCard', () => {
  it('shows each value of the first tag with its cost and share, parts adding up to the total', async () => {
    await renderInTestApp(<CostByTagCard costs={makeEntityCosts()} />);
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Environment',
      'Feature',
      'Customer',
    ]);
    expect(screen.getByRole('tab', { name: 'Environment' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByText('Spend by environment')).toBeInTheDocument();
    expect(rowCells('production')).toEqual([
      'production',
      '$1,000.12',
      '81.0%',
    ]);
    expect(rowCells('staging')).toEqual(['staging', '$200.00', '16.2%']);
    // $34.4444 takes the cent that makes the rows add up to $1,234.57.
    expect(rowCells('No environment')).toEqual([
      'No environment',
      '$34.45',
      '2.8%',
    ]);
  });

  it('names the item folding the values past the top ones', async () => {
    await renderInTestApp(<CostByTagCard costs={makeEntityCosts()} />);
    await userEvent.click(screen.getByRole('tab', { name: 'Customer' }));
    expect(screen.getByText('Spend by customer')).toBeInTheDocument();
    expect(rowCells('acme')).toEqual(['acme', '$600.12', '48.6%']);
    expect(rowCells('globex')).toEqual(['globex', '$300.00', '24.3%']);
    expect(rowCells('14 other values')).toEqual([
      '14 other values',
      '$200.00',
      '16.2%',
    ]);
    expect(rowCells('No customer')).toEqual([
      'No customer',
      '$134.45',
      '10.9%',
    ]);
  });

  it('lists the spend split rules gave the entity, with why', async () => {
    await renderInTestApp(<CostByTagCard costs={makeEntityCosts()} />);
    expect(screen.getByText('Shared spend')).toBeInTheDocument();
    expect(
      screen.getByText(
        "Split rules in aiCost.allocation gave this spend; Share is this entity's part of all the spend the rule split in the period.",
      ),
    ).toBeInTheDocument();
    expect(rowCells('shared-eval-key')).toEqual([
      'shared-eval-key',
      'Fixed weights',
      '70.0%',
      '$280.00',
    ]);
  });

  it('shows shared spend alone when no spend carries a tag value', async () => {
    await renderInTestApp(
      <CostByTagCard
        costs={makeEntityCosts({
          byTag: {},
          shared: [
            {
              ruleId: 'platform-gateway',
              method: 'proportional',
              share: 0.4137,
              cost: 512.3456,
            },
          ],
        })}
      />,
    );
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(rowCells('platform-gateway')).toEqual([
      'platform-gateway',
      'Proportional to own spend',
      '41.4%',
      '$512.35',
    ]);
  });

  it('is hidden when every tag has only spend without a value and nothing is shared', async () => {
    const costs = makeEntityCosts({ byTag: untagged, shared: [] });
    expect(hasTagBreakdown(costs)).toBe(false);
    await renderInTestApp(<CostByTagCard costs={costs} />);
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText('Shared spend')).not.toBeInTheDocument();
  });

  it('counts folded values as tagged spend', () => {
    expect(
      hasTagBreakdown(
        makeEntityCosts({
          byTag: {
            ...untagged,
            customer: [
              { value: null, cost: 1000, otherValues: 60 },
              { value: null, cost: 234.5678 },
            ],
          },
          shared: [],
        }),
      ),
    ).toBe(true);
  });
});

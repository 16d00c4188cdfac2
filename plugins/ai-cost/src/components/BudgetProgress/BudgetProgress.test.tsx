import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { makeBudgetStatus } from '../../__testUtils__/fixtures';
import { BudgetProgress, labelledFractions } from './BudgetProgress';

describe('BudgetProgress', () => {
  it('shows spend against the budget, for screen readers as text', async () => {
    const status = makeBudgetStatus();
    await renderInTestApp(
      <BudgetProgress
        spent={status.spent}
        budget={status.budget!}
        currency="USD"
        state={status.state}
        forecast={status.forecast}
        thresholds={status.thresholds}
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Spent of budget' });
    expect(bar).toHaveAttribute(
      'aria-valuetext',
      '$2,104.30 of $2,500.00 (84.2%)',
    );
    expect(bar).toHaveAttribute('aria-valuenow', '2104.3');
    expect(bar).toHaveAttribute('aria-valuemax', '2500');
  });

  it('draws thresholds, the forecast median and its band on a scale that reaches the band', async () => {
    const status = makeBudgetStatus();
    await renderInTestApp(
      <BudgetProgress
        spent={status.spent}
        budget={status.budget!}
        currency="USD"
        state={status.state}
        forecast={status.forecast}
        thresholds={status.thresholds}
      />,
    );
    // The scale ends at the top of the band, $3,190.45.
    expect(screen.getByTestId('spent-bar').style.width).toBe('65.96%');
    expect(
      screen.getAllByTestId('threshold-tick').map(tick => tick.style.left),
    ).toEqual(['39.18%', '62.69%', '78.36%']);
    expect(screen.getByTestId('forecast-median').style.left).toBe('93.64%');
    expect(screen.getByTestId('forecast-band').style.left).toBe('88.08%');
    expect(screen.getByText('50%')).toBeInTheDocument();
    expect(screen.getByText('80%')).toBeInTheDocument();
    expect(screen.getByText('100%')).toBeInTheDocument();
  });

  it('keeps an overrun visible', async () => {
    await renderInTestApp(
      <BudgetProgress
        spent={2800}
        budget={2500}
        currency="USD"
        state="over"
        thresholds={[
          { fraction: 1, amount: 2500, crossed: true, projectedDate: null },
        ]}
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Spent of budget' });
    expect(bar).toHaveAttribute(
      'aria-valuetext',
      '$2,800.00 of $2,500.00 (112.0%)',
    );
    expect(bar).toHaveAttribute('aria-valuenow', '2500');
    expect(screen.getByTestId('spent-bar').style.width).toBe('100%');
    expect(screen.getByTestId('threshold-tick').style.left).toBe('89.29%');
    expect(screen.queryByTestId('forecast-median')).not.toBeInTheDocument();
  });

  it('labels ticks that would overlap only once, keeping the budget', async () => {
    await renderInTestApp(
      <BudgetProgress
        spent={493.2}
        budget={600}
        currency="USD"
        state="at-risk"
        forecast={{ median: 704.9, low: 697.64, high: 712.17 }}
        thresholds={[
          { fraction: 0.5, amount: 300, crossed: true, projectedDate: null },
          { fraction: 0.9, amount: 540, crossed: false, projectedDate: null },
          { fraction: 1, amount: 600, crossed: false, projectedDate: null },
        ]}
      />,
    );
    expect(screen.getAllByTestId('threshold-tick')).toHaveLength(3);
    expect(screen.getByText('50%')).toBeInTheDocument();
    expect(screen.getByText('100%')).toBeInTheDocument();
    expect(screen.queryByText('90%')).not.toBeInTheDocument();
  });
});

describe('labelledFractions', () => {
  it('keeps the budget and the highest labels that fit', () => {
    const t = (fraction: number) => ({ fraction, amount: fraction * 1000 });
    expect([...labelledFractions([t(0.5), t(0.8), t(1)], 1000)]).toEqual([
      1, 0.8, 0.5,
    ]);
    expect([...labelledFractions([t(0.5), t(0.95), t(1)], 1000)]).toEqual([
      1, 0.5,
    ]);
    expect([...labelledFractions([t(1.2), t(1.15), t(1)], 1200)]).toEqual([
      1, 1.2,
    ]);
  });
});

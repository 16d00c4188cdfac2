import { renderInTestApp, textContentMatcher } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ChangeIndicator } from './ChangeIndicator';

describe('ChangeIndicator', () => {
  it('shows an increase with amount and percentage', async () => {
    await renderInTestApp(
      <ChangeIndicator
        current={1234.5678}
        previous={1000}
        currency="USD"
        suffix="vs previous period"
      />,
    );
    expect(
      screen.getByText(
        textContentMatcher(
          '▲ up +$234.57 (+23.5%) from $1,000.00 vs previous period',
        ),
      ),
    ).toBeInTheDocument();
  });

  it('shows a decrease', async () => {
    await renderInTestApp(
      <ChangeIndicator current={3210.5} previous={3400.25} currency="USD" />,
    );
    expect(
      screen.getByText(
        textContentMatcher('▼ down -$189.75 (-5.6%) from $3,400.25'),
      ),
    ).toBeInTheDocument();
  });

  it('shows no change when the previous period starts before the history', async () => {
    await renderInTestApp(
      <ChangeIndicator
        current={15328.26}
        previous={0}
        currency="USD"
        suffix="vs 2026-06-05 – 2026-09-02"
        noHistoryBefore="2026-09-01"
      />,
    );
    expect(
      screen.getByText('No history before Sep 1, 2026 to compare with'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/New spend/)).not.toBeInTheDocument();
  });

  it('shows new spend and no change', async () => {
    await renderInTestApp(
      <>
        <ChangeIndicator current={1000} previous={0} currency="USD" />
        <ChangeIndicator current={0} previous={0} currency="USD" />
      </>,
    );
    expect(screen.getByText('New spend: +$1,000.00')).toBeInTheDocument();
    expect(screen.getByText('No change')).toBeInTheDocument();
  });
});

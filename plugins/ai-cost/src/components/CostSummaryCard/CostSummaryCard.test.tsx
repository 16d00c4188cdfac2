import { renderInTestApp, textContentMatcher } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { makeEmptyCosts, makeEntityCosts } from '../../__testUtils__/fixtures';
import { CostSummaryCard } from './CostSummaryCard';

function fact(term: string) {
  const dt = screen.getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent;
}

describe('CostSummaryCard', () => {
  it('shows the total, trend, split and unit costs', async () => {
    await renderInTestApp(<CostSummaryCard costs={makeEntityCosts()} />);
    expect(
      screen.getByText('$1,234.57', { selector: 'p' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2026-10-24 – 2026-11-22 (UTC)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        textContentMatcher(
          '▲ up +$234.57 (+23.5%) from $1,000.00 vs 2026-09-24 – 2026-10-23',
        ),
      ),
    ).toBeInTheDocument();
    expect(fact('Own')).toBe('$1,034.57');
    expect(fact('Via children')).toBe('$200.00');
    expect(fact('Billed by providers')).toBe('$1,200.00');
    expect(fact('Estimated from usage')).toBe(
      '$34.57 (priced from usage where no bill exists: AI Cost prices, OpenCost allocations)',
    );
    expect(fact('Requests')).toBe('152,340');
    expect(fact('Tokens')).toBe('62M');
    expect(fact('Per request')).toBe('$0.0081');
    expect(fact('Per 1K tokens')).toBe('$0.0199');
    expect(screen.queryByText('Demo data')).not.toBeInTheDocument();
  });

  it('shows self-hosted GPU and subscription spend beside model APIs, adding up to the total', async () => {
    await renderInTestApp(
      <CostSummaryCard
        costs={makeEntityCosts({
          byCategory: [
            { category: 'model-api', cost: 1000.005 },
            { category: 'self-hosted', cost: 200.0025 },
            { category: 'subscription', cost: 34.5603 },
          ],
        })}
      />,
    );
    // Rounded on their own $1,000.01 + $200.00 + $34.56 = $1,234.57, the
    // total shown.
    expect(fact('Model APIs')).toBe('$1,000.01');
    expect(fact('Self-hosted GPU')).toBe('$200.00');
    expect(fact('Subscriptions')).toBe('$34.56');
    expect(screen.queryByText('Expensed tools')).not.toBeInTheDocument();
  });

  it('lists no categories when all spend is model APIs', async () => {
    await renderInTestApp(<CostSummaryCard costs={makeEntityCosts()} />);
    expect(screen.queryByText('Model APIs')).not.toBeInTheDocument();
  });

  it('says when the previous period or the window starts before the history', async () => {
    const { rerender } = await renderInTestApp(
      <CostSummaryCard
        costs={makeEntityCosts({
          previousPeriod: { from: '2026-09-24', to: '2026-10-23', cost: 0 },
          historyFrom: '2026-10-02',
        })}
      />,
    );
    expect(
      screen.getByText('No history before Oct 2, 2026 to compare with'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/New spend/)).not.toBeInTheDocument();
    expect(screen.queryByText(/data from/)).not.toBeInTheDocument();

    rerender(
      <CostSummaryCard
        costs={makeEntityCosts({ historyFrom: '2026-11-01' })}
      />,
    );
    expect(
      screen.getByText('2026-10-24 – 2026-11-22 (UTC), data from Nov 1, 2026'),
    ).toBeInTheDocument();
  });

  it('names the models the backend reports unpriced, not those that cost nothing', async () => {
    const costs = makeEntityCosts();
    const zero = { ...costs.byModel[2], cost: 0, requests: 40 };
    await renderInTestApp(
      <CostSummaryCard
        costs={{
          ...costs,
          byModel: [
            ...costs.byModel,
            { ...zero, model: 'acme-llm', unpriced: true },
            { ...zero, model: 'gpt-4o-mini-free-tier', unpriced: false },
          ],
        }}
      />,
    );
    expect(fact('Unpriced usage')).toBe(
      '40 requests of models with no known price (acme-llm), not in the total',
    );
  });

  it('labels demo data', async () => {
    await renderInTestApp(
      <CostSummaryCard costs={makeEntityCosts({ demoCost: 1234.5678 })} />,
    );
    expect(
      screen.getByText('Demo data', { selector: 'span' }),
    ).toBeInTheDocument();
    expect(fact('Demo data')).toBe('$1,234.57');
  });

  it('has no unit costs without usage', async () => {
    await renderInTestApp(<CostSummaryCard costs={makeEmptyCosts()} />);
    expect(screen.getByText('$0.00', { selector: 'p' })).toBeInTheDocument();
    expect(
      screen.getByText('No change vs 2026-09-24 – 2026-10-23'),
    ).toBeInTheDocument();
    expect(fact('Per request')).toBe('—');
    expect(fact('Per 1K tokens')).toBe('—');
  });
});

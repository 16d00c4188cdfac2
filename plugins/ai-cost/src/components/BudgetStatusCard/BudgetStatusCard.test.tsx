import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  makeBudgetStatus,
  makeNoBudgetStatus,
  makeScopedBudgetStatus,
} from '../../__testUtils__/fixtures';
import { BudgetStatusCard } from './BudgetStatusCard';
import {
  breachText,
  periodText,
  scopeLabel,
  thresholdText,
} from './budgetText';

/** The definition list of the card as `term: description` pairs. */
function facts(): Record<string, string> {
  const result: Record<string, string> = {};
  for (const term of document.querySelectorAll('dl dt')) {
    result[term.textContent!] = term.nextElementSibling!.textContent!;
  }
  return result;
}

describe('BudgetStatusCard', () => {
  it('shows a budget at risk with its forecast, thresholds and period', async () => {
    await renderInTestApp(<BudgetStatusCard status={makeBudgetStatus()} />);
    expect(screen.getByText('AI budget')).toBeInTheDocument();
    expect(
      screen.getByText('Monthly budget, set in the portal'),
    ).toBeInTheDocument();
    expect(screen.getByText('At risk')).toBeInTheDocument();
    expect(screen.getByText('$2,104.30')).toBeInTheDocument();
    expect(screen.getByText('of $2,500.00 (84.2%)')).toBeInTheDocument();
    expect(
      screen.getByText('Projected to exceed on Nov 25'),
    ).toBeInTheDocument();
    expect(facts()).toEqual({
      Forecast: '$2,987.65 by Nov 30 (80% range $2,810.20 – $3,190.45)',
      Thresholds:
        '50% ($1,250.00) reached on Nov 1280% ($2,000.00) reached on Nov 20100% ($2,500.00) projected for Nov 25',
      Period: 'Nov 1 – Nov 30 · 9 days remaining · resets on Dec 1',
      'As of': 'Nov 21 (last complete day)',
      'Forecast accuracy': '6.4% average error over 18 past forecasts',
      Source: 'Set in the portal',
    });
    expect(
      within(screen.getByRole('list', { name: 'Thresholds' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      '50% ($1,250.00) reached on Nov 12',
      '80% ($2,000.00) reached on Nov 20',
      '100% ($2,500.00) projected for Nov 25',
    ]);
  });

  it('colours the state: over in the error colour, at risk in the warning colour, ok in the success colour', async () => {
    const colors: Record<string, string> = {};
    for (const state of ['over', 'at-risk', 'ok'] as const) {
      const { unmount } = await renderInTestApp(
        <BudgetStatusCard status={makeBudgetStatus({ state })} />,
      );
      const chip = screen.getByText(
        { over: 'Over budget', 'at-risk': 'At risk', ok: 'On track' }[state],
      ).parentElement!;
      colors[state] = getComputedStyle(chip).backgroundColor;
      unmount();
    }
    expect(colors).toEqual({
      over: 'rgb(244, 67, 54)',
      'at-risk': 'rgb(255, 152, 0)',
      ok: 'rgb(76, 175, 80)',
    });
  });

  it('shows an exceeded budget from an annotation, without forecast accuracy', async () => {
    await renderInTestApp(
      <BudgetStatusCard
        status={makeBudgetStatus({
          source: 'annotation',
          spent: 2612,
          state: 'over',
          projectedBreachDate: '2026-11-18',
          thresholdsCrossed: [0.5, 0.8, 1],
          forecastAccuracy: null,
        })}
      />,
    );
    expect(screen.getByText('Over budget')).toBeInTheDocument();
    expect(screen.getByText('Exceeded on Nov 18')).toBeInTheDocument();
    expect(screen.getByText('of $2,500.00 (104.5%)')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Monthly budget, from the ai-cost/monthly-budget annotation',
      ),
    ).toBeInTheDocument();
    expect(facts().Source).toBe('From the ai-cost/monthly-budget annotation');
    expect(facts()['Forecast accuracy']).toBeUndefined();
  });

  it('explains the monthly-budget annotation when there is no budget', async () => {
    await renderInTestApp(
      <BudgetStatusCard
        status={makeNoBudgetStatus()}
        entityName="Query Rewriter"
        actions={<button>Set a budget</button>}
      />,
    );
    expect(screen.getByText('No budget set')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Query Rewriter has no AI budget. It spent $612.40 from Nov 1 to Nov 21; the forecast for Nov 30 is $890.10.',
      ),
    ).toBeInTheDocument();
    expect(document.querySelector('pre code')?.textContent).toContain(
      'metadata:\n  annotations:\n    ai-cost/monthly-budget: "2500"',
    );
    expect(screen.getByRole('button', { name: 'Set a budget' })).toBeVisible();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Scoped budgets' }),
    ).not.toBeInTheDocument();
  });

  it('shows the scoped budgets under the overall one', async () => {
    await renderInTestApp(
      <BudgetStatusCard
        status={makeBudgetStatus({
          scoped: [
            makeScopedBudgetStatus(),
            makeScopedBudgetStatus({
              scope: 'customer:acme',
              budget: 100,
              spent: 104.5,
              state: 'over',
            }),
          ],
        })}
      />,
    );
    const scoped = screen.getByRole('region', { name: 'Scoped budgets' });
    expect(
      within(scoped)
        .getAllByRole('listitem')
        .map(item => item.querySelector('p')!.textContent),
    ).toEqual([
      'staging: $120.00 of $300.00 · On track',
      'customer=acme: $104.50 of $100.00 · Over budget',
    ]);
    expect(
      within(scoped).getByRole('progressbar', {
        name: 'Spent of the staging budget',
      }),
    ).toHaveAttribute('aria-valuetext', '$120.00 of $300.00 (40.0%)');
    expect(
      screen.getByRole('progressbar', { name: 'Spent of budget' }),
    ).toBeInTheDocument();
  });

  it('shows scoped budgets of an entity without an overall budget', async () => {
    await renderInTestApp(
      <BudgetStatusCard
        status={makeNoBudgetStatus({ scoped: [makeScopedBudgetStatus()] })}
      />,
    );
    expect(screen.getByText('No budget set')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Scoped budgets' })).getByText(
        'staging',
      ),
    ).toBeInTheDocument();
  });
});

describe('scopeLabel', () => {
  it('names environment values alone and other tags with their key', () => {
    expect(scopeLabel(null)).toBe('Overall');
    expect(scopeLabel('environment:staging')).toBe('staging');
    expect(scopeLabel('customer:acme')).toBe('customer=acme');
  });
});

describe('budget texts', () => {
  it('says when a budget is (projected to be) exceeded', () => {
    expect(breachText(makeBudgetStatus())).toBe(
      'Projected to exceed on Nov 25',
    );
    expect(
      breachText(
        makeBudgetStatus({ state: 'over', projectedBreachDate: '2026-11-18' }),
      ),
    ).toBe('Exceeded on Nov 18');
    expect(
      breachText(makeBudgetStatus({ state: 'ok', projectedBreachDate: null })),
    ).toBe('Not projected to exceed this month');
    const quarter = makeBudgetStatus().period;
    expect(
      breachText(
        makeBudgetStatus({
          state: 'ok',
          projectedBreachDate: null,
          period: { ...quarter, period: 'quarter' },
        }),
      ),
    ).toBe('Not projected to exceed this quarter');
  });

  it('describes thresholds reached, projected and not expected', () => {
    const status = makeBudgetStatus();
    expect(
      thresholdText(
        { fraction: 1.2, amount: 3000, crossed: false, projectedDate: null },
        status,
      ),
    ).toBe('120% ($3,000.00) not expected this month');
    expect(
      thresholdText(
        { fraction: 0.5, amount: 1250, crossed: true, projectedDate: null },
        status,
      ),
    ).toBe('50% ($1,250.00) reached');
  });

  it('names the reset day, with the year when it is in the next one', () => {
    expect(
      periodText({
        period: 'quarter',
        start: '2026-10-01',
        end: '2026-12-31',
        asOf: '2026-12-30',
        daysRemaining: 1,
      }),
    ).toBe('Oct 1 – Dec 31 · 1 day remaining · resets on Jan 1, 2027');
  });
});

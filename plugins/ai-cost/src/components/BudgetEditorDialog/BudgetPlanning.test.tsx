import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef } from '../../api';
import { makeFakeApi } from '../../__testUtils__/fixtures';
import { makeSpendForecast } from '../../__testUtils__/forecastFixtures';
import { makeBudgetSuggestion } from '../../__testUtils__/planningFixtures';
import { BudgetPlanning } from './BudgetPlanning';

const entityRef = 'component:default/query-rewriter';

async function renderPlanning(
  api = makeFakeApi(),
  onUse = jest.fn(),
  scope?: string,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <BudgetPlanning
        entityRef={entityRef}
        forecast={makeSpendForecast()}
        period="month"
        currency="USD"
        scope={scope}
        onUse={onUse}
      />
    </TestApiProvider>,
  );
  return { api, onUse };
}

describe('BudgetPlanning', () => {
  it("offers the backend's suggestion with its basis", async () => {
    const { api, onUse } = await renderPlanning();
    expect(
      await screen.findByText(/^Suggested: \$1,400\.00 per month\./),
    ).toHaveTextContent(
      'Suggested: $1,400.00 per month. Last 30 days, $40.26/day, forecast $1,160.50 for November 2026; × 1.15 headroom, rounded up to two significant digits: $1,400.00 per month.',
    );
    expect(api.getBudgetSuggestion).toHaveBeenCalledWith({
      entityRef,
      period: 'month',
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Use $1,400.00' }),
    );
    expect(onUse).toHaveBeenCalledWith(1400);
  });

  it('says why there is no suggestion', async () => {
    const reason =
      'No spend to suggest a budget from: no AI spend recorded in the last 30 days up to 2026-11-21, and the month-end forecast is missing.';
    await renderPlanning(
      makeFakeApi({
        getBudgetSuggestion: jest.fn().mockResolvedValue(
          makeBudgetSuggestion({
            suggested: null,
            expected: null,
            monthForecast: null,
            runRate: 0,
            reason,
          }),
        ),
      }),
    );
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('keeps the forecast when the suggestion fails', async () => {
    await renderPlanning(
      makeFakeApi({
        getBudgetSuggestion: jest.fn().mockRejectedValue(new Error('Boom')),
      }),
    );
    expect(
      await screen.findByText('No suggested budget: Boom'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('budget-planning')).toHaveTextContent(
      'month-end forecast $1,160.50',
    );
  });

  it('offers no suggestion for a scoped budget, the forecast being the overall one', async () => {
    const { api } = await renderPlanning(
      makeFakeApi(),
      jest.fn(),
      'environment:staging',
    );
    const planning = screen.getByTestId('budget-planning');
    expect(planning).toHaveTextContent(
      /^Overall, all tag values together: Spent .* month-end forecast \$1,160\.50/,
    );
    expect(planning).toHaveTextContent(
      "No suggested budget for environment:staging: the spend and forecast above are the entity's overall ones, not environment:staging's.",
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(api.getBudgetSuggestion).not.toHaveBeenCalled();
  });
});

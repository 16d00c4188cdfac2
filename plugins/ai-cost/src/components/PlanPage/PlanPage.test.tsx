import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import type { PlanLine } from '@ai-cost/plugin-ai-cost-common';
import { makeYearPlan } from '../../__testUtils__/planningFixtures';
import {
  makeFakeApi,
  makeResponseError,
  now,
} from '../../__testUtils__/fixtures';
import { PlanPage } from './PlanPage';

async function renderPage(api: AiCostApi, routeEntries = ['/ai-cost/plan']) {
  return renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <PlanPage now={now} />
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The cells of a row of the plan as text. */
async function rowCells(key: string) {
  const row = await screen.findByTestId(`plan-row-${key}`);
  return Array.from(row.querySelectorAll('th, td')).map(
    cell => cell.textContent,
  );
}

const cents = (text: string) =>
  Math.round(Number(text.replace(/[$,]/g, '')) * 100);

describe('PlanPage', () => {
  it('shows the current year per team, actual and forecast months, and totals', async () => {
    const api = makeFakeApi();
    await renderPage(api);
    expect(api.getPlan).toHaveBeenCalledWith(2026);
    expect(screen.getByLabelText('Year')).toHaveValue('2026');
    const table = await screen.findByRole('table', {
      name: 'AI spend plan 2026',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(cell => cell.textContent);
    expect(headers.slice(0, 2)).toEqual(['Team', 'Jan']);
    expect(headers.slice(-3)).toEqual([
      'Nov forecast',
      'Dec forecast',
      'Year total',
    ]);
    const search = await rowCells('group:default/search-team');
    // The budget is below the team's name.
    expect(search[0]).toBe('Search TeamBudget $250.00 / month');
    expect(search[1]).toBe('$100.00');
    // A forecast month shows its median and ± its 80% range, the amounts on
    // hover and for screen readers: $200 −$20 +$30 is ±15%.
    expect(search[11]).toBe('$200.00±15%, 80% range $180.00–$230.00');
    expect(
      screen
        .getByTestId('plan-row-group:default/search-team')
        .querySelectorAll('td')[10],
    ).toHaveAttribute('title', '80% range $180.00–$230.00');
    expect(search[13]).toBe('$1,860.00');
    expect(
      within(screen.getByTestId('plan-row-group:default/search-team'))
        .getAllByRole('cell')
        .filter(cell => cell.getAttribute('data-kind') === 'forecast'),
    ).toHaveLength(2);
    // No budget: the name alone.
    expect((await rowCells('group:default/insights-team'))[0]).toBe(
      'insights-team',
    );
    const totals = await rowCells('total');
    expect(totals[1]).toBe('$160.30');
    expect(totals[11]).toBe('$270.00±11%, 80% range $250.00–$300.00');
    expect(totals[13]).toBe('$2,603.30');
    expect(
      screen.getByText(/Months up to Nov 20 are actual/),
    ).not.toHaveTextContent('no data');

    // Every month (and the year) the rows as shown add up to the total as shown.
    const rows = [
      await rowCells('group:default/search-team'),
      await rowCells('group:default/insights-team'),
      await rowCells('unallocated'),
    ];
    for (let column = 1; column <= 13; column++) {
      const amount = (cells: Array<string | null>) =>
        cents(cells[column]!.split('$').slice(0, 2).join('$'));
      expect(rows.reduce((sum, cells) => sum + amount(cells), 0)).toBe(
        amount(totals),
      );
    }
  });

  it('shows the months before the history as no data, left out of the year', async () => {
    const plan = makeYearPlan();
    const noData = (line: PlanLine, total: number): PlanLine => ({
      months: line.months.map((month, m) =>
        m < 2 ? { ...month, kind: 'no-data', amount: null } : month,
      ),
      total,
    });
    const api = makeFakeApi({
      getPlan: jest.fn().mockResolvedValue({
        ...plan,
        historyFrom: '2026-03-10',
        // Without January and February: $1,860 − $210, $622.80 − $100.50,
        // $120.50 − $20.10.
        teams: [
          { ...plan.teams[0], ...noData(plan.teams[0], 1650) },
          { ...plan.teams[1], ...noData(plan.teams[1], 522.3) },
        ],
        unallocated: noData(plan.unallocated, 100.4),
        totals: noData(plan.totals, 2272.7),
      }),
    });
    await renderPage(api);
    const totals = await rowCells('total');
    expect(totals.slice(1, 4)).toEqual(['—', '—', '$180.30']);
    expect(totals[13]).toBe('$2,272.70');
    expect(
      screen.getByTestId('plan-row-total').querySelectorAll('td')[0],
    ).toHaveAttribute('title', 'No data: the history begins on Mar 10');
    expect(screen.getByText(/The history begins on Mar 10/)).toHaveTextContent(
      'months before it have no data (—) and the year total covers the 10 months with data; the month it begins in is actual for the days it has.',
    );
  });

  it('switches the year through the picker and the URL', async () => {
    const api = makeFakeApi();
    await renderPage(api, ['/ai-cost/plan?year=2025']);
    await waitFor(() => expect(api.getPlan).toHaveBeenCalledWith(2025));
    expect(
      Array.from(
        (screen.getByLabelText('Year') as HTMLSelectElement).options,
      ).map(o => o.value),
    ).toEqual(['2027', '2026', '2025', '2024', '2023']);
    await userEvent.selectOptions(screen.getByLabelText('Year'), '2027');
    await waitFor(() => expect(api.getPlan).toHaveBeenCalledWith(2027));
  });

  it('downloads the CSV of the year', async () => {
    const api = makeFakeApi();
    const createObjectURL = jest.fn(() => 'blob:plan');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Download CSV' }),
    );
    await waitFor(() => expect(api.exportPlanCsv).toHaveBeenCalledWith(2026));
  });

  it('explains a missing ai-cost.org.read permission instead of failing', async () => {
    const api = makeFakeApi({
      getPlan: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.org.read',
          ),
        ),
    });
    await renderPage(api);
    expect(
      await screen.findByText('Organization-wide AI costs need a permission'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Download CSV' }),
    ).not.toBeInTheDocument();
  });
});

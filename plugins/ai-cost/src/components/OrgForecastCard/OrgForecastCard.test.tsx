import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import { makeFakeApi, makeResponseError } from '../../__testUtils__/fixtures';
import {
  makeNoHistoryForecast,
  makeOrgSpendForecast,
} from '../../__testUtils__/forecastFixtures';
import { OrgForecastCard } from './OrgForecastCard';

async function renderCard(api: AiCostApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <OrgForecastCard />
    </TestApiProvider>,
  );
}

/** The `dt`/`dd` pairs of the details list as `term: description`. */
function details(): string[] {
  const list = screen.getByLabelText('Month-end forecast details');
  return [...list.querySelectorAll('dt')].map(
    dt => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
  );
}

describe('OrgForecastCard', () => {
  it("shows the organisation's month-end forecast with its range, spend so far and what it covers", async () => {
    const api = makeFakeApi();
    await renderCard(api);
    expect(await screen.findByText('$10,973.45')).toBeInTheDocument();
    expect(api.getSpendForecast).toHaveBeenCalledWith({});
    expect(
      screen.getByText('Nov 1 – Nov 30, 2026, as of Nov 21'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('range $10,610.20–$11,390.80', { exact: false }),
    ).toBeInTheDocument();
    // $8,123.45 spent + $2,850.00 projected = $10,973.45.
    expect(details()).toEqual([
      'Spent so far: $8,123.45 (Nov 1 – Nov 21), incl. $1,024.50 unallocated',
      'Projected: $2,850.00 over the 9 remaining days',
      'Covers: All AI spend in the organization, unallocated spend included',
      'Accuracy: 4.2% average error over 18 past forecasts',
      'Basis: Each remaining day is projected from the median spend of the same weekday over the last 56 days; the range holds 80% of likely outcomes.',
    ]);
  });

  it('keeps the shown parts adding up to the shown median', async () => {
    // $100.004 + $50.004 = $150.008: shown $100.00 + $50.01 = $150.01.
    const api = makeFakeApi({
      getSpendForecast: jest.fn().mockResolvedValue(
        makeOrgSpendForecast({
          spent: 100.004,
          unallocatedSpent: 0,
          forecast: { median: 150.008, low: 140, high: 160 },
        }),
      ),
    });
    await renderCard(api);
    expect(await screen.findByText('$150.01')).toBeInTheDocument();
    expect(details().slice(0, 2)).toEqual([
      'Spent so far: $100.00 (Nov 1 – Nov 21)',
      'Projected: $50.01 over the 9 remaining days',
    ]);
  });

  it('explains why there is no forecast rather than showing $0', async () => {
    const api = makeFakeApi({
      getSpendForecast: jest
        .fn()
        .mockResolvedValue(
          makeNoHistoryForecast({ entityRef: null, unallocatedSpent: 0 }),
        ),
    });
    await renderCard(api);
    expect(await screen.findByText('No forecast')).toBeInTheDocument();
    expect(details()).toEqual([
      'Spent so far: $0.00 (Nov 1 – Nov 21)',
      'Covers: All AI spend in the organization, unallocated spend included',
      'Accuracy: Not known yet: needs a complete month of history',
      'Basis: Insufficient history: no AI spend was recorded from 2026-05-16 up to 2026-11-21, so there is nothing to forecast from.',
    ]);
  });

  it('names a failure and retries', async () => {
    const getSpendForecast = jest
      .fn()
      .mockRejectedValueOnce(
        await makeResponseError(500, 'Error', 'database is locked'),
      )
      .mockResolvedValue(makeOrgSpendForecast());
    await renderCard(makeFakeApi({ getSpendForecast }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the month-end forecast: database is locked',
    );
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('$10,973.45')).toBeInTheDocument();
  });
});

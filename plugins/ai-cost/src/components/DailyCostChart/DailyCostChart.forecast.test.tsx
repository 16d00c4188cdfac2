import { cloneElement, type ReactElement } from 'react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import {
  makeNoHistoryForecast,
  makeSpendForecast,
} from '../../__testUtils__/forecastFixtures';
import { DailyCostChart } from './DailyCostChart';

// jsdom lays nothing out: give the chart a size so its series render.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactElement }) =>
      cloneElement(children, { width: 800, height: 280 }),
  };
});

const CAPTION =
  'Month-end forecast $1,160.50 (range $1,120.25–$1,204.75); the dashed forecast line projects Nov 23 – Nov 30.';

describe('DailyCostChart with the month-end forecast', () => {
  it('draws the days after today as a dashed line over its shaded range, labelled forecast', async () => {
    // The window ends today, Nov 22; the forecast was made as of Nov 21.
    await renderInTestApp(
      <DailyCostChart
        costs={makeEntityCosts()}
        forecast={makeSpendForecast()}
      />,
    );
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      expect.stringContaining(CAPTION),
    );
    expect(document.querySelector('figcaption')).toHaveTextContent(CAPTION);

    const line = document.querySelector('.recharts-line .recharts-curve')!;
    expect(line).toHaveAttribute('stroke-dasharray', '6 4');
    expect(document.querySelector('.recharts-area-area')).toBeInTheDocument();
    const legend = document.querySelector('.recharts-legend-wrapper')!;
    expect(
      [...legend.querySelectorAll('li')].map(item => item.textContent),
    ).toContain('forecast');
    // A point per projected day, Nov 23 – Nov 30: a move, then 7 segments.
    expect(line.getAttribute('d')?.match(/[ML]/g)).toEqual([
      'M',
      ...Array(7).fill('L'),
    ]);
  });

  it('lists the projected days in the data table, marked as forecast', async () => {
    await renderInTestApp(
      <DailyCostChart
        costs={makeEntityCosts()}
        forecast={makeSpendForecast()}
      />,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Show data table' }),
    );
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Date',
      'gpt-4o',
      'claude-sonnet-4',
      'gpt-4o-mini',
      'Total',
      'Forecast range (80%)',
    ]);
    // 30 days of the window, 8 projected days and the header.
    expect(within(table).getAllByRole('row')).toHaveLength(39);
    const today = within(table).getByRole('rowheader', { name: '2026-11-22' })
      .parentElement!;
    expect(
      within(today)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['$26.67', '$14.55', '$0.00', '$41.22', '']);
    const monday = within(table).getByRole('rowheader', {
      name: '2026-11-23 (forecast)',
    }).parentElement!;
    expect(
      within(monday)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['—', '—', '—', '$42.50', '$35.00–$50.00']);
    const sunday = within(table).getByRole('rowheader', {
      name: '2026-11-29 (forecast)',
    }).parentElement!;
    expect(within(sunday).getAllByRole('cell')[3]).toHaveTextContent('$20.00');
    expect(
      within(table).getByRole('rowheader', { name: '2026-11-30 (forecast)' }),
    ).toBeInTheDocument();
  });

  it('leaves the forecast out of a window that does not reach today', async () => {
    await renderInTestApp(
      <DailyCostChart
        costs={makeEntityCosts({ from: '2026-10-01', to: '2026-10-31' })}
        forecast={makeSpendForecast()}
      />,
    );
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      expect.not.stringContaining('forecast'),
    );
    expect(document.querySelector('.recharts-line')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show data table' }),
    );
    expect(
      within(screen.getByRole('table')).queryByText(/\(forecast\)/),
    ).not.toBeInTheDocument();
  });

  it('explains a missing forecast and a failed one instead of drawing zero', async () => {
    const { unmount } = await renderInTestApp(
      <DailyCostChart
        costs={makeEntityCosts()}
        forecast={makeNoHistoryForecast()}
      />,
    );
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      expect.stringContaining(
        'No month-end forecast: Insufficient history: no AI spend was recorded from 2026-05-16 up to 2026-11-21, so there is nothing to forecast from.',
      ),
    );
    expect(document.querySelector('.recharts-line')).not.toBeInTheDocument();
    unmount();

    await renderInTestApp(
      <DailyCostChart
        costs={makeEntityCosts()}
        forecastError={new Error('database is locked')}
      />,
    );
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      expect.stringContaining(
        'The month-end forecast could not be loaded: database is locked',
      ),
    );
  });
});

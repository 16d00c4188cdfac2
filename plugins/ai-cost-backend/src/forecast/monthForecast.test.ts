import { DOLLAR } from '../__testUtils__/syntheticSeries';
import { monthForecast, toSpendForecast } from './monthForecast';

describe('monthForecast', () => {
  it('forecasts one day of history as a sparse month, in the singular', () => {
    const month = monthForecast({
      series: [{ date: '2025-06-10', cost: 12 * DOLLAR }],
      asOf: '2025-06-10',
    });
    // $12 spent, then $12 on each of the 20 remaining days.
    expect(month).toMatchObject({
      period: { start: '2025-06-01', end: '2025-06-30' },
      daysRemaining: 20,
      spent: 12 * DOLLAR,
      forecast: { median: 252 * DOLLAR },
      method: 'sparse-mean',
      historyDays: 1,
      description:
        'Insufficient history for a weekday forecast: only 1 day of spend so far, so the average day is assumed to continue and the range is wide.',
    });
    expect(month.accuracy).toBeUndefined();
  });

  it('gives no forecast, not a zero, without history, and converts to currency units at the edge', () => {
    const month = monthForecast({ series: [], asOf: '2025-06-30' });
    // The day after asOf opens July: nothing spent, every day to project.
    expect(month).toMatchObject({
      period: { start: '2025-07-01', end: '2025-07-31' },
      daysRemaining: 31,
      spent: 0,
      forecast: undefined,
      daily: [],
      method: 'insufficient-history',
    });
    expect(month.description).toBe(
      'Insufficient history: no AI spend was recorded up to 2025-06-30, so there is nothing to forecast from.',
    );
    expect(
      toSpendForecast(month, {
        entityRef: null,
        currency: 'USD',
        unallocatedSpent: 1_500_000,
      }),
    ).toMatchObject({
      entityRef: null,
      period: { asOf: '2025-06-30', daysRemaining: 31 },
      spent: 0,
      unallocatedSpent: 1.5,
      forecast: null,
      accuracy: null,
    });
  });
});

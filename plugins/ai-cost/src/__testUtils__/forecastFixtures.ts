import {
  eachDay,
  type SpendForecast,
  type SpendForecastDay,
} from '@ai-cost/plugin-ai-cost-common';

/** The projected days Nov 22–30 2026 (test "today" on): weekdays and weekend days. */
function projectedDays(
  weekday: Omit<SpendForecastDay, 'date'>,
  weekend: Omit<SpendForecastDay, 'date'>,
): SpendForecastDay[] {
  return eachDay('2026-11-22', '2026-11-30').map(date => {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return { date, ...(day === 0 || day === 6 ? weekend : weekday) };
  });
}

/**
 * `GET /forecast?entityRef=component:default/query-rewriter` as of Nov 21:
 * $845.50 spent, then $42.50 a weekday and $20 a weekend day (6 × $42.50 +
 * 3 × $20 = $315): $1,160.50 by Nov 30.
 */
export function makeSpendForecast(
  overrides: Partial<SpendForecast> = {},
): SpendForecast {
  return {
    entityRef: 'component:default/query-rewriter',
    currency: 'USD',
    period: {
      start: '2026-11-01',
      end: '2026-11-30',
      asOf: '2026-11-21',
      daysRemaining: 9,
    },
    spent: 845.5,
    unallocatedSpent: null,
    forecast: { median: 1160.5, low: 1120.25, high: 1204.75 },
    daily: projectedDays(
      { median: 42.5, low: 35, high: 50 },
      { median: 20, low: 15, high: 25 },
    ),
    accuracy: { meanAbsPctError: 6.42, samples: 18 },
    basis: {
      method: 'weekday-median',
      historyDays: 56,
      description:
        'Each remaining day is projected from the median spend of the same weekday over the last 56 days; the range holds 80% of likely outcomes.',
    },
    ...overrides,
  };
}

/**
 * `GET /forecast` of the whole organisation as of Nov 21: $8,123.45 spent
 * ($1,024.50 of it unallocated), then 6 × $400 + 3 × $150 = $2,850.
 */
export function makeOrgSpendForecast(
  overrides: Partial<SpendForecast> = {},
): SpendForecast {
  return makeSpendForecast({
    entityRef: null,
    spent: 8123.45,
    unallocatedSpent: 1024.5,
    forecast: { median: 10973.45, low: 10610.2, high: 11390.8 },
    daily: projectedDays(
      { median: 400, low: 340, high: 460 },
      { median: 150, low: 120, high: 180 },
    ),
    accuracy: { meanAbsPctError: 4.2, samples: 18 },
    ...overrides,
  });
}

/** A forecast without history: nothing to project. */
export function makeNoHistoryForecast(
  overrides: Partial<SpendForecast> = {},
): SpendForecast {
  return makeSpendForecast({
    spent: 0,
    forecast: null,
    daily: [],
    accuracy: null,
    basis: {
      method: 'insufficient-history',
      historyDays: 0,
      description:
        'Insufficient history: no AI spend was recorded from 2026-05-16 up to 2026-11-21, so there is nothing to forecast from.',
    },
    ...overrides,
  });
}

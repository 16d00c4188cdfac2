import type {
  BudgetSuggestion,
  PlanMonth,
  YearPlanResponse,
} from '@ai-cost/plugin-ai-cost-common';

/**
 * The suggestion from the month-end forecast of `makeSpendForecast`
 * ($1,160.50): a month × 1.15 = $1,334.58 → $1,400; a quarter 3 × $1,160.50
 * = $3,481.50, × 1.15 = $4,003.73 → $4,100.
 */
export function makeBudgetSuggestion(
  overrides: Partial<BudgetSuggestion> = {},
): BudgetSuggestion {
  const quarter = overrides.period === 'quarter';
  return {
    entityRef: 'component:default/query-rewriter',
    currency: 'USD',
    period: 'month',
    suggested: quarter ? 4100 : 1400,
    runRate: 40.26,
    expected: quarter ? 3481.5 : 1160.5,
    monthForecast: 1160.5,
    headroom: 1.15,
    basis: quarter
      ? 'Last 30 days, $40.26/day, forecast $1,160.50 for November 2026, three months at that pace $3,481.50; × 1.15 headroom, rounded up to two significant digits: $4,100.00 per quarter.'
      : 'Last 30 days, $40.26/day, forecast $1,160.50 for November 2026; × 1.15 headroom, rounded up to two significant digits: $1,400.00 per month.',
    reason: null,
    ...overrides,
  };
}

/** Ten actual months, then two forecast ones with their bands. */
function months(
  actual: number[],
  forecast: Array<[number, number, number]>,
): PlanMonth[] {
  return [
    ...actual.map((amount, i) => ({
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      kind: 'actual' as const,
      amount,
      low: null,
      high: null,
    })),
    ...forecast.map(([amount, low, high], i) => ({
      month: `2026-${11 + i}`,
      kind: 'forecast' as const,
      amount,
      low,
      high,
    })),
  ];
}

/**
 * The 2026 plan as of 2026-11-20. Search: $100 in January, $10 more every
 * month to $190 in October ($1,450), forecast $200 and $210: $1,860.
 * Insights: $50.25 a month ($502.50), forecast $60.10 and $60.20: $622.80.
 * Unallocated: $10.05 a month ($100.50), $9.90 and $10.10: $120.50.
 * January's total is $160.30, November's $270, the year's $2,603.30.
 */
export function makeYearPlan(): YearPlanResponse {
  const search = months(
    [100, 110, 120, 130, 140, 150, 160, 170, 180, 190],
    [
      [200, 180, 230],
      [210, 170, 260],
    ],
  );
  const insights = months(new Array(10).fill(50.25), [
    [60.1, 50, 70],
    [60.2, 45, 80],
  ]);
  const unallocated = months(new Array(10).fill(10.05), [
    [9.9, 8, 12],
    [10.1, 7, 14],
  ]);
  const bands: Array<[number, number]> = [
    [250, 300],
    [240, 330],
  ];
  const totals = search.map((month, m) => {
    const cents = [search, insights, unallocated].reduce(
      (sum, line) => sum + Math.round((line[m].amount ?? 0) * 100),
      0,
    );
    const band = month.kind === 'forecast' ? bands[m - 10] : [null, null];
    return { ...month, amount: cents / 100, low: band[0], high: band[1] };
  });
  return {
    year: 2026,
    currency: 'USD',
    asOf: '2026-11-20',
    historyFrom: '2025-06-01',
    teams: [
      {
        entityRef: 'group:default/search-team',
        title: 'Search Team',
        budget: { amount: 250, period: 'month' },
        months: search,
        total: 1860,
      },
      {
        entityRef: 'group:default/insights-team',
        budget: null,
        months: insights,
        total: 622.8,
      },
    ],
    unallocated: { months: unallocated, total: 120.5 },
    totals: { months: totals, total: 2603.3 },
  };
}

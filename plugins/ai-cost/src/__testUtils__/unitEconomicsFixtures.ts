import {
  eachDay,
  type MetricInfo,
  type MetricsResponse,
  type RollupItem,
  type RollupResponse,
  type UnitCostDay,
  type UnitCostTotals,
  type UnitCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';

/** Rounds to the micro-unit, as the API does. */
const micro = (value: number) => Math.round(value * 1e6) / 1e6;

/** `GET /metrics`: the built-ins, a pushed count and a pushed money metric. */
export function makeMetrics(): MetricsResponse {
  const builtIn = (metric: string): MetricInfo => ({
    metric,
    unit: metric,
    money: false,
    builtIn: true,
    lastDate: null,
  });
  return {
    metrics: [
      builtIn('requests'),
      builtIn('tokens'),
      builtIn('customers'),
      {
        metric: 'documents_processed',
        unit: 'documents',
        money: false,
        builtIn: false,
        lastDate: '2026-11-21',
      },
      {
        metric: 'revenue',
        unit: 'USD',
        money: true,
        builtIn: false,
        lastDate: '2026-11-21',
      },
    ],
  };
}

/**
 * Seven days of requests, 2026-11-16 to 2026-11-22, one without a value
 * (2026-11-19). Days with a value cost $260 for 40,000 requests: $0.0065 a
 * request; with the $12.50 of the day without one, $272.50 in total.
 */
export const FALLING_DAYS: UnitCostDay[] = [
  { date: '2026-11-16', cost: 40, value: 5000, unitCost: 0.008 },
  { date: '2026-11-17', cost: 40, value: 5000, unitCost: 0.008 },
  { date: '2026-11-18', cost: 45, value: 6000, unitCost: 0.0075 },
  { date: '2026-11-19', cost: 12.5, value: null, unitCost: null },
  { date: '2026-11-20', cost: 48, value: 8000, unitCost: 0.006 },
  { date: '2026-11-21', cost: 44, value: 8000, unitCost: 0.0055 },
  { date: '2026-11-22', cost: 43, value: 8000, unitCost: 0.005375 },
];

/** The week before {@link FALLING_DAYS}: $250 for 25,000 requests, $0.01 a request. */
export const FALLING_PREVIOUS: UnitCostTotals = {
  cost: 250,
  value: 25000,
  unitCost: 0.01,
  costWithoutMetric: 0,
  daysWithoutMetric: 0,
};

/**
 * Seven days of requests at $0.0055 each: 50,000 requests for $275, against
 * 40,000 for $200 ($0.005) the week before.
 */
export const RISING_DAYS: UnitCostDay[] = [
  ...eachDay('2026-11-16', '2026-11-20').map(date => ({
    date,
    cost: 38.5,
    value: 7000,
    unitCost: 0.0055,
  })),
  { date: '2026-11-21', cost: 41.25, value: 7500, unitCost: 0.0055 },
  { date: '2026-11-22', cost: 41.25, value: 7500, unitCost: 0.0055 },
];

export const RISING_PREVIOUS: UnitCostTotals = {
  cost: 200,
  value: 40000,
  unitCost: 0.005,
  costWithoutMetric: 0,
  daysWithoutMetric: 0,
};

/** Totals of days as the API computes them: the unit cost over the days with a value. */
export function totalsOf(days: UnitCostDay[], per = 1): UnitCostTotals {
  const withValue = days.filter(day => day.value !== null);
  const cost = micro(days.reduce((sum, day) => sum + day.cost, 0));
  const costWithValue = micro(
    withValue.reduce((sum, day) => sum + day.cost, 0),
  );
  const value =
    withValue.length > 0
      ? withValue.reduce((sum, day) => sum + (day.value ?? 0), 0)
      : null;
  return {
    cost,
    value,
    unitCost: value ? micro((costWithValue / value) * per) : null,
    costWithoutMetric: micro(cost - costWithValue),
    daysWithoutMetric: days.length - withValue.length,
  };
}

function relativeChange(current: number | null, previous: number | null) {
  return current === null || previous === null || previous === 0
    ? null
    : micro((current - previous) / previous);
}

/** Options of {@link makeUnitCosts}; totals and changes follow from `daily` and `previous`. */
export type UnitCostsFixture = Partial<
  Omit<UnitCostsResponse, 'total' | 'change'>
>;

/**
 * `GET /unit-costs` of the query rewriter, consistent in itself: totals and
 * changes are computed from `daily` and `previous`. By default the week of
 * {@link FALLING_DAYS}: volume +60%, unit cost -35%.
 */
export function makeUnitCosts(
  fixture: UnitCostsFixture = {},
): UnitCostsResponse {
  const daily = fixture.daily ?? FALLING_DAYS;
  const per = fixture.per ?? 1;
  const previous = fixture.previous ?? FALLING_PREVIOUS;
  const total = totalsOf(daily, per);
  const nextPeriodValue =
    total.value !== null && previous.value
      ? Math.round(total.value * (total.value / previous.value))
      : null;
  return {
    entityRef: 'component:default/query-rewriter',
    metric: 'requests',
    unit: 'requests',
    metricFrom: 'default',
    builtIn: true,
    currency: 'USD',
    from: daily[0]?.date ?? '2026-11-16',
    to: daily[daily.length - 1]?.date ?? '2026-11-22',
    daily,
    forecast:
      nextPeriodValue !== null && total.unitCost !== null
        ? {
            nextPeriodCost: micro((nextPeriodValue * total.unitCost) / per),
            nextPeriodValue,
            basis: 'unit-trend',
            explanation: `${nextPeriodValue} requests expected over the next ${
              daily.length
            } days (no significant trend) at this period's unit cost: $${(
              (nextPeriodValue * total.unitCost) /
              per
            ).toFixed(2)}.`,
          }
        : {
            nextPeriodCost: null,
            nextPeriodValue: null,
            basis: 'none',
            explanation: 'Too few days with a metric value to project.',
          },
    ...fixture,
    per,
    previous,
    total,
    change: {
      cost: relativeChange(total.cost, previous.cost),
      value: relativeChange(total.value, previous.value),
      unitCost: relativeChange(total.unitCost, previous.unitCost),
    },
  };
}

/** `GET /unit-costs` for any window, as the fake API answers: {@link FALLING_DAYS} repeated. */
export function makeUnitCostsFor(request: {
  entityRef: string;
  metric?: string;
  from: string;
  to: string;
}): UnitCostsResponse {
  const metric = request.metric ?? 'requests';
  const info = makeMetrics().metrics.find(m => m.metric === metric);
  const daily = eachDay(request.from, request.to).map((date, index) => ({
    ...FALLING_DAYS[index % FALLING_DAYS.length],
    date,
  }));
  return makeUnitCosts({
    entityRef: request.entityRef,
    metric,
    unit: info?.unit ?? null,
    builtIn: info?.builtIn ?? false,
    metricFrom: request.metric ? 'query' : 'default',
    from: request.from,
    to: request.to,
    daily,
  });
}

/** A rollup item measured by a metric; unit cost and margin follow from cost and value. */
function measured(
  item: Pick<RollupItem, 'key' | 'cost' | 'previousCost' | 'otherValues'> & {
    value: number | null;
    previousValue: number | null;
  },
  money: boolean,
): RollupItem {
  const { value, previousValue, ...rest } = item;
  const margin = value === null ? null : micro(value - item.cost);
  return {
    ...rest,
    metricValue: value,
    previousMetricValue: previousValue,
    unitCost: value ? micro(item.cost / value) : null,
    ...(money
      ? {
          margin,
          marginPercent:
            margin !== null && value !== null && value > 0
              ? micro(margin / value)
              : null,
        }
      : {}),
  };
}

/**
 * `GET /rollup?groupBy=tag:customer&metric=revenue`: items sum to the org's
 * $9,876.54. acme earns $3,800 (76%), globex loses $500 (-25%), initech pays
 * $800 without any spend, umbrella pushes no revenue.
 */
export function makeCustomerEconomics(
  overrides: Partial<RollupResponse> = {},
): RollupResponse {
  return {
    currency: 'USD',
    from: '2026-10-24',
    to: '2026-11-22',
    groupBy: 'tag:customer',
    historyFrom: '2026-06-01',
    total: 9876.54,
    metric: { metric: 'revenue', unit: 'USD', money: true, per: 1 },
    items: [
      {
        ...measured(
          {
            key: null,
            cost: 5475.79,
            previousCost: 5000,
            value: null,
            previousValue: null,
          },
          true,
        ),
        unallocatedCost: 1224.95,
      },
      measured(
        {
          key: 'globex',
          cost: 2500,
          previousCost: 2000,
          value: 2000,
          previousValue: 2100,
        },
        true,
      ),
      measured(
        {
          key: 'acme',
          cost: 1200,
          previousCost: 1000,
          value: 5000,
          previousValue: 4500,
        },
        true,
      ),
      measured(
        {
          key: null,
          otherValues: 12,
          cost: 400.25,
          previousCost: 380,
          value: 1600,
          previousValue: 1500,
        },
        true,
      ),
      measured(
        {
          key: 'umbrella',
          cost: 300.5,
          previousCost: 350,
          value: null,
          previousValue: null,
        },
        true,
      ),
      measured(
        {
          key: 'initech',
          cost: 0,
          previousCost: 0,
          value: 800,
          previousValue: 800,
        },
        true,
      ),
    ],
    unallocated: { cost: 1224.95, items: [] },
    ...overrides,
  };
}

/** `GET /rollup?groupBy=tag:feature&metric=requests`: items sum to $9,876.54. */
export function makeFeatureEconomics(
  overrides: Partial<RollupResponse> = {},
): RollupResponse {
  return {
    currency: 'USD',
    from: '2026-10-24',
    to: '2026-11-22',
    groupBy: 'tag:feature',
    historyFrom: '2026-06-01',
    total: 9876.54,
    metric: { metric: 'requests', unit: 'requests', money: false, per: 1 },
    items: [
      measured(
        {
          key: null,
          cost: 8676.54,
          previousCost: 8000,
          value: 400000,
          previousValue: 380000,
        },
        false,
      ),
      measured(
        {
          key: 'query-expansion',
          cost: 800,
          previousCost: 900,
          value: 100000,
          previousValue: 90000,
        },
        false,
      ),
      measured(
        {
          key: 'spell-fix',
          cost: 400,
          previousCost: 300,
          value: 80000,
          previousValue: 50000,
        },
        false,
      ),
    ],
    unallocated: { cost: 1224.95, items: [] },
    ...overrides,
  };
}

/** The fake API's `GET /rollup` with a metric: customers by revenue, anything else like features. */
export function makeTagEconomicsFor(request: {
  groupBy: RollupResponse['groupBy'];
  metric: string;
  from: string;
  to: string;
}): RollupResponse {
  const { groupBy, metric, from, to } = request;
  if (groupBy === 'tag:customer' && metric === 'revenue') {
    return makeCustomerEconomics({ from, to });
  }
  const info = makeMetrics().metrics.find(m => m.metric === metric);
  const per = metric === 'tokens' ? 1000 : 1;
  const features = makeFeatureEconomics();
  return makeFeatureEconomics({
    groupBy,
    from,
    to,
    metric: { metric, unit: info?.unit ?? null, money: false, per },
    items: features.items.map(item => ({
      ...item,
      unitCost: item.unitCost === null ? null : micro(item.unitCost! * per),
    })),
  });
}

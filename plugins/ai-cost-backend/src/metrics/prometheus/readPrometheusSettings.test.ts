import { ConfigReader } from '@backstage/config';
import { readPrometheusSettings } from './readPrometheusSettings';

const TOKEN = 'prom-token-SECRET-4f2a9c7e';

function read(prometheus: unknown) {
  return readPrometheusSettings(
    new ConfigReader({ aiCost: { metrics: { prometheus } } } as any),
    'USD',
  );
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function source(overrides: Record<string, unknown> = {}) {
  return {
    id: 'prom-prod',
    baseUrl: 'https://prometheus.example.com/',
    queries: [
      {
        metric: 'documents_processed',
        query: 'sum by (service) (increase(documents_processed_total[1d]))',
        entityLabel: 'service',
      },
    ],
    ...overrides,
  };
}

function query(overrides: Record<string, unknown>) {
  return source({
    queries: [
      { metric: 'documents_processed', query: 'up', unit: 'documents' },
      { metric: 'revenue', query: 'sum(revenue)', ...overrides },
    ],
  });
}

describe('readPrometheusSettings', () => {
  it('is empty when aiCost.metrics.prometheus is absent', () => {
    expect(readPrometheusSettings(new ConfigReader({}), 'USD')).toEqual([]);
    expect(
      readPrometheusSettings(
        new ConfigReader({ aiCost: { metrics: {} } }),
        'USD',
      ),
    ).toEqual([]);
  });

  it('reads a source with its defaults', () => {
    expect(read([source()])).toEqual([
      {
        id: 'prom-prod',
        baseUrl: 'https://prometheus.example.com',
        schedule: {
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
        },
        lookbackDays: 7,
        queries: [
          {
            metric: 'documents_processed',
            query: 'sum by (service) (increase(documents_processed_total[1d]))',
            unit: null,
            entityLabel: 'service',
            tagLabels: {},
          },
        ],
      },
    ]);
  });

  it('reads every option, normalizing the entity ref', () => {
    const [settings] = read([
      source({
        token: TOKEN,
        lookbackDays: 30,
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
        queries: [
          {
            metric: 'revenue',
            query: 'sum by (customer_id) (increase(revenue_usd_total[1d]))',
            unit: 'USD',
            entityRef: 'Component:Default/Billing-API',
            tagLabels: { customer: 'customer_id', 'cost-center': 'cc' },
          },
          { metric: 'active_users', query: 'max_over_time(users[1d])' },
        ],
      }),
    ]);
    expect(settings).toEqual({
      id: 'prom-prod',
      baseUrl: 'https://prometheus.example.com',
      token: TOKEN,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      lookbackDays: 30,
      queries: [
        {
          metric: 'revenue',
          query: 'sum by (customer_id) (increase(revenue_usd_total[1d]))',
          unit: 'USD',
          entityRef: 'component:default/billing-api',
          tagLabels: { customer: 'customer_id', 'cost-center': 'cc' },
        },
        {
          metric: 'active_users',
          query: 'max_over_time(users[1d])',
          unit: null,
          tagLabels: {},
        },
      ],
    });
  });

  it.each<[string, unknown, string]>([
    [
      'a list',
      { id: 'x' },
      'aiCost.metrics.prometheus must be a list of Prometheus sources',
    ],
    [
      'an object per source',
      ['x'],
      'aiCost.metrics.prometheus[0] must be an object with id, baseUrl and queries',
    ],
    [
      'an id',
      [source({ id: undefined })],
      'aiCost.metrics.prometheus[0].id is required',
    ],
    [
      'a valid id',
      [source({ id: 'prom prod' })],
      'aiCost.metrics.prometheus[0].id must be letters, digits, ".", "_" or "-" (starting with a letter or digit)',
    ],
    [
      'an id other than push',
      [source({ id: 'push' })],
      'aiCost.metrics.prometheus[0].id must not be "push", the origin of POST /metrics',
    ],
    [
      'unique ids',
      [source(), source()],
      'aiCost.metrics.prometheus[1].id "prom-prod" is already used by aiCost.metrics.prometheus[0]; source ids must be unique',
    ],
    [
      'an http(s) baseUrl',
      [source({ baseUrl: 'ftp://prometheus' })],
      'aiCost.metrics.prometheus[0].baseUrl must be an http(s) URL without credentials (user:password@)',
    ],
    [
      'a baseUrl without credentials',
      [source({ baseUrl: 'https://admin:hunter2@prometheus' })],
      'aiCost.metrics.prometheus[0].baseUrl must be an http(s) URL without credentials (user:password@)',
    ],
    [
      'lookbackDays within 1..90',
      [source({ lookbackDays: 91 })],
      'aiCost.metrics.prometheus[0].lookbackDays must be between 1 and 90',
    ],
    [
      'whole lookbackDays',
      [source({ lookbackDays: 1.5 })],
      'aiCost.metrics.prometheus[0].lookbackDays must be a whole number of days',
    ],
    [
      'queries',
      [source({ queries: [] })],
      'aiCost.metrics.prometheus[0].queries must list at least one query',
    ],
    [
      'no unknown keys',
      [source({ tagKeys: ['x'] })],
      'aiCost.metrics.prometheus[0].tagKeys is not a known setting',
    ],
    [
      'a schedule object',
      [source({ schedule: 'hourly' })],
      'aiCost.metrics.prometheus[0].schedule must be a schedule such as { frequency: { hours: 1 }, timeout: { minutes: 10 } }',
    ],
    [
      'a metric name',
      [query({ metric: '1st' })],
      'aiCost.metrics.prometheus[0].queries[1].metric must be a metric name: a letter, then letters, digits, _ . : or -, at most 128 characters',
    ],
    [
      'a metric that is not built in',
      [query({ metric: 'tokens' })],
      'aiCost.metrics.prometheus[0].queries[1].metric is computed from usage (requests, tokens, customers); pull your own metric under another name',
    ],
    [
      'a query',
      [query({ query: '' })],
      'aiCost.metrics.prometheus[0].queries[1].query must not be empty',
    ],
    [
      'a full entity ref',
      [query({ entityRef: 'billing-api' })],
      'aiCost.metrics.prometheus[0].queries[1].entityRef must be an entity reference such as component:default/my-service',
    ],
    [
      'entityRef or entityLabel, not both',
      [query({ entityRef: 'component:default/a', entityLabel: 'service' })],
      'aiCost.metrics.prometheus[0].queries[1].entityLabel give entityRef or entityLabel, not both',
    ],
    [
      'allocation tag keys in tagLabels',
      [query({ tagLabels: { Customer: 'customer_id' } })],
      'aiCost.metrics.prometheus[0].queries[1].tagLabels.Customer must be lower-case letters, digits, _ . - (e.g. cost-center)',
    ],
    [
      'label names in tagLabels',
      [query({ tagLabels: { customer: '' } })],
      'aiCost.metrics.prometheus[0].queries[1].tagLabels.customer must not be empty',
    ],
    [
      'one unit per metric',
      [query({ metric: 'documents_processed', unit: 'pages' })],
      'aiCost.metrics.prometheus[0].queries[1].unit "pages" differs from the unit "documents" an earlier query states for documents_processed',
    ],
    [
      'money in aiCost.currency',
      [query({ unit: 'EUR' })],
      'aiCost.metrics.prometheus[0].queries[1].unit EUR is a currency other than aiCost.currency (USD); pull revenue in USD',
    ],
  ])('requires %s', (_, prometheus, message) => {
    const error = errorOf(() => read(prometheus));
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(message);
  });

  it('names the key of a bad schedule', () => {
    expect(() =>
      read([source({ schedule: { frequency: { fortnights: 1 } } })]),
    ).toThrow(
      "aiCost.metrics.prometheus[0].schedule Failed to read duration from config at 'frequency', Error: Needs one or more of 'years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'",
    );
  });

  it.each([` ${TOKEN}`, [TOKEN], { value: TOKEN }])(
    'never shows the token (%#)',
    token => {
      const { message } = errorOf(() => read([source({ token })]));
      expect(message).toMatch(/^aiCost\.metrics\.prometheus\[0\]\.token /);
      expect(message).not.toContain(TOKEN);
    },
  );
});

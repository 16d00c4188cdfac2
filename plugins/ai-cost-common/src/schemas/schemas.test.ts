import {
  budgetInputSchema,
  budgetQuerySchema,
  costsQuerySchema,
  describeZodError,
  rollupQuerySchema,
} from '.';

function errorOf(schema: { safeParse(v: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return describeZodError(result.error);
}

describe('REST schemas', () => {
  it('accepts a valid costs query', () => {
    expect(
      costsQuerySchema.parse({
        entityRef: 'component:default/search-api',
        from: '2026-10-01',
        to: '2026-10-31',
      }),
    ).toEqual({
      entityRef: 'component:default/search-api',
      from: '2026-10-01',
      to: '2026-10-31',
    });
  });

  it('names the field for bad dates, malformed refs, reversed and oversized windows', () => {
    expect(
      errorOf(costsQuerySchema, {
        entityRef: 'component:default/x',
        from: '2026-02-30',
        to: '2026-03-01',
      }),
    ).toBe('from: must be a calendar date written as YYYY-MM-DD');
    expect(
      errorOf(costsQuerySchema, {
        entityRef: 'search-api',
        from: '2026-01-01',
        to: '2026-01-02',
      }),
    ).toBe(
      'entityRef: must be an entity reference such as component:default/my-service',
    );
    expect(
      errorOf(costsQuerySchema, {
        entityRef: 'component:default/x',
        from: '2026-03-02',
        to: '2026-03-01',
      }),
    ).toBe('from: must not be after to (2026-03-01)');
    expect(
      errorOf(costsQuerySchema, {
        entityRef: 'component:default/x',
        from: '2020-01-01',
        to: '2026-01-01',
      }),
    ).toBe('to: window must be at most 400 days');
    expect(
      errorOf(costsQuerySchema, {
        entityRef: 'component:default/x',
        from: '9999-12-01',
        to: '9999-12-31',
      }),
    ).toBe(
      'from: must be a day between 1970-01-01 and 2999-12-31; to: must be a day between 1970-01-01 and 2999-12-31',
    );
  });

  it('rejects an unknown groupBy with the allowed values', () => {
    expect(
      errorOf(rollupQuerySchema, {
        groupBy: 'team',
        from: '2026-01-01',
        to: '2026-01-31',
      }),
    ).toBe(
      'groupBy: must be one of owner, system, domain, provider, model, category, or tag:<allocation tag> such as tag:environment',
    );
  });

  it('defaults budget period and thresholds and rejects unknown fields', () => {
    expect(budgetInputSchema.parse({ amount: 2500 })).toEqual({
      amount: 2500,
      period: 'month',
      thresholds: [0.5, 0.8, 1],
    });
    expect(errorOf(budgetInputSchema, { amount: -1 })).toBe(
      'amount: must be greater than 0',
    );
    expect(errorOf(budgetInputSchema, { amount: 10, period: 'week' })).toBe(
      'period: must be one of month, quarter',
    );
    expect(errorOf(budgetInputSchema, { amount: 10, owner: 'me' })).toBe(
      "Unrecognized key(s) in object: 'owner'",
    );
  });

  it('reads a budget scope as <tag>:<value>', () => {
    const entityRef = 'component:default/search-api';
    expect(
      budgetQuerySchema.parse({ entityRef, scope: ' environment : staging ' }),
    ).toEqual({ entityRef, scope: 'environment:staging' });
    expect(budgetQuerySchema.parse({ entityRef })).toEqual({ entityRef });
    expect(errorOf(budgetQuerySchema, { entityRef, scope: 'staging' })).toBe(
      'scope: must be <tag>:<value>, e.g. environment:staging',
    );
  });
});

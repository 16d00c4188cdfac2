import { meetsAnomalyThreshold, resolveAnomalyThreshold } from './thresholds';

const M = 1_000_000;

describe('meetsAnomalyThreshold', () => {
  // Expected $100 over the anomaly's days, actual $160: impact $60, +60%.
  const anomaly = { expected: 100 * M, actual: 160 * M };

  it('raises everything without a threshold', () => {
    expect(meetsAnomalyThreshold(anomaly, undefined)).toBe(true);
    expect(meetsAnomalyThreshold(anomaly, {})).toBe(true);
  });

  it('drops an impact below the minimum amount, keeps one at it', () => {
    expect(meetsAnomalyThreshold(anomaly, { minImpactMicros: 60 * M })).toBe(
      true,
    );
    expect(
      meetsAnomalyThreshold(anomaly, { minImpactMicros: 60 * M + 1 }),
    ).toBe(false);
  });

  it('drops an impact below the minimum percent of expected, keeps one at it', () => {
    expect(meetsAnomalyThreshold(anomaly, { minImpactPercent: 60 })).toBe(true);
    expect(meetsAnomalyThreshold(anomaly, { minImpactPercent: 60.5 })).toBe(
      false,
    );
  });

  it('needs both parts when both are given', () => {
    // $60 ≥ $50 but 60% < 70%.
    expect(
      meetsAnomalyThreshold(anomaly, {
        minImpactMicros: 50 * M,
        minImpactPercent: 70,
      }),
    ).toBe(false);
    // 60% ≥ 30% but $60 < $80.
    expect(
      meetsAnomalyThreshold(anomaly, {
        minImpactMicros: 80 * M,
        minImpactPercent: 30,
      }),
    ).toBe(false);
    expect(
      meetsAnomalyThreshold(anomaly, {
        minImpactMicros: 50 * M,
        minImpactPercent: 30,
      }),
    ).toBe(true);
  });

  it('lets new spend (nothing expected) meet any percentage', () => {
    expect(
      meetsAnomalyThreshold(
        { expected: 0, actual: 20 * M },
        { minImpactPercent: 1000 },
      ),
    ).toBe(true);
    expect(
      meetsAnomalyThreshold(
        { expected: 0, actual: 20 * M },
        { minImpactMicros: 50 * M },
      ),
    ).toBe(false);
  });
});

describe('resolveAnomalyThreshold', () => {
  const base = {
    entityRef: 'component:default/search',
    defaults: { minImpactMicros: 10 * M },
    currency: 'USD',
  };

  it('prefers the portal, then the annotation, then the default', () => {
    expect(
      resolveAnomalyThreshold({
        ...base,
        portal: { minImpactPercent: 5 },
        annotation: '50 USD, 30%',
      }),
    ).toEqual({ threshold: { minImpactPercent: 5, source: 'portal' } });
    expect(
      resolveAnomalyThreshold({ ...base, annotation: '50 USD, 30%' }),
    ).toEqual({
      threshold: {
        minImpactMicros: 50 * M,
        minImpactPercent: 30,
        source: 'annotation',
      },
    });
    expect(resolveAnomalyThreshold({ ...base, annotation: '12.5' })).toEqual({
      threshold: { minImpactMicros: 12_500_000, source: 'annotation' },
    });
    expect(resolveAnomalyThreshold(base)).toEqual({
      threshold: { minImpactMicros: 10 * M, source: 'default' },
    });
  });

  it('ignores an annotation in another currency, with a problem', () => {
    expect(resolveAnomalyThreshold({ ...base, annotation: '50 EUR' })).toEqual({
      threshold: { minImpactMicros: 10 * M, source: 'default' },
      problem:
        'ai-cost/anomaly-threshold of component:default/search is in EUR, but costs are reported in USD; the org default applies',
    });
  });

  it('ignores an unreadable annotation, with a problem naming the part', () => {
    const { threshold, problem } = resolveAnomalyThreshold({
      ...base,
      annotation: '50 USD, lots',
    });
    expect(threshold).toEqual({ minImpactMicros: 10 * M, source: 'default' });
    expect(problem).toContain('ai-cost/anomaly-threshold part "lots"');
  });
});

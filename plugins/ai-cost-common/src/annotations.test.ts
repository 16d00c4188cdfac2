import {
  ALL_ANNOTATIONS,
  AnnotationParseError,
  ANNOTATION_BACKSTAGE_KUBERNETES_NAMESPACE,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_TAGS,
  ANNOTATION_VENDOR,
  CLAIM_ANNOTATIONS,
  parseAllocationTagsAnnotation,
  parseAnomalyThresholdAnnotation,
  formatBudgetScope,
  parseBudgetAnnotation,
  parseBudgetScope,
  parseListAnnotation,
  parseTagsAnnotation,
} from './annotations';

describe('annotations', () => {
  it('reads comma-separated ids, trimming blanks and duplicates', () => {
    expect(parseListAnnotation(' proj_a, proj_b,,proj_a ')).toEqual([
      'proj_a',
      'proj_b',
    ]);
    expect(parseListAnnotation(undefined)).toEqual([]);
  });

  it('reads key=value tags, allowing = inside values', () => {
    expect(parseTagsAnnotation('team=search, cost-center=cc=42')).toEqual([
      { key: 'team', value: 'search' },
      { key: 'cost-center', value: 'cc=42' },
    ]);
  });

  it('names the annotation and the item for a bad tag', () => {
    expect(() =>
      parseTagsAnnotation('team=search,oops', 'ai-cost/aws-tags'),
    ).toThrow(
      new AnnotationParseError(
        'Invalid ai-cost/aws-tags item "oops": expected key=value',
      ),
    );
    expect(() => parseTagsAnnotation('=x', 'ai-cost/gcp-labels')).toThrow(
      'Invalid ai-cost/gcp-labels item "=x": expected key=value',
    );
  });

  it('knows ai-cost/vendor, which approves AI vendors and claims nothing', () => {
    expect(ANNOTATION_VENDOR).toBe('ai-cost/vendor');
    expect(ALL_ANNOTATIONS).toContain(ANNOTATION_VENDOR);
    expect(CLAIM_ANNOTATIONS.map(a => a.annotation)).not.toContain(
      ANNOTATION_VENDOR,
    );
  });

  it('reads allocation tags, allowing = inside values', () => {
    expect(ANNOTATION_TAGS).toBe('ai-cost/tags');
    expect(ALL_ANNOTATIONS).toContain('ai-cost/tags');
    expect(
      parseAllocationTagsAnnotation(
        ' environment=production, feature = checkout,cost-center=cc=42',
      ),
    ).toEqual({
      tags: {
        environment: 'production',
        feature: 'checkout',
        'cost-center': 'cc=42',
      },
      problems: [],
    });
    expect(parseAllocationTagsAnnotation('')).toEqual({
      tags: {},
      problems: [],
    });
  });

  it('names each bad allocation tag pair and keeps the good ones', () => {
    expect(
      parseAllocationTagsAnnotation(
        'environment=production, oops, Feature=checkout, =x, customer=, team_1.a-b=ok',
      ),
    ).toEqual({
      tags: { environment: 'production', 'team_1.a-b': 'ok' },
      problems: [
        'Invalid ai-cost/tags item "oops": expected key=value',
        'Invalid ai-cost/tags key "Feature": use lower-case letters, digits, _ . -',
        'Invalid ai-cost/tags item "=x": expected key=value',
        'Invalid ai-cost/tags item "customer=": expected key=value',
      ],
    });
  });

  it('reads monthly budgets with and without currency', () => {
    expect(parseBudgetAnnotation('2500')).toEqual({ amount: 2500 });
    expect(parseBudgetAnnotation(' 2500.50 usd ')).toEqual({
      amount: 2500.5,
      currency: 'USD',
    });
    expect(parseBudgetAnnotation(undefined)).toBeUndefined();
    expect(() => parseBudgetAnnotation('lots')).toThrow(
      'Invalid ai-cost/monthly-budget "lots": expected an amount such as "2500" or "2500 USD"',
    );
    expect(() => parseBudgetAnnotation('-5')).toThrow(AnnotationParseError);
  });

  it('reads budgets scoped to one allocation tag value beside the overall one', () => {
    expect(
      parseBudgetAnnotation(
        '2500 USD, staging=300 USD, environment:production=1500.5, customer:acme=100 usd',
      ),
    ).toEqual({
      amount: 2500,
      currency: 'USD',
      scoped: [
        { scope: 'environment:staging', amount: 300, currency: 'USD' },
        { scope: 'environment:production', amount: 1500.5 },
        { scope: 'customer:acme', amount: 100, currency: 'USD' },
      ],
    });
    expect(parseBudgetAnnotation('staging=300, 2500')).toEqual({
      amount: 2500,
      scoped: [{ scope: 'environment:staging', amount: 300 }],
    });
  });

  it('names the bad part of a scoped budget annotation', () => {
    const value = (v: string) => () => parseBudgetAnnotation(v);
    expect(value('2500, staging=lots')).toThrow(
      'Invalid ai-cost/monthly-budget part "staging=lots" in "2500, staging=lots": expected an amount such as "2500" or "2500 USD" after "="',
    );
    expect(value('2500, Env:staging=3')).toThrow(
      'Invalid ai-cost/monthly-budget part "Env:staging=3" in "2500, Env:staging=3": expected a scope such as "staging=300 USD" or "environment:staging=300 USD"',
    );
    expect(value('2500, =3')).toThrow('part "=3"');
    expect(value('2500, 300')).toThrow(
      'part "300" in "2500, 300": the overall amount is given twice',
    );
    expect(value('2500, staging=1, environment:staging=2')).toThrow(
      'part "environment:staging=2" in "2500, staging=1, environment:staging=2": the budget of environment:staging is given twice',
    );
    expect(value('staging=300 USD')).toThrow(
      'Invalid ai-cost/monthly-budget "staging=300 USD": the overall amount is missing, e.g. "2500 USD, staging=300 USD"',
    );
  });

  it('reads budget scopes, bare values only where allowed', () => {
    expect(parseBudgetScope('environment:staging')).toEqual({
      tagKey: 'environment',
      value: 'staging',
    });
    expect(parseBudgetScope('staging')).toBeUndefined();
    expect(parseBudgetScope(' staging ', { allowBare: true })).toEqual({
      tagKey: 'environment',
      value: 'staging',
    });
    expect(parseBudgetScope('environment:')).toBeUndefined();
    expect(parseBudgetScope('Env:x')).toBeUndefined();
    expect(formatBudgetScope({ tagKey: 'customer', value: 'acme' })).toBe(
      'customer:acme',
    );
  });

  it('reads the anomaly threshold, either part optional', () => {
    expect(parseAnomalyThresholdAnnotation('50 USD, 30%')).toEqual({
      minImpact: 50,
      currency: 'USD',
      minImpactPercent: 30,
    });
    expect(parseAnomalyThresholdAnnotation('50')).toEqual({ minImpact: 50 });
    expect(parseAnomalyThresholdAnnotation(' 30 % ')).toEqual({
      minImpactPercent: 30,
    });
    expect(parseAnomalyThresholdAnnotation('12.5, 30%')).toEqual({
      minImpact: 12.5,
      minImpactPercent: 30,
    });
    expect(parseAnomalyThresholdAnnotation('30%, 50 eur')).toEqual({
      minImpact: 50,
      currency: 'EUR',
      minImpactPercent: 30,
    });
    expect(parseAnomalyThresholdAnnotation(undefined)).toBeUndefined();
    expect(parseAnomalyThresholdAnnotation('  ')).toBeUndefined();
  });

  it('names the annotation and the bad part of an anomaly threshold', () => {
    expect(() => parseAnomalyThresholdAnnotation('50 USD, lots')).toThrow(
      new AnnotationParseError(
        'Invalid ai-cost/anomaly-threshold part "lots" in "50 USD, lots": expected an amount such as "50" or "50 USD" and/or a percentage such as "30%"',
      ),
    );
    expect(() => parseAnomalyThresholdAnnotation('-5')).toThrow('part "-5"');
    expect(() => parseAnomalyThresholdAnnotation('10%, 20%')).toThrow(
      'part "20%" in "10%, 20%": the percentage is given twice',
    );
    expect(() => parseAnomalyThresholdAnnotation('5, 6')).toThrow(
      'the amount is given twice',
    );
    expect(() => parseAnomalyThresholdAnnotation('2000%')).toThrow(
      'a percentage must be 0–1000%',
    );
    expect(() => parseAnomalyThresholdAnnotation('1, 2%, 3')).toThrow(
      'part "3"',
    );
    expect(() => parseAnomalyThresholdAnnotation('50,')).toThrow('part ""');
  });

  it('ranks api keys above projects above accounts and tags', () => {
    const specificity = Object.fromEntries(
      CLAIM_ANNOTATIONS.map(a => [a.annotation, a.specificity]),
    );
    expect(specificity['ai-cost/openai-api-key-id']).toBeGreaterThan(
      specificity['ai-cost/openai-project-id'],
    );
    expect(specificity['ai-cost/anthropic-workspace-id']).toBeGreaterThan(
      specificity['ai-cost/aws-account-id'],
    );
    expect(specificity['ai-cost/azure-resource-id']).toBe(2);
    expect(specificity['ai-cost/gateway-tags']).toBe(1);
  });

  it("claims Kubernetes workloads by Backstage's own annotations and namespaces", () => {
    expect(ANNOTATION_KUBERNETES_ID).toBe('backstage.io/kubernetes-id');
    expect(ANNOTATION_KUBERNETES_NAMESPACE).toBe(
      'ai-cost/kubernetes-namespace',
    );
    expect(ANNOTATION_BACKSTAGE_KUBERNETES_NAMESPACE).toBe(
      'backstage.io/kubernetes-namespace',
    );
    expect(CLAIM_ANNOTATIONS.filter(a => a.provider === 'kubernetes')).toEqual([
      {
        annotation: 'backstage.io/kubernetes-id',
        provider: 'kubernetes',
        dimension: 'projectId',
        specificity: 2,
        format: 'list',
      },
      {
        annotation: 'ai-cost/kubernetes-namespace',
        provider: 'kubernetes',
        dimension: 'accountId',
        specificity: 1,
        format: 'list',
      },
      {
        annotation: 'backstage.io/kubernetes-namespace',
        provider: 'kubernetes',
        dimension: 'accountId',
        specificity: 1,
        format: 'list',
        unlessAnnotation: 'backstage.io/kubernetes-id',
      },
    ]);
    expect(ALL_ANNOTATIONS).toEqual(
      expect.arrayContaining([
        'backstage.io/kubernetes-id',
        'ai-cost/kubernetes-namespace',
        'backstage.io/kubernetes-namespace',
      ]),
    );
  });
});

import { AllocationPolicy, readAllocationSettings } from '../allocation';
import { resolveBudgets } from './resolveBudget';

const SVC = 'component:default/svc';
const tags = new AllocationPolicy(readAllocationSettings());

describe('resolveBudgets', () => {
  const resolve = (annotation?: string, stored: any[] = []) =>
    resolveBudgets({
      entityRef: SVC,
      stored,
      annotation,
      currency: 'USD',
      tags,
    });

  const annotated = (amount: number, scope?: string) => ({
    entityRef: SVC,
    ...(scope ? { scope } : {}),
    amount,
    currency: 'USD',
    period: 'month',
    thresholds: [0.5, 0.8, 1],
    source: 'annotation',
  });

  it('reads the overall and scoped amounts of the annotation, canonical values in their scope', () => {
    expect(
      resolve(
        '2500 USD, customer:acme=100.25, stg=300 USD, environment:prod=1500',
      ),
    ).toEqual({
      budgets: [
        annotated(2_500_000_000),
        annotated(100_250_000, 'customer:acme'),
        annotated(1_500_000_000, 'environment:production'),
        annotated(300_000_000, 'environment:staging'),
      ],
      problems: [],
    });
  });

  it('lets a portal budget win over the annotation for its own scope only', () => {
    const portal = {
      entityRef: SVC,
      scope: 'environment:staging',
      amount: 450_000_000,
      currency: 'USD',
      period: 'quarter' as const,
      thresholds: [1],
      updatedBy: 'user:default/alice',
      updatedAt: '2026-12-01T10:00:00.000Z',
    };
    expect(resolve('2500, staging=300', [portal]).budgets).toEqual([
      annotated(2_500_000_000),
      { ...portal, source: 'portal' },
    ]);
  });

  it('ignores the parts it cannot use, saying why, and keeps the others', () => {
    expect(resolve('2500 USD, region:eu=100, staging=300 EUR')).toEqual({
      budgets: [annotated(2_500_000_000)],
      problems: [
        'ai-cost/monthly-budget of component:default/svc: scope: "region" is not an allocation tag; use one of environment, feature, customer; the budget is ignored',
        'ai-cost/monthly-budget of component:default/svc for environment:staging is in EUR, but costs are reported in USD; the budget is ignored',
      ],
    });
    expect(resolve('2500, staging=lots')).toEqual({
      budgets: [],
      problems: [
        'Invalid ai-cost/monthly-budget part "staging=lots" in "2500, staging=lots": expected an amount such as "2500" or "2500 USD" after "="',
      ],
    });
  });
});

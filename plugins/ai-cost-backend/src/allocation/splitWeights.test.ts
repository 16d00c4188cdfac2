import { allocateMicros } from '@ai-cost/plugin-ai-cost-common';
import { splitWeights } from './splitWeights';
import type { SplitRule } from './types';

const rule = (method: SplitRule['method'], extra: Partial<SplitRule> = {}) =>
  ({
    kind: 'split',
    id: 'r',
    source: 'config',
    match: {},
    method,
    targets: ['group:default/a', 'group:default/b', 'group:default/c'],
    ...extra,
  } as SplitRule);

const direct: Record<string, number> = {
  'group:default/a': 3_000_000,
  'group:default/b': 1_000_000,
  'group:default/c': 0,
};

describe('splitWeights', () => {
  it('weighs every target alike for an even split', () => {
    expect(splitWeights(rule('even'), () => 5)).toEqual({
      weights: [1, 1, 1],
      fellBackToEven: false,
    });
  });

  it('uses the rule weights for a fixed split', () => {
    expect(
      splitWeights(rule('fixed', { weights: [70, 20, 10] }), () => 0),
    ).toEqual({ weights: [70, 20, 10], fellBackToEven: false });
  });

  it('weighs each target by its own direct spend for a proportional split', () => {
    expect(splitWeights(rule('proportional'), ref => direct[ref])).toEqual({
      weights: [3_000_000, 1_000_000, 0],
      fellBackToEven: false,
    });
  });

  it('counts credits as no spend, and falls back to even without spend', () => {
    expect(
      splitWeights(rule('proportional'), ref =>
        ref === 'group:default/a' ? -500 : 200,
      ),
    ).toEqual({ weights: [0, 200, 200], fellBackToEven: false });
    expect(splitWeights(rule('proportional'), () => 0)).toEqual({
      weights: [1, 1, 1],
      fellBackToEven: true,
    });
  });

  it('weighs each target by its metric value for a metric split, even when nobody has one', () => {
    const documents: Record<string, number> = {
      'group:default/a': 2_500_000,
      'group:default/b': 0,
      'group:default/c': 500_000,
    };
    const metric = rule('metric', { metric: 'documents' });
    expect(splitWeights(metric, ref => documents[ref])).toEqual({
      weights: [2_500_000, 0, 500_000],
      fellBackToEven: false,
    });
    expect(splitWeights(metric, () => 0)).toEqual({
      weights: [1, 1, 1],
      fellBackToEven: true,
    });
  });

  it('weighs each target group by its member count for a members split, 3 and 1 → 75/25', () => {
    const members: Record<string, number> = {
      'group:default/a': 3,
      'group:default/b': 1,
    };
    const split = rule('members', {
      targets: ['group:default/a', 'group:default/b'],
    });
    const { weights, fellBackToEven } = splitWeights(
      split,
      ref => members[ref] ?? 0,
    );
    expect({ weights, fellBackToEven }).toEqual({
      weights: [3, 1],
      fellBackToEven: false,
    });
    expect(allocateMicros(1_000_001, weights)).toEqual([750_001, 250_000]);
    expect(splitWeights(split, () => 0)).toEqual({
      weights: [1, 1],
      fellBackToEven: true,
    });
  });
});

import { byTag, sharedCosts, sumByTag, tagItems } from './tagBreakdowns';

describe('tag breakdowns', () => {
  it('folds the values past the top ones into one item and keeps spend without a value apart', () => {
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => ({
        allocationTags: JSON.stringify({ customer: `c${i}` }),
        cost: (i + 1) * 1_000_000,
      })),
      { allocationTags: '{}', cost: 250_000 },
    ];
    const costs = sumByTag(rows, ['customer']).get('customer')!;
    expect(tagItems(costs, 2)).toEqual([
      { value: 'c4', cost: 5 },
      { value: 'c3', cost: 4 },
      { value: null, cost: 6, otherValues: 3 },
      { value: null, cost: 0.25 },
    ]);
    // Every tag adds up to the same total.
    const all = byTag(rows, ['customer', 'environment']);
    const sum = (items: Array<{ cost: number }>) =>
      Math.round(items.reduce((s, i) => s + i.cost * 1e6, 0));
    expect(sum(all.customer)).toBe(15_250_000);
    expect(all.environment).toEqual([{ value: null, cost: 15.25 }]);
  });

  it('gives each rule the entity share of everything it split', () => {
    expect(
      sharedCosts(
        [
          { splitRuleId: '', splitMethod: '', cost: 9 },
          { splitRuleId: 'r1', splitMethod: 'fixed', cost: 700_000 },
          { splitRuleId: 'r2', splitMethod: 'even', cost: 1 },
        ],
        new Map([
          ['r1', 1_000_000],
          ['r2', 3],
        ]),
      ),
    ).toEqual([
      { ruleId: 'r1', method: 'fixed', share: 0.7, cost: 0.7 },
      { ruleId: 'r2', method: 'even', share: 0.3333, cost: 0.000001 },
    ]);
  });
});

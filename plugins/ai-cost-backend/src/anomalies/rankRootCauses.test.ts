import type { BreakdownRow } from './breakdowns';
import { rankRootCauses } from './rankRootCauses';

const rows = (
  entries: Array<[BreakdownRow['dimension'], string, number]>,
): BreakdownRow[] =>
  entries.map(([dimension, key, cost]) => ({ dimension, key, cost }));

describe('rankRootCauses', () => {
  const baseline = rows([
    ['model', 'a', 100],
    ['model', 'b', 50],
    ['provider', 'p', 150],
    ['apiKey', 'k1', 100],
    ['apiKey', 'k2', 50],
  ]);
  const window = rows([
    ['model', 'a', 500],
    ['model', 'b', 30],
    ['provider', 'p', 530],
    ['apiKey', 'k1', 480],
    ['apiKey', 'k2', 50],
  ]);

  it('ranks by $ contribution, most specific first among near ties', () => {
    // Contributions: model a +400, provider p +380, key k1 +380, model b −20.
    // Tolerance 5% × 400 = 20: a, p and k1 tie; relative change a 4.0,
    // k1 3.8, p 2.53. Model b moved the other way and is left out.
    // Shares per dimension: model a 400/400; key k1 380/380; provider 380/380.
    expect(rankRootCauses({ window, baseline })).toEqual([
      {
        dimension: 'model',
        key: 'a',
        expected: 100,
        actual: 500,
        contribution: 400,
        share: 1,
      },
      {
        dimension: 'apiKey',
        key: 'k1',
        expected: 100,
        actual: 480,
        contribution: 380,
        share: 1,
      },
      {
        dimension: 'provider',
        key: 'p',
        expected: 150,
        actual: 530,
        contribution: 380,
        share: 1,
      },
    ]);
  });

  it('splits shares within a dimension and puts a new key first', () => {
    const causes = rankRootCauses({
      window: rows([
        ['model', 'a', 130],
        ['model', 'new', 100],
        ['tokenType', 'input', 140],
        ['tokenType', 'output', 90],
      ]),
      baseline: rows([
        ['model', 'a', 30],
        ['tokenType', 'input', 20],
        ['tokenType', 'output', 10],
      ]),
    });
    // model new +100 (new), model a +100 (×4.3): a tie the new key wins.
    // tokenType input +120 of +200; output +80.
    expect(
      causes.map(c => [c.dimension, c.key, c.contribution, c.share]),
    ).toEqual([
      ['tokenType', 'input', 120, 0.6],
      ['model', 'new', 100, 0.5],
      ['model', 'a', 100, 0.5],
      ['tokenType', 'output', 80, 0.4],
    ]);
  });

  it('sums duplicate rows, limits the list and explains decreases', () => {
    const causes = rankRootCauses(
      {
        window: rows([
          ['child', 'c1', 10],
          ['child', 'c1', 10],
          ['child', 'c2', 5],
          ['child', 'c3', 100],
        ]),
        baseline: rows([
          ['child', 'c1', 100],
          ['child', 'c2', 50],
          ['child', 'c3', 90],
        ]),
      },
      { direction: 'decrease', limit: 1 },
    );
    // c1 −80 of −125 total decrease; c2 −45; c3 went up.
    expect(causes).toEqual([
      {
        dimension: 'child',
        key: 'c1',
        expected: 100,
        actual: 20,
        contribution: -80,
        share: 80 / 125,
      },
    ]);
  });

  it('gives shares of the anomaly impact when told it, so they match the headline', () => {
    // impact = 530 − 150 = 380; model a rose 400 while b fell 20: a is
    // 400 / 380 of the increase, not the 100% of the dimension's rises.
    const [first] = rankRootCauses({ window, baseline }, { impact: 380 });
    expect(first).toMatchObject({ dimension: 'model', key: 'a' });
    expect(first.share).toBeCloseTo(400 / 380, 12);
    const [plain] = rankRootCauses({ window, baseline });
    expect(plain.share).toBe(1);
  });
});

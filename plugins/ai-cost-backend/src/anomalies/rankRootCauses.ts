import type { BreakdownRow, RootCauseDimension } from './breakdowns';

/** One ranked explanation of an anomaly; money in integer micro-units. */
export interface RootCause {
  dimension: RootCauseDimension;
  key: string;
  /** Baseline spend of this key over the window. */
  expected: number;
  /** Spend of this key in the window. */
  actual: number;
  /** actual − expected. */
  contribution: number;
  /**
   * contribution / the anomaly's impact when given (see
   * {@link RootCauseOptions.impact}), else / the dimension's total change in
   * the anomaly's direction (0..1). Shares are per dimension: shares of
   * different dimensions describe the same money (a model's spike is also
   * its provider's) and must not be added.
   */
  share: number;
}

/** Tuning of {@link rankRootCauses}. */
export interface RootCauseOptions {
  /** Most causes returned. Default 5. */
  limit?: number;
  /**
   * The anomaly's actual − expected: shares are of it, so that a cause is
   * "x% of the increase" the anomaly's headline shows. With a baseline
   * scaled to the anomaly's expected (`scaleBaseline`) each dimension's
   * contributions add up to it; a key that moved the other way can take a
   * share above 1 from the others.
   */
  impact?: number;
  /** Explain an increase (default) or a decrease. */
  direction?: 'increase' | 'decrease';
  /**
   * Contributions within this fraction of the largest dimension change of
   * each other are a tie, broken in favour of the more specific cause.
   * Default 0.05.
   */
  tieTolerance?: number;
}

/** Most specific first; breaks ties that relative change leaves. */
const SPECIFICITY: RootCauseDimension[] = [
  'model',
  'apiKey',
  'tokenType',
  'child',
  'provider',
];

function sumByKey(rows: readonly BreakdownRow[]): Map<string, BreakdownRow> {
  const sums = new Map<string, BreakdownRow>();
  for (const row of rows) {
    const id = `${row.dimension}\u0000${row.key}`;
    const existing = sums.get(id);
    if (existing) existing.cost += row.cost;
    else sums.set(id, { ...row });
  }
  return sums;
}

/**
 * Ranks the keys that explain an anomaly by their $ contribution
 * (window spend − baseline spend) in the anomaly's direction, across all
 * dimensions, returning up to `limit` (5).
 *
 * `window` is the spend of each dimension key over the anomalous window;
 * `baseline` the expected spend of the same keys over the window (see
 * `baselineBreakdown`: the per-day average of the baseline days). Keys that
 * moved the other way are left out.
 *
 * The same money shows up in every dimension (a spike on one model is also a
 * spike on its provider and its api key), so contributions that tie within
 * `tieTolerance` are ordered by relative change (contribution / expected; a
 * key new in the window counts as infinite), then model, apiKey, tokenType,
 * child, provider: the most specific explanation comes first.
 */
export function rankRootCauses(
  breakdowns: {
    window: readonly BreakdownRow[];
    baseline: readonly BreakdownRow[];
  },
  options: RootCauseOptions = {},
): RootCause[] {
  const limit = options.limit ?? 5;
  const sign = options.direction === 'decrease' ? -1 : 1;
  const tieTolerance = options.tieTolerance ?? 0.05;
  const actual = sumByKey(breakdowns.window);
  const expected = sumByKey(breakdowns.baseline);

  const candidates: RootCause[] = [];
  const dimensionChange = new Map<RootCauseDimension, number>();
  for (const id of new Set([...actual.keys(), ...expected.keys()])) {
    const row = (actual.get(id) ?? expected.get(id))!;
    const a = actual.get(id)?.cost ?? 0;
    const e = expected.get(id)?.cost ?? 0;
    const contribution = a - e;
    if (sign * contribution <= 0) continue;
    dimensionChange.set(
      row.dimension,
      (dimensionChange.get(row.dimension) ?? 0) + sign * contribution,
    );
    candidates.push({
      dimension: row.dimension,
      key: row.key,
      expected: e,
      actual: a,
      contribution,
      share: 0,
    });
  }
  for (const cause of candidates) {
    cause.share = options.impact
      ? cause.contribution / options.impact
      : (sign * cause.contribution) / dimensionChange.get(cause.dimension)!;
  }

  const tolerance = tieTolerance * Math.max(0, ...dimensionChange.values());
  const relativeChange = (c: RootCause) =>
    c.expected === 0
      ? Infinity
      : Math.abs(c.contribution) / Math.abs(c.expected);
  const bySpecificity = (a: RootCause, b: RootCause) =>
    relativeChange(b) - relativeChange(a) ||
    SPECIFICITY.indexOf(a.dimension) - SPECIFICITY.indexOf(b.dimension) ||
    a.key.localeCompare(b.key);

  // Greedy tie groups over the contributions, largest first.
  const byContribution = [...candidates].sort(
    (a, b) => sign * (b.contribution - a.contribution) || bySpecificity(a, b),
  );
  const ranked: RootCause[] = [];
  for (let i = 0; i < byContribution.length; ) {
    const anchor = Math.abs(byContribution[i].contribution);
    let j = i + 1;
    while (
      j < byContribution.length &&
      anchor - Math.abs(byContribution[j].contribution) <= tolerance
    ) {
      j++;
    }
    ranked.push(...byContribution.slice(i, j).sort(bySpecificity));
    i = j;
  }
  return ranked.slice(0, limit);
}

import type { SplitRule } from './types';

/**
 * The weight of each target of a split rule (aligned with `rule.targets`), to
 * divide its spend by largest remainder. `proportional` weighs each target by
 * its own direct spend that day (micro-units; credits count as 0), `metric`
 * by its value of the rule's metric that day, `members` by the number of
 * catalog Users whose `memberOf` names the target group; when no target has
 * any, the split falls back to even.
 */
export function splitWeights(
  rule: SplitRule,
  measure: (entityRef: string) => number,
): { weights: number[]; fellBackToEven: boolean } {
  const even = () => rule.targets.map(() => 1);
  if (rule.method === 'fixed') {
    if (!rule.weights || rule.weights.length !== rule.targets.length) {
      throw new Error(
        `Split rule ${rule.id} needs one weight per target for a fixed split`,
      );
    }
    return { weights: [...rule.weights], fellBackToEven: false };
  }
  if (
    rule.method === 'proportional' ||
    rule.method === 'metric' ||
    rule.method === 'members'
  ) {
    const weights = rule.targets.map(ref => Math.max(0, measure(ref)));
    if (weights.some(weight => weight > 0)) {
      return { weights, fellBackToEven: false };
    }
    return { weights: even(), fellBackToEven: true };
  }
  return { weights: even(), fellBackToEven: false };
}

import type {
  AllocationRuleState,
  SplitRuleView,
  VirtualTagRuleView,
} from '@ai-cost/plugin-ai-cost-common';
import type { AllocationRule, SplitRule, VirtualTagRule } from './types';

type RuleBody<T> = Omit<T, keyof AllocationRuleState>;

/** A virtual-tag rule as written in config. */
export function virtualTagBody(
  rule: VirtualTagRule,
): RuleBody<VirtualTagRuleView> {
  return {
    kind: 'virtualTag',
    tag: rule.tag,
    ...(rule.value !== undefined ? { value: rule.value } : {}),
    ...(rule.valueFrom !== undefined ? { valueFrom: rule.valueFrom } : {}),
    match: rule.match,
  };
}

/** A split rule as written in config: fixed weights as `shares`, other methods' `targets`. */
export function splitBody(rule: SplitRule): RuleBody<SplitRuleView> {
  return {
    kind: 'split',
    match: rule.match,
    method: rule.method,
    ...(rule.method === 'fixed'
      ? {
          shares: Object.fromEntries(
            rule.targets.map((target, i) => [target, rule.weights![i]]),
          ),
        }
      : { targets: rule.targets }),
    ...(rule.metric !== undefined ? { metric: rule.metric } : {}),
  };
}

/** The providers a rule can move spend of; undefined when it may match any. */
export function providersOf(rule: AllocationRule): string[] | undefined {
  const provider = rule.match.provider;
  return provider !== undefined && !provider.includes('*')
    ? [provider]
    : undefined;
}

import type {
  SplitRuleView,
  VirtualTagRuleView,
} from '@ai-cost/plugin-ai-cost-common';
import { formatNumber } from '../../utils/format';

/** A rule of `GET /allocation/rules`. */
export type AllocationRuleView = VirtualTagRuleView | SplitRuleView;

/** `{ provider: openai }` → `['provider=openai']`. */
export function matchChips(match: Record<string, string>): string[] {
  return Object.entries(match).map(([key, value]) => `${key}=${value}`);
}

const methodLabels: Record<SplitRuleView['method'], string> = {
  even: 'Split evenly',
  fixed: 'Split by fixed weights',
  proportional: 'Split by direct spend',
  metric: 'Split by metric',
  members: 'Split by group members',
};

/** What a rule does, e.g. `environment = staging` or `Split evenly among …`. */
export function ruleAction(rule: AllocationRuleView): string {
  if (rule.kind === 'virtualTag') {
    return rule.value !== undefined
      ? `${rule.tag} = ${rule.value}`
      : `${rule.tag} from ${rule.valueFrom}`;
  }
  const method =
    rule.method === 'metric' && rule.metric
      ? `${methodLabels.metric} ${rule.metric}`
      : methodLabels[rule.method];
  const targets = rule.shares
    ? Object.entries(rule.shares).map(
        ([ref, weight]) => `${ref}: ${formatNumber(weight)}`,
      )
    : rule.targets ?? [];
  return `${method} among ${targets.join(', ')}`;
}

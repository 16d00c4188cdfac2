import type { BudgetStatus } from '@ai-cost/plugin-ai-cost-common';
import { aiCostTabLink } from '../notifications/OwnerNotifier';
import type { DigestPeriod } from './digestPeriod';
import type { DigestNotification } from './DigestNotification';
import {
  changeText,
  percent,
  periodName,
  readableDay,
  type MoneyFormat,
} from './digestText';

/** What an owner's digest says, money in micro-units. */
export interface OwnerDigestFacts {
  /** The group or user the digest is about and sent to. */
  entityRef: string;
  title?: string;
  period: DigestPeriod;
  /** Spend of the entity and its descendants in the period, as `/costs` reports it. */
  spend: number;
  previousSpend: number;
  /** The largest direct children's share of `spend`, largest first. */
  contributors: Array<{ entityRef: string; title?: string; cost: number }>;
  /** The budget in force now (micro-units), when the entity has one. */
  budget: {
    state: Exclude<BudgetStatus['state'], 'none'>;
    period: BudgetStatus['period'];
    spent: number;
    amount: number;
  } | null;
  openAnomalies: number;
  /** The open recommendations saving most, largest first. */
  recommendations: Array<{ title: string; monthlySavings: number }>;
  /** Absent when no policy service is wired in. */
  policyViolations?: { count: number; cost: number };
}

/** How many contributors are named; the rest is one "everything else" amount. */
const CONTRIBUTORS = 3;

const BUDGET_STATES: Record<Exclude<BudgetStatus['state'], 'none'>, string> = {
  over: 'over budget',
  'at-risk': 'at risk: the forecast exceeds it',
  ok: 'on track',
};

function contributorsLine(facts: OwnerDigestFacts, money: MoneyFormat) {
  const named = facts.contributors.slice(0, CONTRIBUTORS);
  if (named.length === 0) return undefined;
  const rest =
    facts.spend - named.reduce((sum, contributor) => sum + contributor.cost, 0);
  const parts = named.map(c => `${c.title ?? c.entityRef} ${money(c.cost)}`);
  if (rest !== 0) parts.push(`everything else ${money(rest)}`);
  return `Where it went: ${parts.join(', ')}.`;
}

function budgetLine(facts: OwnerDigestFacts, money: MoneyFormat) {
  const { budget } = facts;
  if (!budget) return 'No budget set.';
  const share =
    budget.amount > 0 ? ` (${percent(budget.spent / budget.amount)})` : '';
  return `Budget: ${money(budget.spent)} of ${money(
    budget.amount,
  )}${share} spent this ${budget.period.period} as of ${readableDay(
    budget.period.asOf,
  )}; ${BUDGET_STATES[budget.state]}.`;
}

function recommendationsLine(facts: OwnerDigestFacts, money: MoneyFormat) {
  if (facts.recommendations.length === 0) return undefined;
  return `Top recommendations: ${facts.recommendations
    .map(r => `${r.title} (saves about ${money(r.monthlySavings)} a month)`)
    .join('; ')}.`;
}

function violationsLine(facts: OwnerDigestFacts, money: MoneyFormat) {
  const violations = facts.policyViolations;
  if (!violations) return undefined;
  return violations.count === 0
    ? 'No model policy violations.'
    : `Model policy violations: ${violations.count} (${money(
        violations.cost,
      )} of spend).`;
}

/**
 * An owner's weekly or monthly digest: what the entity and its descendants
 * spent in the period and how that compares with the period before, where it
 * went, its budget, open anomalies, the best recommendations and policy
 * violations, linking to the entity's AI Cost tab.
 */
export function ownerDigest(
  facts: OwnerDigestFacts,
  money: MoneyFormat,
): DigestNotification {
  const name = facts.title ?? facts.entityRef;
  const kind = facts.period.unit === 'week' ? 'weekly' : 'monthly';
  const lines = [
    `${money(facts.spend)} from ${readableDay(
      facts.period.from,
    )} to ${readableDay(facts.period.to)}, ${changeText(
      facts.spend,
      facts.previousSpend,
      facts.period,
      money,
    )}.`,
    contributorsLine(facts, money),
    budgetLine(facts, money),
    facts.openAnomalies === 0
      ? 'No open anomalies.'
      : `Open anomalies: ${facts.openAnomalies}.`,
    recommendationsLine(facts, money),
    violationsLine(facts, money),
  ];
  return {
    recipient: facts.entityRef,
    topic: `ai-cost-digest-${kind}`,
    scope: `ai-cost:digest:${kind}:${facts.period.from}:${facts.entityRef}`,
    title: `${name} spent ${money(facts.spend)} on AI in ${periodName(
      facts.period,
    )}`,
    description: lines.filter(Boolean).join('\n'),
    link: aiCostTabLink(facts.entityRef),
  };
}

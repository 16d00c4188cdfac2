import type { BudgetStatus } from '@ai-cost/plugin-ai-cost-common';
import type { DigestPeriod } from './digestPeriod';
import type { DigestNotification } from './DigestNotification';
import {
  changeText,
  percent,
  periodName,
  type MoneyFormat,
} from './digestText';

/** What the monthly leadership report says, money in micro-units. */
export interface LeadershipFacts {
  period: DigestPeriod;
  /** Every amount of the month, unallocated included, as `/rollup` reports it. */
  total: number;
  previousTotal: number;
  unallocated: number;
  /** The groups (or users) that own spend directly, largest first, as on the chargeback statement. */
  teams: Array<{ entityRef: string; title?: string; cost: number }>;
  /** The state of every entity's overall budget in force. */
  budgetStates: Array<Exclude<BudgetStatus['state'], 'none'>>;
  openAnomalies: number;
}

const TEAMS = 5;

function share(part: number, total: number): string {
  return total === 0 ? '0.0%' : percent(part / total);
}

function budgetsLine(states: LeadershipFacts['budgetStates']): string {
  const count = (state: LeadershipFacts['budgetStates'][number]) =>
    states.filter(s => s === state).length;
  if (states.length === 0) return 'Budgets: none set.';
  return `Budgets: ${count('over')} over, ${count('at-risk')} at risk, ${count(
    'ok',
  )} on track.`;
}

/**
 * The monthly report for a leadership group: the organisation's AI spend and
 * its change, the teams spending most, budget states, open anomalies and the
 * share nobody owns, linking to the AI Cost page.
 */
export function leadershipReport(
  facts: LeadershipFacts,
  recipient: string,
  money: MoneyFormat,
): DigestNotification {
  const { period, total } = facts;
  const teams = facts.teams
    .slice(0, TEAMS)
    .map(
      t =>
        `${t.title ?? t.entityRef} ${money(t.cost)} (${share(t.cost, total)})`,
    );
  const lines = [
    `${money(total)} across the organisation, ${changeText(
      total,
      facts.previousTotal,
      period,
      money,
    )}.`,
    teams.length > 0 ? `Top teams: ${teams.join(', ')}.` : undefined,
    budgetsLine(facts.budgetStates),
    `Open anomalies: ${facts.openAnomalies}.`,
    `Unallocated: ${money(facts.unallocated)} (${share(
      facts.unallocated,
      total,
    )} of the total).`,
  ];
  return {
    recipient,
    topic: 'ai-cost-leadership',
    scope: `ai-cost:digest:leadership:${period.from}`,
    title: `AI spend in ${periodName(period)}: ${money(total)}`,
    description: lines.filter(Boolean).join('\n'),
    link: '/ai-cost',
  };
}

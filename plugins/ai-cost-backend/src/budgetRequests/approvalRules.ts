import { InputError } from '@backstage/errors';
import {
  microsToNumber,
  type BudgetPeriod,
} from '@ai-cost/plugin-ai-cost-common';
import type { EntityGraph } from '../attribution/EntityGraph';
import type { BudgetApprovalSettings } from './approvalSettings';

/** Months in each budget period: thresholds compare monthly amounts. */
const MONTHS: Record<BudgetPeriod, number> = { month: 1, quarter: 3 };

/** A budget amount per month, so a quarterly request meets the same thresholds. */
export function monthlyMicros(amountMicros: number, period: BudgetPeriod) {
  return amountMicros / MONTHS[period];
}

/**
 * Who may approve a budget for `entityRef`: the parent groups of the group
 * that owns it (of the group itself, for a group) and the configured
 * approvers. Refs are lower-case, as in the graph.
 */
export function approversOf(
  graph: Pick<EntityGraph, 'get' | 'ownerOf'>,
  entityRef: string,
  configured: readonly string[],
): string[] {
  const ownerGroup = entityRef.startsWith('group:')
    ? entityRef
    : graph.ownerOf(entityRef);
  const parents = ownerGroup ? graph.get(ownerGroup)?.childOf ?? [] : [];
  return [...new Set([...parents, ...configured])];
}

/**
 * Whether `userRef` may approve or reject a request: they are one of the
 * approvers or a member of an approver group, and not the requester.
 */
export function mayDecide(options: {
  userRef: string;
  requestedBy: string;
  approvers: readonly string[];
  memberOf: readonly string[];
}): boolean {
  const { userRef, requestedBy, approvers, memberOf } = options;
  if (userRef === requestedBy) return false;
  return (
    approvers.includes(userRef) ||
    memberOf.some(group => approvers.includes(group))
  );
}

/** Whether a request is approved at once: its monthly amount is below `autoApproveBelow`. */
export function isAutoApproved(
  request: { amountMicros: number; period: BudgetPeriod },
  settings: Pick<BudgetApprovalSettings, 'autoApproveBelowMicros'>,
): boolean {
  const { autoApproveBelowMicros } = settings;
  return (
    autoApproveBelowMicros !== undefined &&
    monthlyMicros(request.amountMicros, request.period) < autoApproveBelowMicros
  );
}

/**
 * Throws an `InputError` naming `businessCase` when the monthly amount is
 * above `businessCaseAbove` and the business case is missing or shorter than
 * `businessCaseMinLength` characters.
 */
export function checkBusinessCase(
  request: {
    amountMicros: number;
    period: BudgetPeriod;
    businessCase?: string;
  },
  settings: Pick<
    BudgetApprovalSettings,
    'businessCaseAboveMicros' | 'businessCaseMinLength'
  >,
  currency: string,
): void {
  const { businessCaseAboveMicros, businessCaseMinLength } = settings;
  if (
    businessCaseAboveMicros === undefined ||
    monthlyMicros(request.amountMicros, request.period) <=
      businessCaseAboveMicros
  ) {
    return;
  }
  const length = request.businessCase?.trim().length ?? 0;
  if (length < businessCaseMinLength) {
    throw new InputError(
      `businessCase: at least ${businessCaseMinLength} characters are required for a budget above ${microsToNumber(
        businessCaseAboveMicros,
      )} ${currency} a month (got ${length})`,
    );
  }
}

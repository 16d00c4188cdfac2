import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { microsFromNumber } from '@ai-cost/plugin-ai-cost-common';

/** `aiCost.budgets.approval`: who approves budget requests and when none is needed. */
export interface BudgetApprovalSettings {
  /** Groups (or users) that may approve any request, lower-case refs. */
  approvers: string[];
  /** Monthly amounts below it (micro-units) are approved at once; undefined: never. */
  autoApproveBelowMicros?: number;
  /** Monthly amounts above it (micro-units) need a business case; undefined: never. */
  businessCaseAboveMicros?: number;
  /** The shortest business case accepted where one is needed, in characters. */
  businessCaseMinLength: number;
}

const KEY = 'aiCost.budgets.approval';

/** The default shortest business case, in characters. */
export const DEFAULT_BUSINESS_CASE_MIN_LENGTH = 50;

function readAmount(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(`${KEY}.${key}`);
  if (value === undefined) return undefined;
  if (!(value >= 0)) {
    throw new Error(`${KEY}.${key} must be a number of at least 0`);
  }
  return microsFromNumber(value);
}

/** Reads and validates `aiCost.budgets.approval`; a bad value fails start-up naming the key. */
export function readBudgetApprovalSettings(
  config: Config,
): BudgetApprovalSettings {
  const approvers = (
    config.getOptionalStringArray(`${KEY}.approvers`) ?? []
  ).map(ref => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, { defaultKind: 'group' }),
      ).toLocaleLowerCase('en-US');
    } catch {
      throw new Error(
        `${KEY}.approvers: "${ref}" is not an entity reference such as group:default/finance`,
      );
    }
  });
  const minLength =
    config.getOptionalNumber(`${KEY}.businessCaseMinLength`) ??
    DEFAULT_BUSINESS_CASE_MIN_LENGTH;
  if (!Number.isInteger(minLength) || minLength < 1) {
    throw new Error(
      `${KEY}.businessCaseMinLength must be a whole number of at least 1`,
    );
  }
  return {
    approvers,
    autoApproveBelowMicros: readAmount(config, 'autoApproveBelow'),
    businessCaseAboveMicros: readAmount(config, 'businessCaseAbove'),
    businessCaseMinLength: minLength,
  };
}

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  budgetRequestSchema,
  type BudgetInput,
} from '@ai-cost/plugin-ai-cost-common';
import { normalizeEntityRef } from '../attribution/catalogSnapshot';
import { parseInput } from './parseInput';

/**
 * The budget a `PUT /budgets` body sets for `entityRef` (normalized, as in
 * the query). A body copied from `GET /budgets` is accepted: its read-only
 * fields (`source`, `scope` — the query's scope applies —, `updatedBy`,
 * `updatedAt`) are ignored, and its `entityRef` must name the same entity.
 */
export function budgetInputOf(body: unknown, entityRef: string): BudgetInput {
  const {
    entityRef: named,
    source: _source,
    scope: _scope,
    updatedBy: _updatedBy,
    updatedAt: _updatedAt,
    ...input
  } = parseInput(budgetRequestSchema, body);
  if (
    named !== undefined &&
    normalizeEntityRef(stringifyEntityRef(parseEntityRef(named))) !== entityRef
  ) {
    throw new InputError(
      `entityRef: must be ${entityRef} as in the query, or be left out`,
    );
  }
  return input;
}

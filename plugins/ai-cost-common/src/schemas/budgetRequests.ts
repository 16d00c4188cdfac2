import { z } from 'zod';
import {
  budgetInputSchema,
  budgetScopeSchema,
  type BudgetPeriod,
} from './budgets';
import { entityRefSchema } from './common';

/** States of a budget request. @public */
export const budgetRequestStatuses = [
  'pending',
  'approved',
  'rejected',
] as const;

/** @public */
export type BudgetRequestStatus = (typeof budgetRequestStatuses)[number];

/** The longest business case or decision comment, in characters. @public */
export const MAX_BUDGET_REQUEST_TEXT = 4000;

const text = (what: string) =>
  z
    .string({ invalid_type_error: `must be ${what}` })
    .max(
      MAX_BUDGET_REQUEST_TEXT,
      `must be at most ${MAX_BUDGET_REQUEST_TEXT} characters`,
    );

/**
 * Body of `POST /budgets/requests`: a budget someone asks for, to be
 * approved (or auto-approved below `aiCost.budgets.approval.autoApproveBelow`).
 * `scope` is an allocation-tag value (`environment:staging`) for a scoped budget.
 * @public
 */
export const budgetRequestInputSchema = z
  .object({
    entityRef: entityRefSchema,
    amount: budgetInputSchema.shape.amount,
    period: budgetInputSchema.shape.period,
    scope: budgetScopeSchema.optional(),
    businessCase: text('text').optional(),
  })
  .strict();

/** @public */
export type BudgetRequestInput = z.infer<typeof budgetRequestInputSchema>;

/** Query of `GET /budgets/requests`. @public */
export const budgetRequestsQuerySchema = z
  .object({
    status: z
      .enum(budgetRequestStatuses, {
        errorMap: () => ({
          message: `must be one of ${budgetRequestStatuses.join(', ')}`,
        }),
      })
      .optional(),
    entityRef: entityRefSchema.optional(),
  })
  .strict();

/** @public */
export type BudgetRequestsQuery = z.infer<typeof budgetRequestsQuerySchema>;

/** Body of `POST /budgets/requests/:id/approve`. @public */
export const budgetRequestApproveSchema = z
  .object({ comment: text('text').optional() })
  .strict();

const REASON_REQUIRED = 'is required: say why the request is rejected';

/** Body of `POST /budgets/requests/:id/reject`: the reason is required. @public */
export const budgetRequestRejectSchema = z
  .object({
    comment: z
      .string({
        required_error: REASON_REQUIRED,
        invalid_type_error: 'must be text',
      })
      .max(
        MAX_BUDGET_REQUEST_TEXT,
        `must be at most ${MAX_BUDGET_REQUEST_TEXT} characters`,
      )
      .refine(comment => comment.trim().length > 0, REASON_REQUIRED),
  })
  .strict();

/** A budget request as the API returns it. @public */
export type BudgetApprovalRequest = {
  id: string;
  entityRef: string;
  amount: number;
  currency: string;
  period: BudgetPeriod;
  scope: string | null;
  businessCase: string | null;
  status: BudgetRequestStatus;
  requestedBy: string;
  requestedAt: string;
  /** Who approved or rejected it; `system` for an auto-approval. */
  decidedBy: string | null;
  decidedAt: string | null;
  /** The approver's comment, or the reason of a rejection. */
  comment: string | null;
  /** Approved at once because the amount was below `autoApproveBelow`. */
  autoApproved: boolean;
  /** The caller may approve or reject it (pending, an approver, not the requester). */
  canDecide: boolean;
};

/** Response of `GET /budgets/requests`. @public */
export type BudgetRequestsResponse = { items: BudgetApprovalRequest[] };

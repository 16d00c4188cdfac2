import {
  budgetPeriods,
  MAX_BUDGET_REQUEST_TEXT,
  type BudgetApprovalRequest,
} from '@ai-cost/plugin-ai-cost-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { aiCostTabPath, callAiCost, type AiCostApiDeps } from '../aiCostApi';

/** The id a dry run reports: nothing was requested. */
export const DRY_RUN_ID = 'dry-run';

/**
 * `ai-cost:budget:request`: asks for an AI budget for an entity on behalf of
 * the user running the template. The request waits for an approver (owners
 * of the parent group, or `aiCost.budgets.approval.approvers`), unless it is
 * small enough to be approved at once.
 * @public
 */
export function createBudgetRequestAction(deps: AiCostApiDeps) {
  return createTemplateAction({
    id: 'ai-cost:budget:request',
    description:
      'Requests an AI budget for a catalog entity; approvers are notified and the budget applies once approved.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Request a monthly budget of 1,800 for a service',
        example: `steps:
  - id: request
    action: ai-cost:budget:request
    input:
      entityRef: component:default/search-api
      amount: 1800
      period: month
      businessCase: Semantic search rollout to all tenants in January`,
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe('The entity, e.g. component:default/search-api'),
        amount: z =>
          z
            .number()
            .positive()
            .describe('Budget per period in the AI Cost currency'),
        period: z =>
          z.enum(budgetPeriods).default('month').describe('month or quarter'),
        scope: z =>
          z
            .string()
            .optional()
            .describe(
              'An allocation tag value for a scoped budget, e.g. environment:staging',
            ),
        businessCase: z =>
          z
            .string()
            .max(MAX_BUDGET_REQUEST_TEXT)
            .optional()
            .describe('Why the budget is needed; required above a threshold'),
      },
      output: {
        id: z => z.string().describe('The id of the budget request'),
        status: z =>
          z.string().describe('pending, approved (auto-approved) or dry-run'),
        link: z => z.string().describe("The entity's AI Cost tab"),
      },
    },
    async handler(ctx) {
      const { entityRef, amount, period, scope, businessCase } = ctx.input;
      ctx.output('link', aiCostTabPath(entityRef));
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would request a budget of ${amount} a ${period} for ${entityRef}`,
        );
        ctx.output('id', DRY_RUN_ID);
        ctx.output('status', 'dry-run');
        return;
      }
      const request = await ctx.checkpoint({
        // A retried task does not ask twice for the same budget.
        key: `ai-cost-budget-request:${entityRef}:${period}:${amount}:${
          scope ?? ''
        }`,
        fn: async () => {
          const created = await callAiCost<BudgetApprovalRequest>(deps, {
            credentials: await ctx.getInitiatorCredentials(),
            method: 'POST',
            path: '/budgets/requests',
            body: { entityRef, amount, period, scope, businessCase },
          });
          return { id: created.id, status: created.status };
        },
      });
      ctx.logger.info(
        `Budget request ${request.id} for ${entityRef}: ${request.status}`,
      );
      ctx.output('id', request.id);
      ctx.output('status', request.status);
    },
  });
}

import { budgetPeriods, type Budget } from '@ai-cost/plugin-ai-cost-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { aiCostTabPath, callAiCost, type AiCostApiDeps } from '../aiCostApi';

/**
 * `ai-cost:budget:set`: sets the AI budget of an entity directly, as the
 * user running the template. Succeeds only where that user may change the
 * entity's budget (`ai-cost.budget.update`); otherwise the backend's 403 fails
 * the step.
 * @public
 */
export function createSetBudgetAction(deps: AiCostApiDeps) {
  return createTemplateAction({
    id: 'ai-cost:budget:set',
    description:
      "Sets the AI budget of a catalog entity; needs the user's permission to change it.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Set a quarterly budget with alerts at 80% and 100%',
        example: `steps:
  - id: budget
    action: ai-cost:budget:set
    input:
      entityRef: component:default/search-api
      amount: 4500
      period: quarter
      thresholds: [0.8, 1]`,
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
        thresholds: z =>
          z
            .array(z.number().positive())
            .optional()
            .describe('Alert thresholds as fractions of the budget'),
      },
      output: {
        amount: z => z.number().describe('The budget now in force'),
        period: z => z.string().describe('month or quarter'),
        link: z => z.string().describe("The entity's AI Cost tab"),
      },
    },
    async handler(ctx) {
      const { entityRef, amount, period, thresholds } = ctx.input;
      ctx.output('link', aiCostTabPath(entityRef));
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would set the budget of ${entityRef} to ${amount} a ${period}`,
        );
        ctx.output('amount', amount);
        ctx.output('period', period);
        return;
      }
      const budget = await callAiCost<Budget>(deps, {
        credentials: await ctx.getInitiatorCredentials(),
        method: 'PUT',
        path: `/budgets?entityRef=${encodeURIComponent(entityRef)}`,
        body: { amount, period, ...(thresholds ? { thresholds } : {}) },
      });
      ctx.logger.info(
        `Budget of ${entityRef} set to ${budget.amount} ${budget.currency} a ${budget.period}`,
      );
      ctx.output('amount', budget.amount);
      ctx.output('period', budget.period);
    },
  });
}

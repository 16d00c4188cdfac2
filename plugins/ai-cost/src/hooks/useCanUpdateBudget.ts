import { usePermission } from '@backstage/plugin-permission-react';
import { aiCostBudgetUpdatePermission } from '@ai-cost/plugin-ai-cost-common';

/** Whether the user may set or remove the budget of an entity (`ai-cost.budget.update` on it). */
export function useCanUpdateBudget(entityRef: string): boolean {
  const { allowed } = usePermission({
    permission: aiCostBudgetUpdatePermission,
    resourceRef: entityRef,
  });
  return allowed;
}

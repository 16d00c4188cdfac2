import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  aiCostAdminPermission,
  aiCostBudgetUpdatePermission,
  aiCostOrgReadPermission,
  aiCostReadPermission,
  aiCostRecommendationsUpdatePermission,
} from '@ai-cost/plugin-ai-cost-common';

/**
 * Members of this group administer AI Cost sources and imports and see the
 * organisation-wide rollups.
 */
export const AI_COST_ADMIN_GROUP = 'group:default/platform';

/**
 * Example policy for the demo portal:
 * - everyone may read the costs of entities they can see in the catalog (the
 *   AI Cost backend checks catalog visibility before this permission);
 * - owners may update the budgets of the entities they own, and dismiss,
 *   snooze or reopen their recommendations;
 * - members of the platform group see org-wide rollups, unallocated spend
 *   and exports, and administer sources;
 * - every other permission is allowed, as in Backstage's allow-all policy.
 */
export class AiCostExamplePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (
      isPermission(request.permission, aiCostBudgetUpdatePermission) ||
      isPermission(request.permission, aiCostRecommendationsUpdatePermission)
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (
      isPermission(request.permission, aiCostAdminPermission) ||
      isPermission(request.permission, aiCostOrgReadPermission)
    ) {
      return {
        result: claims.includes(AI_COST_ADMIN_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (isPermission(request.permission, aiCostReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

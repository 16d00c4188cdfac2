import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  aiCostAdminPermission,
  aiCostBudgetUpdatePermission,
  aiCostOrgReadPermission,
  aiCostReadPermission,
  aiCostRecommendationsUpdatePermission,
} from '@ai-cost/plugin-ai-cost-common';
import { AiCostExamplePermissionPolicy } from './permissionPolicy';

function user(ref: string, groups: string[]): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...groups],
    },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
    token: 'token',
    credentials: {} as any,
  } as PolicyQueryUser;
}

describe('AiCostExamplePermissionPolicy', () => {
  const policy = new AiCostExamplePermissionPolicy();
  const alice = user('user:default/alice', ['group:default/search-team']);
  const guest = user('user:default/guest', [
    'group:default/search-team',
    'group:default/platform',
  ]);

  it('lets everyone read the costs of entities they can see', async () => {
    expect(
      await policy.handle({ permission: aiCostReadPermission }, alice),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets owners, and only owners, update budgets', async () => {
    expect(
      await policy.handle({ permission: aiCostBudgetUpdatePermission }, alice),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/alice', 'group:default/search-team'],
        },
      },
    });
  });

  it('lets owners, and only owners, decide on their recommendations', async () => {
    expect(
      await policy.handle(
        { permission: aiCostRecommendationsUpdatePermission },
        alice,
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/alice', 'group:default/search-team'],
        },
      },
    });
    // Without a user there are no ownership claims: nothing is owned.
    expect(
      await policy.handle(
        { permission: aiCostRecommendationsUpdatePermission },
        undefined,
      ),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [] } },
    });
  });

  it('keeps org-wide views and administration to the platform group', async () => {
    for (const permission of [aiCostOrgReadPermission, aiCostAdminPermission]) {
      expect(await policy.handle({ permission }, alice)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(await policy.handle({ permission }, guest)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(await policy.handle({ permission }, undefined)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });
});

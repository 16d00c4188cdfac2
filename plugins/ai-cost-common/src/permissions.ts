import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/** The catalog entity resource type, which cost permissions are checked against. @public */
export const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/**
 * Read the AI costs of one catalog entity (and its descendants). A policy
 * should only allow it for entities the caller can read in the catalog.
 * @public
 */
export const aiCostReadPermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'ai-cost.costs.read',
    attributes: { action: 'read' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** Read organisation-wide rollups, unallocated spend and CSV exports of all entities. @public */
export const aiCostOrgReadPermission = createPermission({
  name: 'ai-cost.org.read',
  attributes: { action: 'read' },
});

/** Create, change or delete the budget of one catalog entity. @public */
export const aiCostBudgetUpdatePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'ai-cost.budget.update',
    attributes: { action: 'update' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/**
 * Dismiss, snooze or reopen the optimization recommendations of one catalog
 * entity. Org-level recommendations (ownerless spend) need
 * {@link aiCostAdminPermission} instead. @public
 */
export const aiCostRecommendationsUpdatePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'ai-cost.recommendations.update',
    attributes: { action: 'update' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** Administer sources: see run errors, trigger refreshes, import billing files. @public */
export const aiCostAdminPermission = createPermission({
  name: 'ai-cost.admin',
  attributes: { action: 'update' },
});

/** Every permission of the AI Cost plugin. @public */
export const aiCostPermissions = [
  aiCostReadPermission,
  aiCostOrgReadPermission,
  aiCostBudgetUpdatePermission,
  aiCostRecommendationsUpdatePermission,
  aiCostAdminPermission,
];

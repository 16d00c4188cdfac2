import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  aiCostReadPermission,
  ANNOTATION_UNIT_METRIC,
} from '@ai-cost/plugin-ai-cost-common';
import { normalizeEntityRef } from '../attribution/catalogSnapshot';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import { requirePermission } from './requirePermission';

/**
 * Decides which entities' costs a caller may read (DESIGN §6): the entity
 * must be visible to the caller in the catalog, asked with the caller's own
 * credentials, and the policy must allow `ai-cost.costs.read` on it.
 */
export class EntityAccess {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
    },
  ) {}

  /**
   * The entity, when the caller may read its costs. An entity the caller
   * cannot see answers like one that does not exist, so costs never reveal
   * what the catalog hides.
   */
  /**
   * {@link EntityAccess.readable} for a record that belongs to an entity (an
   * anomaly, a recommendation): a missing or hidden entity answers
   * `notFound`, as if the record did not exist, without naming the entity.
   */
  async readableOwnerOf(
    entityRef: string,
    credentials: BackstageCredentials,
    notFound: string,
  ): Promise<{ entityRef: string; kind: string; title?: string }> {
    try {
      return await this.readable(entityRef, credentials);
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') {
        throw new NotFoundError(notFound);
      }
      throw error;
    }
  }

  async readable(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{
    entityRef: string;
    kind: string;
    title?: string;
    /** The `ai-cost/unit-metric` annotation. */
    unitMetric?: string;
  }> {
    const ref = normalizeEntityRef(
      stringifyEntityRef(parseEntityRef(entityRef)),
    );
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    await requirePermission(this.options.permissions, credentials, {
      permission: aiCostReadPermission,
      resourceRef: ref,
    });
    const unitMetric =
      entity.metadata.annotations?.[ANNOTATION_UNIT_METRIC]?.trim();
    return {
      entityRef: ref,
      kind: entity.kind,
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      ...(unitMetric ? { unitMetric } : {}),
    };
  }

  /**
   * The entity (when the caller may read its costs) followed by the
   * descendants the caller may read too: what lists over a subtree cover.
   */
  async readableSubtree(
    entityRef: string,
    credentials: BackstageCredentials,
    index: CatalogIndexReader,
  ): Promise<string[]> {
    const entity = await this.readable(entityRef, credentials);
    const { graph } = await index.read();
    const descendants = [...graph.descendants(entity.entityRef)];
    const visible = await this.visible(descendants, credentials);
    return [entity.entityRef, ...descendants.filter(ref => visible.has(ref))];
  }

  /** The subset of `entityRefs` whose costs the caller may read. */
  async visible(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (entityRefs.length === 0) return new Set();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const seen = entityRefs.filter((_, i) => items[i]);
    const decisions = await this.options.permissions.authorize(
      seen.map(ref => ({ permission: aiCostReadPermission, resourceRef: ref })),
      { credentials },
    );
    return new Set(
      seen.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }
}

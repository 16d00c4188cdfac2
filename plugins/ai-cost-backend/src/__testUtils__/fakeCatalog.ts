import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * A catalog entity with the relations the catalog's processors would add:
 * `ownedBy` from owner, `partOf` from system / domain / subcomponentOf,
 * `childOf` from parent.
 */
export function catalogEntity(
  ref: string,
  options: {
    owner?: string;
    partOf?: string;
    parent?: string;
    title?: string;
    annotations?: Record<string, string>;
  } = {},
): Entity {
  const [kind, name] = ref.split(':');
  const relations = [
    ...(options.owner
      ? [{ type: RELATION_OWNED_BY, targetRef: options.owner }]
      : []),
    ...(options.partOf
      ? [{ type: RELATION_PART_OF, targetRef: options.partOf }]
      : []),
    ...(options.parent
      ? [{ type: RELATION_CHILD_OF, targetRef: options.parent }]
      : []),
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind === 'api' ? 'API' : kind[0].toUpperCase() + kind.slice(1),
    metadata: {
      name: name.split('/')[1],
      namespace: 'default',
      ...(options.title ? { title: options.title } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    relations,
  };
}

/**
 * An in-memory catalog that, like the real one under a permission policy,
 * hides some entities from some users. `entities` may be mutated between
 * calls to simulate catalog changes.
 */
export function fakeCatalog(
  entities: Entity[],
  hiddenFrom: Record<string, string[]> = {},
): CatalogService {
  const visibleTo = (credentials: BackstageCredentials) => {
    const principal = credentials.principal as { userEntityRef?: string };
    const hidden = new Set(hiddenFrom[principal.userEntityRef ?? ''] ?? []);
    return entities.filter(e => !hidden.has(stringifyEntityRef(e)));
  };
  const find = (credentials: BackstageCredentials, ref: string) =>
    visibleTo(credentials).find(
      e => stringifyEntityRef(e) === ref.toLocaleLowerCase('en-US'),
    );
  const credentialsOf = (options: unknown) =>
    (options as { credentials: BackstageCredentials }).credentials;
  return catalogServiceMock.mock({
    async getEntityByRef(ref, options) {
      return find(credentialsOf(options), String(ref));
    },
    async getEntitiesByRefs(request, options?) {
      const credentials = credentialsOf(options);
      return {
        items: request.entityRefs.map(ref => find(credentials, ref)),
      };
    },
    async *streamEntities(_request, options) {
      const all = visibleTo(credentialsOf(options));
      for (let i = 0; i < all.length; i += 10) yield all.slice(i, i + 10);
    },
  });
}

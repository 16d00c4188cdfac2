import type { Entity } from '@backstage/catalog-model';
import { ALL_ANNOTATIONS } from '@ai-cost/plugin-ai-cost-common';

/** Kinds that collect spend from other entities and always get the tab. */
const ROLLUP_KINDS = ['group', 'system', 'domain', 'user'];

/**
 * True when the "AI Cost" tab applies to an entity: it carries an `ai-cost/*`
 * annotation, or it is a Group, System, Domain or User, which roll up the
 * spend of the entities they own or contain.
 * @public
 */
export function isAiCostAvailable(entity: Entity): boolean {
  if (ROLLUP_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))) {
    return true;
  }
  const annotations = entity.metadata.annotations ?? {};
  return ALL_ANNOTATIONS.some(annotation => Boolean(annotations[annotation]));
}

import type { Entity } from '@backstage/catalog-model';
import { ALL_ANNOTATIONS } from '@ai-cost/plugin-ai-cost-common';

/**
 * Kinds that always get the tab: those that roll up the spend of what they
 * own or contain, and those that can spend themselves, whose empty state
 * tells their owners which annotation to add.
 */
const AI_COST_KINDS = [
  'group',
  'system',
  'domain',
  'user',
  'component',
  'resource',
  'api',
];

/**
 * True when the "AI Cost" tab applies to an entity: it is a Group, System,
 * Domain or User (which roll up spend), a Component, Resource or API (which
 * spend, or are shown how to claim their spend), or any other entity that
 * carries an `ai-cost/*` annotation.
 * @public
 */
export function isAiCostAvailable(entity: Entity): boolean {
  if (AI_COST_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))) {
    return true;
  }
  const annotations = entity.metadata.annotations ?? {};
  return ALL_ANNOTATIONS.some(annotation => Boolean(annotations[annotation]));
}

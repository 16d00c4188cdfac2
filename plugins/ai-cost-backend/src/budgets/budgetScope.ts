import { InputError } from '@backstage/errors';
import {
  formatBudgetScope,
  parseBudgetScope,
} from '@ai-cost/plugin-ai-cost-common';
import type { AllocationPolicy } from '../allocation';

/** What a budget scope is checked against: the allocation tags and their spellings. */
export type ScopeTags = Pick<AllocationPolicy, 'tagKeys' | 'normalize'>;

/**
 * The scope `<tagKey>:<value>` as budgets are keyed: its tag key must be an
 * allocation tag, and a known spelling of its value becomes the canonical
 * one (`environment:stg` is `environment:staging`), as on attributed spend.
 * Throws an InputError naming the scope and the tag otherwise.
 */
export function canonicalScope(scope: string, tags: ScopeTags): string {
  const parsed = parseBudgetScope(scope);
  if (!parsed) {
    throw new InputError(
      `scope: "${scope}" must be <tag>:<value>, e.g. environment:staging`,
    );
  }
  if (!tags.tagKeys.includes(parsed.tagKey)) {
    throw new InputError(
      `scope: "${
        parsed.tagKey
      }" is not an allocation tag; use one of ${tags.tagKeys.join(', ')}`,
    );
  }
  return formatBudgetScope({
    tagKey: parsed.tagKey,
    value: tags.normalize(parsed.tagKey, parsed.value),
  });
}

/** Whether spend with these allocation tags (JSON) falls in the scope. */
export function inScope(allocationTags: string, scope: string): boolean {
  const { tagKey, value } = parseBudgetScope(scope)!;
  const tags: Record<string, string> = JSON.parse(allocationTags);
  return tags[tagKey] === value;
}

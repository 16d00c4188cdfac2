import type { AttributionValue } from '@ai-cost/plugin-ai-cost-common';

/** Who claims a billed value: nobody, one entity, or several equally. */
export type ClaimStateFilter = 'unclaimed' | 'claimed' | 'conflict';

/** The dimensions of billed values, as the filter names them for every provider. */
export const DIMENSION_OPTIONS: Array<{ value: string; label: string }> = [
  { value: 'projectId', label: 'Project / workspace' },
  { value: 'apiKeyId', label: 'API key' },
  { value: 'accountId', label: 'Account / subscription' },
  { value: 'resourceId', label: 'Resource' },
  { value: 'tag', label: 'Tag / label' },
];

export const CLAIM_STATE_OPTIONS: Array<{
  value: ClaimStateFilter;
  label: string;
}> = [
  { value: 'unclaimed', label: 'Unclaimed' },
  { value: 'claimed', label: 'Claimed' },
  { value: 'conflict', label: 'Conflict' },
];

/** Whether nobody, one entity or several claim `value`. */
export function claimStateOf(value: AttributionValue): ClaimStateFilter {
  if (value.claimedBy.length === 0) return 'unclaimed';
  return value.claimedBy.length === 1 ? 'claimed' : 'conflict';
}

/** The annotation of a server snippet such as `ai-cost/openai-project-id: "proj_x"`. */
export function snippetAnnotation(snippet: string | null): string | undefined {
  if (!snippet) return undefined;
  const colon = snippet.indexOf(':');
  return colon > 0 ? snippet.slice(0, colon).trim() : undefined;
}

/** Filters the page applies to the values the server returned. */
export interface LocalFilters {
  dimension?: string;
  state?: ClaimStateFilter;
}

/**
 * The values matching the dimension and claim state, at most `max`;
 * `truncated` when the server or this cut left matching values out.
 */
export function filterValues(
  items: AttributionValue[],
  filters: LocalFilters,
  max: number,
  serverTruncated: boolean,
): { items: AttributionValue[]; truncated: boolean } {
  const matching = items.filter(
    v =>
      (!filters.dimension || v.dimension === filters.dimension) &&
      (!filters.state || claimStateOf(v) === filters.state),
  );
  return {
    items: matching.slice(0, max),
    truncated: serverTruncated || matching.length > max,
  };
}

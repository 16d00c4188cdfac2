import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ALLOCATION_TAG_KEY_PATTERN,
  rollupGroupBys,
} from '@ai-cost/plugin-ai-cost-common';
import type { RollupGroupBy } from '../api';

function isGroupBy(value: string | null): value is RollupGroupBy {
  if (value === null) return false;
  if (value.startsWith('tag:')) {
    return ALLOCATION_TAG_KEY_PATTERN.test(value.slice('tag:'.length));
  }
  return (rollupGroupBys as readonly string[]).includes(value);
}

/**
 * The rollup dimension of the org page, kept in the URL as `?groupBy=`
 * (`tag:<key>` for an allocation tag); `owner` by default.
 */
export function useRollupGroupBy(): [
  RollupGroupBy,
  (groupBy: RollupGroupBy) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const value = searchParams.get('groupBy');
  const groupBy: RollupGroupBy = isGroupBy(value) ? value : 'owner';
  const setGroupBy = useCallback(
    (next: RollupGroupBy) =>
      setSearchParams(previous => {
        const params = new URLSearchParams(previous);
        params.set('groupBy', next);
        return params;
      }),
    [setSearchParams],
  );
  return [groupBy, setGroupBy];
}

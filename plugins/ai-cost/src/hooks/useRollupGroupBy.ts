import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { rollupGroupBys } from '@ai-cost/plugin-ai-cost-common';
import type { RollupGroupBy } from '../api';

function isGroupBy(value: string | null): value is RollupGroupBy {
  return (rollupGroupBys as readonly string[]).includes(value ?? '');
}

/** The rollup dimension of the org page, kept in the URL as `?groupBy=`; `owner` by default. */
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

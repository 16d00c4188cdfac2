import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type CostWindow, type RollupGroupBy } from '../api';

/** The org-wide rollup by one dimension in a window. */
export function useRollup(groupBy: RollupGroupBy, window: CostWindow) {
  const api = useApi(aiCostApiRef);
  const { from, to } = window;
  return useAsyncRetry(
    () => api.getRollup({ groupBy, from, to }),
    [api, groupBy, from, to],
  );
}

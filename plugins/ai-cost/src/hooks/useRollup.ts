import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type CostWindow, type RollupGroupBy } from '../api';

/**
 * The org-wide rollup by one dimension in a window, measured by `metric`
 * when given; nothing without a window.
 */
export function useRollup(
  groupBy: RollupGroupBy,
  window?: CostWindow,
  metric?: string,
) {
  const api = useApi(aiCostApiRef);
  const from = window?.from;
  const to = window?.to;
  return useAsyncRetry(
    async () =>
      from && to
        ? api.getRollup({ groupBy, from, to, ...(metric ? { metric } : {}) })
        : undefined,
    [api, groupBy, from, to, metric],
  );
}

import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type CostWindow } from '../api';

/**
 * The unit costs of one entity in a window by `metric` (the backend's choice
 * when undefined); nothing is fetched without a window.
 */
export function useUnitCosts(
  entityRef: string,
  metric: string | undefined,
  window?: CostWindow,
) {
  const api = useApi(aiCostApiRef);
  const from = window?.from;
  const to = window?.to;
  return useAsyncRetry(
    async () =>
      from && to
        ? api.getUnitCosts({
            entityRef,
            from,
            to,
            ...(metric ? { metric } : {}),
          })
        : undefined,
    [api, entityRef, metric, from, to],
  );
}

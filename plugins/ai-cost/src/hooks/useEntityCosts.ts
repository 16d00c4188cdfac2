import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type CostWindow } from '../api';

/**
 * The costs of one entity in a window, refetched when either changes;
 * nothing is fetched, and nothing kept, without a window.
 */
export function useEntityCosts(entityRef: string, window?: CostWindow) {
  const api = useApi(aiCostApiRef);
  const from = window?.from;
  const to = window?.to;
  return useAsyncRetry(
    async () =>
      from && to ? api.getCosts({ entityRef, from, to }) : undefined,
    [api, entityRef, from, to],
  );
}

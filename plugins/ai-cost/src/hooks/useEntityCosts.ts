import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type CostWindow } from '../api';

/** The costs of one entity in a window, refetched when either changes. */
export function useEntityCosts(entityRef: string, window: CostWindow) {
  const api = useApi(aiCostApiRef);
  const { from, to } = window;
  return useAsyncRetry(
    () => api.getCosts({ entityRef, from, to }),
    [api, entityRef, from, to],
  );
}

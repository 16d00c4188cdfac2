import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../api';

/**
 * The current month's spend and month-end forecast of an entity, or of the
 * whole organisation (unallocated included, needs `ai-cost.org.read`)
 * without `entityRef`; nothing is fetched while `skip` is true.
 */
export function useSpendForecast(
  options: { entityRef?: string; skip?: boolean } = {},
) {
  const { entityRef, skip = false } = options;
  const api = useApi(aiCostApiRef);
  return useAsyncRetry(
    async () =>
      skip ? undefined : api.getSpendForecast(entityRef ? { entityRef } : {}),
    [api, entityRef, skip],
  );
}

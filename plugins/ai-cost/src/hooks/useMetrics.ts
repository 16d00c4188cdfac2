import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { aiCostApiRef } from '../api';

/**
 * The business metrics the plugin knows, built-ins included; with an
 * entity, only the stored metrics with values for it or its descendants.
 */
export function useMetrics(entityRef?: string) {
  const api = useApi(aiCostApiRef);
  return useAsync(
    async () => (await api.getMetrics({ entityRef })).metrics,
    [api, entityRef],
  );
}

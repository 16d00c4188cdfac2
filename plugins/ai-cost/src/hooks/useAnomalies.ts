import { useApi } from '@backstage/core-plugin-api';
import { MAX_PAGE_LIMIT } from '@ai-cost/plugin-ai-cost-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type AnomalyStatusFilter } from '../api';

/**
 * The newest page (the largest the server gives) of the anomalies of an
 * entity and its descendants, or org-wide without `entityRef`.
 */
export function useAnomalies(options: {
  entityRef?: string;
  status?: AnomalyStatusFilter;
}) {
  const api = useApi(aiCostApiRef);
  const { entityRef, status } = options;
  return useAsyncRetry(
    () => api.listAnomalies({ entityRef, status, limit: MAX_PAGE_LIMIT }),
    [api, entityRef, status],
  );
}

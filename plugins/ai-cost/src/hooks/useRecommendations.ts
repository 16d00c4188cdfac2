import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type RecommendationStatusFilter } from '../api';

/** Recommendations of an entity and its descendants, or org-wide without `entityRef`. */
export function useRecommendations(options: {
  entityRef?: string;
  status: RecommendationStatusFilter;
}) {
  const api = useApi(aiCostApiRef);
  const { entityRef, status } = options;
  return useAsyncRetry(
    () => api.listRecommendations({ entityRef, status }),
    [api, entityRef, status],
  );
}

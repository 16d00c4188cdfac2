import { useApi } from '@backstage/core-plugin-api';
import { MAX_PAGE_LIMIT } from '@ai-cost/plugin-ai-cost-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type RecommendationStatusFilter } from '../api';

/**
 * The first page (the largest the server gives) of the recommendations of an
 * entity and its descendants, or org-wide without `entityRef`.
 */
export function useRecommendations(options: {
  entityRef?: string;
  status: RecommendationStatusFilter;
}) {
  const api = useApi(aiCostApiRef);
  const { entityRef, status } = options;
  return useAsyncRetry(
    () => api.listRecommendations({ entityRef, status, limit: MAX_PAGE_LIMIT }),
    [api, entityRef, status],
  );
}

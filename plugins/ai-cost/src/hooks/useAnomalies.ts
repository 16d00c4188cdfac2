import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type AnomalyStatusFilter } from '../api';

/** Anomalies of an entity and its descendants, or org-wide without `entityRef`. */
export function useAnomalies(options: {
  entityRef?: string;
  status?: AnomalyStatusFilter;
}) {
  const api = useApi(aiCostApiRef);
  const { entityRef, status } = options;
  return useAsyncRetry(
    () => api.listAnomalies({ entityRef, status }),
    [api, entityRef, status],
  );
}

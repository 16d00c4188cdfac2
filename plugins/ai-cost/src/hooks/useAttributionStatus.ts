import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../api';

/** The state of the annotation index: conflicts and annotation problems. */
export function useAttributionStatus() {
  const api = useApi(aiCostApiRef);
  return useAsyncRetry(() => api.getAttributionStatus(), [api]);
}

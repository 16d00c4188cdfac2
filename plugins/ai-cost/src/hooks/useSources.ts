import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../api';

/** The configured billing sources and the state of their last run. */
export function useSources() {
  const api = useApi(aiCostApiRef);
  return useAsyncRetry(() => api.listSources(), [api]);
}

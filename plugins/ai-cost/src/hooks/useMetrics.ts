import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { aiCostApiRef } from '../api';

/** The business metrics the plugin knows, built-ins included. */
export function useMetrics() {
  const api = useApi(aiCostApiRef);
  return useAsync(async () => (await api.getMetrics()).metrics, [api]);
}

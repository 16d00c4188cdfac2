import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../../api';

/** The chargeback statement of a month, `YYYY-MM`. */
export function useChargeback(month: string) {
  const api = useApi(aiCostApiRef);
  return useAsyncRetry(() => api.getChargeback(month), [api, month]);
}

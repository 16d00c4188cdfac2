import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../api';

/** The budget status of one entity in the current period; `retry` refetches it. */
export function useBudgetStatus(entityRef: string) {
  const api = useApi(aiCostApiRef);
  return useAsyncRetry(
    () => api.getBudgetStatus({ entityRef }),
    [api, entityRef],
  );
}

/** The budget status of every budgeted entity (needs `ai-cost.org.read`). */
export function useBudgetStatuses() {
  const api = useApi(aiCostApiRef);
  return useAsyncRetry(() => api.listBudgetStatuses(), [api]);
}

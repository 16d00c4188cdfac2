import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type ListBudgetRequestsRequest } from '../api';

/** Budget requests the user may see (theirs, those they may decide, or all); `retry` refetches. */
export function useBudgetRequests(request: ListBudgetRequestsRequest) {
  const api = useApi(aiCostApiRef);
  const { status, entityRef } = request;
  return useAsyncRetry(
    () => api.listBudgetRequests({ status, entityRef }),
    [api, status, entityRef],
  );
}

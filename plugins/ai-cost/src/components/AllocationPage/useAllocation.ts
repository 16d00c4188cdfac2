import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type CostWindow } from '../../api';

/** Allocation coverage in a window; nothing without a window. */
export function useAllocationCoverage(window?: CostWindow) {
  const api = useApi(aiCostApiRef);
  const from = window?.from;
  const to = window?.to;
  return useAsyncRetry(
    async () =>
      from && to ? api.getAllocationCoverage({ from, to }) : undefined,
    [api, from, to],
  );
}

/** The virtual-tag and split rules in the order they apply. */
export function useAllocationRules() {
  const api = useApi(aiCostApiRef);
  return useAsyncRetry(() => api.getAllocationRules(), [api]);
}

import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { aiCostApiRef } from '../api';

const NONE: string[] = [];

/**
 * The configured allocation tags (`aiCost.allocation.tags`), e.g.
 * `environment`, `feature`, `customer`; none while loading or when they
 * cannot be read.
 */
export function useAllocationTags(): string[] {
  const api = useApi(aiCostApiRef);
  const { value } = useAsync(
    async () => (await api.getAllocationRules()).tags,
    [api],
  );
  return value ?? NONE;
}

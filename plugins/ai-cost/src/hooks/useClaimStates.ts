import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { aiCostApiRef } from '../api';

/** An entity's claims with whether each can match anything; loaded apart from its costs. */
export function useClaimStates(entityRef: string) {
  const api = useApi(aiCostApiRef);
  return useAsync(() => api.getClaimStates({ entityRef }), [api, entityRef]);
}

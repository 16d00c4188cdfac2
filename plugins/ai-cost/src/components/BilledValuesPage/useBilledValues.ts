import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../../api';

/** Values seen in billing matching a search, of one provider or all. */
export function useBilledValues(request: {
  provider: string;
  q: string;
  limit: number;
}) {
  const api = useApi(aiCostApiRef);
  const { provider, q, limit } = request;
  return useAsyncRetry(
    () =>
      api.getAttributionValues({
        provider: provider || undefined,
        q: q || undefined,
        limit,
      }),
    [api, provider, q, limit],
  );
}

import { configApiRef, useApi } from '@backstage/core-plugin-api';

/**
 * The reporting currency (`aiCost.currency`, USD by default), for responses
 * that do not name their currency, such as anomalies.
 */
export function useReportingCurrency(): string {
  const configApi = useApi(configApiRef);
  // Upper-cased as the backend reads it: `currency: usd` is USD.
  return (
    configApi.getOptionalString('aiCost.currency') ?? 'USD'
  ).toUpperCase();
}

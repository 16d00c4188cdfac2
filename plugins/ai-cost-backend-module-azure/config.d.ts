export interface Config {
  aiCost?: {
    providers?: {
      /**
       * Azure billing sources: Azure OpenAI (Cognitive Services) spend from
       * the Cost Management Query API.
       */
      azure?: Array<{
        /** Source id, unique across all providers, e.g. `azure-main`. */
        id: string;
        /**
         * Cost Management scope: `/subscriptions/<id>`,
         * `/subscriptions/<id>/resourceGroups/<name>`,
         * `/providers/Microsoft.Management/managementGroups/<id>` or
         * `/providers/Microsoft.Billing/billingAccounts/<id>[/...]`.
         */
        scope: string;
        /**
         * Tenant of the app registration, for client-secret credentials.
         * Without tenantId, clientId and clientSecret, DefaultAzureCredential
         * is used (managed identity, workload identity, environment, …).
         */
        tenantId?: string;
        /** Application (client) id of the app registration. */
        clientId?: string;
        /**
         * Client secret of the app registration.
         * @visibility secret
         */
        clientSecret?: string;
        /** ActualCost (default) or AmortizedCost. */
        costType?: string;
        /** Cost (default) or PreTaxCost, depending on the agreement type. */
        costColumn?: string;
        /**
         * Also ask for the USD amount (`CostUSD` / `PreTaxCostUSD`) of each
         * row. When aiCost.currency is USD, costs billed in another currency
         * are converted at the rate the bill implies (USD amount / billed
         * amount) instead of aiCost.exchangeRates. Off by default: not every
         * agreement type answers the USD columns.
         * @default false
         */
        usdCostColumn?: boolean;
        /**
         * MeterCategory values to read.
         * Default: `Cognitive Services`.
         */
        meterCategories?: string[];
        /** Resource tag keys to read as tags (one extra query each). */
        tagKeys?: string[];
        /**
         * Tokens per unit of UsageQuantity for token meters.
         * @default 1000
         */
        tokensPerUsageUnit?: number;
        /**
         * Also read GPU compute (self-hosted AI): one more Cost Management
         * query per run for MeterCategory `Virtual Machines` by resource and
         * meter, keeping the meters the `acceleratorPatterns` of
         * `aiCost.classification` match (N-series GPU sizes such as
         * "NC24ads A100 v4", "ND96asr v4"). They count as "Self-hosted GPU".
         * Default false.
         * @visibility backend
         */
        gpuCompute?: boolean;
        /** @default 2025-03-01 */
        apiVersion?: string;
        /** @default https://management.azure.com */
        baseUrl?: string;
      }>;
    };
  };
}

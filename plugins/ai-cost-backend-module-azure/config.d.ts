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
        /** @default 2025-03-01 */
        apiVersion?: string;
        /** @default https://management.azure.com */
        baseUrl?: string;
      }>;
    };
  };
}

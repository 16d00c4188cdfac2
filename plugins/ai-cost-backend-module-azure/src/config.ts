import type { Config } from '@backstage/config';
import {
  ProviderConfigError,
  providerConfigKey,
  readProviderSourceConfigs,
} from '@ai-cost/plugin-ai-cost-node';

const GUID =
  '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const NAME = '[\\w.()-]{1,90}';
const BILLING_ID = '[\\w:.-]{1,128}';

/**
 * The Cost Management scopes: a subscription (optionally a resource group),
 * a management group, or a billing account (optionally a billing profile,
 * invoice section, department, enrollment account or customer).
 * @public
 */
export const AZURE_SCOPE_PATTERN = new RegExp(
  `^/?(?:subscriptions/${GUID}(?:/resourceGroups/${NAME})?` +
    `|providers/Microsoft\\.Management/managementGroups/${NAME}` +
    `|providers/Microsoft\\.Billing/billingAccounts/${BILLING_ID}` +
    `(?:/(?:billingProfiles|invoiceSections|departments|enrollmentAccounts|customers)/${BILLING_ID})*)/?$`,
  'i',
);

const FIELDS = {
  scope: {
    type: 'string',
    required: true,
    pattern: AZURE_SCOPE_PATTERN,
    expected:
      'a Cost Management scope such as /subscriptions/<subscription id>, /subscriptions/<id>/resourceGroups/<name>, /providers/Microsoft.Management/managementGroups/<id> or /providers/Microsoft.Billing/billingAccounts/<id>',
  },
  tenantId: {
    type: 'string',
    pattern: /^[\w.-]+$/,
    expected: 'a tenant id (GUID) or domain',
  },
  clientId: {
    type: 'string',
    pattern: new RegExp(`^${GUID}$`),
    expected: 'an application (client) id, a GUID',
  },
  clientSecret: { type: 'secret' },
  costType: { type: 'string', oneOf: ['ActualCost', 'AmortizedCost'] },
  costColumn: { type: 'string', oneOf: ['Cost', 'PreTaxCost'] },
  usdCostColumn: { type: 'boolean' },
  meterCategories: { type: 'stringList' },
  tagKeys: {
    type: 'stringList',
    pattern: /^[^<>%&\\?/]{1,512}$/,
    expected: 'tag keys (no <, >, %, &, \\, ? or /)',
  },
  tokensPerUsageUnit: { type: 'integer', min: 1, max: 1_000_000 },
  gpuCompute: { type: 'boolean' },
  apiVersion: {
    type: 'string',
    pattern: /^\d{4}-\d{2}-\d{2}(?:-preview)?$/,
    expected: 'an api-version such as 2025-03-01',
  },
  baseUrl: { type: 'url' },
} as const;

/** One validated entry of `aiCost.providers.azure`. @public */
export interface AzureSourceConfig {
  id: string;
  scope: string;
  /** Set together: client-secret credentials instead of DefaultAzureCredential. */
  clientCredentials?: {
    tenantId: string;
    clientId: string;
    clientSecret: string;
  };
  costType?: 'ActualCost' | 'AmortizedCost';
  costColumn?: 'Cost' | 'PreTaxCost';
  /** Also aggregate `CostUSD` / `PreTaxCostUSD`: the bill's own rate when aiCost.currency is USD. */
  usdCostColumn?: boolean;
  meterCategories?: string[];
  tagKeys?: string[];
  tokensPerUsageUnit?: number;
  /** Also read GPU virtual machines (N-series meters) as self-hosted spend. */
  gpuCompute?: boolean;
  apiVersion?: string;
  baseUrl?: string;
}

const CREDENTIAL_FIELDS = ['tenantId', 'clientId', 'clientSecret'] as const;

/**
 * Reads and validates `aiCost.providers.azure`; every error names the exact
 * key, e.g. `aiCost.providers.azure[0].scope is required`. The client secret
 * is never part of a message.
 * @public
 */
export function readAzureSourceConfigs(config: Config): AzureSourceConfig[] {
  return readProviderSourceConfigs(config, 'azure', FIELDS).map(
    (source, index) => {
      const at = `${providerConfigKey('azure')}[${index}]`;
      const given = CREDENTIAL_FIELDS.filter(f => source[f] !== undefined);
      if (given.length > 0 && given.length < CREDENTIAL_FIELDS.length) {
        const missing = CREDENTIAL_FIELDS.find(f => source[f] === undefined)!;
        throw new ProviderConfigError(
          { kind: 'required', key: `${at}.${missing}`, field: missing },
          `${at}.${missing} is required when ${given.join(' and ')} ${
            given.length > 1 ? 'are' : 'is'
          } set: tenantId, clientId and clientSecret go together (or leave all three out for DefaultAzureCredential)`,
        );
      }
      const {
        tenantId,
        clientId,
        clientSecret,
        costType,
        costColumn,
        ...rest
      } = source;
      return {
        ...rest,
        // Validated against their oneOf lists by the reader.
        ...(costType
          ? { costType: costType as AzureSourceConfig['costType'] }
          : {}),
        ...(costColumn
          ? { costColumn: costColumn as AzureSourceConfig['costColumn'] }
          : {}),
        ...(tenantId && clientId && clientSecret
          ? { clientCredentials: { tenantId, clientId, clientSecret } }
          : {}),
      };
    },
  );
}

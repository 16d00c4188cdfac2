import type { Config } from '@backstage/config';
import { readProviderSourceConfigs } from '@ai-cost/plugin-ai-cost-node';
import type { GcpCostProviderOptions } from './GcpCostProvider';
import { BILLING_EXPORT_TABLE_PATTERN } from './query';

const FIELDS = {
  billingExportTable: {
    type: 'string',
    required: true,
    pattern: BILLING_EXPORT_TABLE_PATTERN,
    expected:
      'a BigQuery table written as project.dataset.table, e.g. my-billing-project.billing_export.gcp_billing_export_resource_v1_012345_6789AB_CDEF01',
  },
  projectId: {
    type: 'string',
    pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    expected: 'a GCP project id such as my-finops-project',
  },
  location: {
    type: 'string',
    pattern: /^[A-Za-z]+(?:-[a-z]+\d*)*$/,
    expected: 'a BigQuery location such as US, EU or europe-west1',
  },
  services: { type: 'stringList' },
  maximumBytesBilled: { type: 'integer', min: 1 },
  gpuCompute: { type: 'boolean' },
} as const;

/** One validated entry of `aiCost.providers.gcp`, as provider options. @public */
export type GcpSourceConfig = Omit<
  GcpCostProviderOptions,
  'currency' | 'runQuery' | 'classificationRules'
>;

/**
 * Reads and validates `aiCost.providers.gcp`; every error names the exact
 * key, e.g. `aiCost.providers.gcp[0].billingExportTable is required`.
 * Credentials are not configured here: the BigQuery client uses Application
 * Default Credentials (workload identity, or `GOOGLE_APPLICATION_CREDENTIALS`).
 * @public
 */
export function readGcpSourceConfigs(config: Config): GcpSourceConfig[] {
  return readProviderSourceConfigs(config, 'gcp', FIELDS);
}

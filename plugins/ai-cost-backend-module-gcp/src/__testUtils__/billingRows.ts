import type { BillingQueryRequest, BillingQueryRunner } from '../query';

export const TABLE =
  'finops-billing.billing_export.gcp_billing_export_resource_v1_012345_6789AB_CDEF01';
export const BILLING_ACCOUNT = '012345-6789AB-CDEF01';

/** One row as the billing query returns it (all money as decimal strings). */
export function row(fields: Record<string, unknown>) {
  return {
    day: '2025-03-01',
    billing_account_id: BILLING_ACCOUNT,
    project_id: 'ml-prod',
    service_description: 'Vertex AI',
    sku_description: null,
    region: 'us-central1',
    cost_type: 'regular',
    currency: 'USD',
    usage_unit: 'count',
    label_json: '[]',
    cost: '0',
    credits: '0',
    usage_amount: '0',
    ...fields,
  };
}

/** A runner that yields the given pages and records every request. */
export function pagesRunner(
  pages: unknown[][],
): BillingQueryRunner & { requests: BillingQueryRequest[] } {
  const requests: BillingQueryRequest[] = [];
  const run = async function* runPages(request: BillingQueryRequest) {
    requests.push(request);
    for (const page of pages) yield page;
  };
  return Object.assign(run, { requests });
}

import { z } from 'zod';

/**
 * One row of the billing query (see `buildBillingQuery`). Money and
 * quantities come back as decimal strings (the query casts NUMERIC sums to
 * STRING); dimensions may be null (e.g. rows without a project).
 */
export const billingRowSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD'),
  billing_account_id: z.string().nullish(),
  project_id: z.string().nullish(),
  service_description: z.string().nullish(),
  sku_description: z.string().nullish(),
  region: z.string().nullish(),
  cost_type: z.string().nullish(),
  currency: z.string().min(1),
  usage_unit: z.string().nullish(),
  /** `[{"key":"team","value":"ml"}]` */
  label_json: z.string().nullish(),
  cost: z.string(),
  credits: z.string().nullish(),
  usage_amount: z.string().nullish(),
});

export const billingPageSchema = z.object({ rows: z.array(billingRowSchema) });

export type BillingRow = z.infer<typeof billingRowSchema>;

/** `labels` as exported: `[{ key, value }]`. */
export const labelsSchema = z.array(
  z.object({ key: z.string(), value: z.string().nullable() }),
);

import {
  classifyLineItem,
  type ClassificationRules,
  type LineItemClass,
} from '@ai-cost/plugin-ai-cost-node';
import type { CsvRecord } from './csv';
import type { FocusColumns, FocusRow } from './focus';

/** Columns whose text says what was charged: SKU, meter, description, instance type. */
const DETAIL_COLUMNS = [
  'SkuId',
  'SkuMeter',
  'ChargeDescription',
  'ResourceType',
  'SkuPriceDetails',
  'x_SkuMeterCategory',
  'x_SkuMeterSubcategory',
  'x_SkuDetails',
  'x_SkuInstanceType',
  'x_InstanceType',
  'x_UsageType',
];

/** Whether a mapped FOCUS row is AI spend under the rules. */
export function classifyFocusRow(
  record: CsvRecord,
  columns: FocusColumns,
  row: FocusRow,
  rules: ClassificationRules,
): LineItemClass {
  const get = (name: string) => columns.get(record.fields, name);
  return classifyLineItem(
    {
      providerName: row.providerName,
      serviceCategory: get('ServiceCategory'),
      serviceName: row.serviceName,
      model: row.model,
      details: DETAIL_COLUMNS.map(get),
      units: [get('ConsumedUnit'), get('PricingUnit')],
      tags: row.tags,
    },
    rules,
  );
}

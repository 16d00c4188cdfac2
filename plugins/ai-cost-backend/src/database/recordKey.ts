import { createHash } from 'node:crypto';
import {
  usageRecordDimensions,
  type UsageRecord,
} from '@ai-cost/plugin-ai-cost-node';

/**
 * The natural key of a usage record: the sha256 of its day, hour and every
 * dimension. Hashed into one column because SQL unique indexes treat NULLs
 * as distinct, so a multi-column key over nullable dimensions would not
 * deduplicate.
 */
export function usageRecordKey(record: UsageRecord): string {
  return createHash('sha256')
    .update(JSON.stringify(usageRecordDimensions(record)))
    .digest('hex');
}

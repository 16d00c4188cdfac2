import { hash } from 'node:crypto';
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
  return sha256Hex(JSON.stringify(usageRecordDimensions(record)));
}

/**
 * The hex sha256 of a text, in one call (a third of the time of a `Hash`
 * object per record when ingesting).
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

import { createHash } from 'node:crypto';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';

/**
 * The natural key of a usage record: its day, hour and every dimension.
 * Hashed into one column because SQL unique indexes treat NULLs as distinct,
 * so a multi-column key over nullable dimensions would not deduplicate.
 */
export function usageRecordKey(record: UsageRecord): string {
  const tags = record.tags
    ? Object.keys(record.tags)
        .sort()
        .map(k => [k, record.tags![k]])
    : null;
  const parts = [
    record.date,
    record.hour ?? null,
    record.accountId ?? null,
    record.projectId ?? null,
    record.resourceId ?? null,
    record.apiKeyId ?? null,
    record.userId ?? null,
    record.region ?? null,
    record.serviceTier ?? null,
    tags,
    record.model ?? null,
    record.lineItem ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

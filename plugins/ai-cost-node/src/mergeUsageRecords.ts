import type { UsageRecord } from './UsageRecord';

/** Counts summed when two records share a natural key. */
const COUNT_FIELDS = [
  'inputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
  'cacheWrite1hTokens',
  'outputTokens',
  'reasoningTokens',
  'requests',
] as const;

/**
 * The dimensions a usage record is stored by: day, hour, account, project,
 * resource, api key, user, region, service tier, tags in key order, model,
 * line item, missing ones as null, and a stated category (only when
 * stated, so keys of records without one stay as they were). The engine hashes them into its natural
 * key, so records with the same dimensions replace each other.
 * @public
 */
export function usageRecordDimensions(record: UsageRecord): unknown[] {
  const tags = record.tags
    ? Object.keys(record.tags)
        .sort()
        .map(k => [k, record.tags![k]])
    : null;
  return [
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
    ...(record.category ? [record.category] : []),
  ];
}

/**
 * The key records are merged by: their dimensions plus cost kind and
 * currency, so that billed and estimated amounts, or amounts in two
 * currencies, are never added up.
 */
function naturalKey(record: UsageRecord): string {
  return JSON.stringify([
    ...usageRecordDimensions(record),
    record.costKind,
    record.currency,
  ]);
}

/** Plain code-unit order, independent of locale. */
function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Adds `record` into `into`, which has the same natural key. */
function addInto(into: UsageRecord, record: UsageRecord): void {
  into.cost += record.cost;
  for (const field of COUNT_FIELDS) {
    // A count neither record has stays absent rather than becoming 0.
    if (into[field] !== undefined || record[field] !== undefined) {
      into[field] = (into[field] ?? 0) + (record[field] ?? 0);
    }
  }
  if (into.estimatedCost !== undefined || record.estimatedCost !== undefined) {
    // An estimate is only known when every part of it is.
    into.estimatedCost =
      typeof into.estimatedCost === 'number' &&
      typeof record.estimatedCost === 'number'
        ? into.estimatedCost + record.estimatedCost
        : null;
  }
  if (into.unpriced !== undefined || record.unpriced !== undefined) {
    into.unpriced = Boolean(into.unpriced) || Boolean(record.unpriced);
  }
  // Parts that state different rates (or one none) state no rate together:
  // the backend's configured or imported rate for the day converts the sum.
  if (into.exchangeRate !== record.exchangeRate) delete into.exchangeRate;
}

/**
 * Sums the records that share a natural key (the same usage type billed under
 * two services, a SKU in two usage units, a group repeated across pages, …),
 * so that every record returned is unique by the key the engine stores it
 * under, and sorts them by that key.
 *
 * `cost` and every count (tokens, requests) are added; `estimatedCost` is the
 * sum when every part has one and null when any part has none; a record is
 * `unpriced` when any part is. A stated `exchangeRate` is kept only when
 * every part states the same one. Fields no part has stay absent. The input
 * is not modified: a record no other shares a key with is returned as it
 * is, merged ones are new objects.
 * @public
 */
export function mergeUsageRecords(
  records: readonly UsageRecord[],
): UsageRecord[] {
  const merged = new Map<string, UsageRecord>();
  // Records merged into: copies of the input, made when a second record
  // with their key comes (most keys come once, and need no copy).
  const copies = new Set<UsageRecord>();
  for (const record of records) {
    const key = naturalKey(record);
    let existing = merged.get(key);
    if (!existing) {
      merged.set(key, record);
      continue;
    }
    if (!copies.has(existing)) {
      existing = { ...existing };
      copies.add(existing);
      merged.set(key, existing);
    }
    addInto(existing, record);
  }
  return [...merged.entries()]
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([, record]) => record);
}

import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import type { DbUsageRow } from './tables';

/** Tags as stored: JSON with keys sorted, null when there are none. */
export function tagsJson(
  tags: Record<string, string> | null | undefined,
): string | null {
  if (!tags) return null;
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) return null;
  const sorted: Record<string, string> = {};
  for (const key of keys) sorted[key] = tags[key];
  return JSON.stringify(sorted);
}

/** The `ai_cost_usage` row of a normalized usage record. */
export function usageRow(
  record: UsageRecord,
  options: {
    sourceId: string;
    provider: string;
    recordKey: string;
    runId: number | null;
  },
): DbUsageRow {
  return {
    source_id: options.sourceId,
    provider: options.provider,
    record_key: options.recordKey,
    date: record.date,
    hour: record.hour ?? null,
    account_id: record.accountId ?? null,
    project_id: record.projectId ?? null,
    resource_id: record.resourceId ?? null,
    api_key_id: record.apiKeyId ?? null,
    user_id: record.userId ?? null,
    region: record.region ?? null,
    service_tier: record.serviceTier ?? null,
    tags: tagsJson(record.tags),
    model: record.model ?? null,
    line_item: record.lineItem ?? null,
    category: record.category ?? null,
    input_tokens: record.inputTokens ?? 0,
    cached_input_tokens: record.cachedInputTokens ?? 0,
    cache_write_tokens: record.cacheWriteTokens ?? 0,
    cache_write_1h_tokens: record.cacheWrite1hTokens ?? 0,
    output_tokens: record.outputTokens ?? 0,
    reasoning_tokens: record.reasoningTokens ?? 0,
    requests: record.requests ?? 0,
    cost_micros: record.cost,
    estimated_cost_micros: record.estimatedCost ?? null,
    currency: record.currency,
    cost_kind: record.costKind,
    unpriced: Boolean(record.unpriced),
    run_id: options.runId,
    // Filled when the writer converts the row into aiCost.currency; until
    // then, the rate the bill stated (if any).
    original_cost: null,
    original_currency: null,
    exchange_rate: record.exchangeRate ?? null,
  };
}

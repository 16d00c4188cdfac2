import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import { chunks, dbNumber, IN_CHUNK, sumsAs, tokenCounts } from './dbHelpers';
import type { DbPushEventRow } from './pushTables';
import { sha256Hex, usageRecordKey } from './recordKey';
import type { DbUsageRow } from './tables';
import { usageRow } from './usageRow';

/**
 * The `ai_cost_usage` rows of a pushed source, recomputed from what was
 * pushed: gateway events summed per day and dimension, FOCUS rows likewise.
 */

const TOKEN_SUMS = {
  input_tokens: 'input_tokens',
  cached_input_tokens: 'cached_input_tokens',
  cache_write_tokens: 'cache_write_tokens',
  output_tokens: 'output_tokens',
  reasoning_tokens: 'reasoning_tokens',
  requests: 'requests',
};

/**
 * The `ai_cost_usage` key of a recomputed record: the natural key plus what
 * else tells records of a pushed source apart (provider kind and currency
 * for FOCUS, billed against estimated and currency for gateway events).
 */
function pushRecordKey(record: UsageRecord, extra: string[]): string {
  return sha256Hex(JSON.stringify([usageRecordKey(record), ...extra]));
}

/** A usage row of a pushed source; `extraKey` keeps otherwise equal records apart. */
function pushUsageRow(
  sourceId: string,
  provider: string,
  record: UsageRecord,
  extraKey: string[],
): DbUsageRow {
  return usageRow(
    { ...record, hour: null, serviceTier: null },
    {
      sourceId,
      provider,
      recordKey: pushRecordKey(record, extraKey),
      runId: null,
    },
  );
}

/** What of a push table is summed into usage rows. */
interface PushedSums {
  table: 'ai_cost_push_events' | 'ai_cost_focus_rows';
  /** Columns a usage row is told apart by. */
  dimensions: string[];
  /** The cost column, summed as `cost`. */
  cost: string;
  /** The list-price column, summed as `estimated` (null when any row lacks it). */
  estimate: string;
  /** Further aggregates. */
  extra?: (tx: Knex.Transaction) => Knex.Raw[];
}

/** Stored pushes of some days of a source, summed per day and dimension. */
async function sumPushedDays(
  tx: Knex.Transaction,
  sums: PushedSums,
  sourceId: string,
  days: string[],
): Promise<Array<Record<string, any>>> {
  const groups: Array<Record<string, any>> = [];
  for (const dayBatch of chunks(days, IN_CHUNK)) {
    groups.push(
      ...(await tx(sums.table)
        .select(
          ...sums.dimensions,
          ...sumsAs(tx, TOKEN_SUMS),
          tx.raw('coalesce(sum(??), 0) as cost', [sums.cost]),
          tx.raw('sum(??) as estimated', [sums.estimate]),
          tx.raw(
            'sum(case when ?? is null then 1 else 0 end) as missing_estimates',
            [sums.estimate],
          ),
          ...(sums.extra?.(tx) ?? []),
        )
        .where('source_id', sourceId)
        .whereIn('date', dayBatch)
        .groupBy(sums.dimensions)),
    );
  }
  return groups;
}

const GATEWAY_SUMS: PushedSums = {
  table: 'ai_cost_push_events',
  dimensions: [
    'date',
    'upstream_provider',
    'model',
    'api_key_id',
    'user_id',
    'tags',
    'currency',
    'cost_kind',
  ],
  cost: 'cost_micros',
  estimate: 'estimated_cost_micros',
  extra: tx => [
    tx.raw('max(case when unpriced then 1 else 0 end) as unpriced'),
  ],
};

const FOCUS_SUMS: PushedSums = {
  table: 'ai_cost_focus_rows',
  dimensions: [
    'date',
    'provider',
    'account_id',
    'project_id',
    'resource_id',
    'region',
    'tags',
    'model',
    'line_item',
    'category',
    'currency',
  ],
  cost: 'billed_cost_micros',
  estimate: 'list_cost_micros',
};

/** The estimate of a group: null when any of its rows had none. */
function estimateOf(group: Record<string, any>): number | null {
  return dbNumber(group.missing_estimates) > 0
    ? null
    : dbNumber(group.estimated);
}

/** The usage row of a group of gateway events, as {@link sumPushedDays} sums them. */
function gatewayUsageRow(
  sourceId: string,
  group: Record<string, any>,
): DbUsageRow {
  const costKind = group.cost_kind as UsageRecord['costKind'];
  const record: UsageRecord = {
    date: group.date,
    apiKeyId: group.api_key_id,
    userId: group.user_id,
    tags: group.tags ? JSON.parse(group.tags) : null,
    model: group.model,
    lineItem: group.upstream_provider,
    ...tokenCounts(group),
    cost: dbNumber(group.cost),
    estimatedCost: estimateOf(group),
    currency: group.currency,
    costKind,
    unpriced: dbNumber(group.unpriced) > 0,
  };
  // The cost's currency keeps apart events of one day and dimensions
  // given in two currencies (each converted on its own, DESIGN §9.3).
  return pushUsageRow(sourceId, 'gateway', record, [costKind, group.currency]);
}

/** Usage rows of some days of a gateway source: the sums of its stored events. */
export async function gatewayUsageRows(
  tx: Knex.Transaction,
  sourceId: string,
  days: string[],
): Promise<DbUsageRow[]> {
  const groups = await sumPushedDays(tx, GATEWAY_SUMS, sourceId, days);
  return groups.map(group => gatewayUsageRow(sourceId, group));
}

/**
 * Usage rows of some gateway events alone (a batch just stored), grouped
 * and summed in memory exactly as {@link gatewayUsageRows} groups and sums
 * stored events: adding them to the stored rows of the same keys
 * (`UsageWindowWriter.add`) gives what recomputing the day would.
 */
export function gatewayEventUsageRows(
  sourceId: string,
  events: readonly DbPushEventRow[],
): DbUsageRow[] {
  const groups = new Map<string, Record<string, any>>();
  for (const event of events) {
    const dimensions = GATEWAY_SUMS.dimensions.map(
      name => event[name as keyof DbPushEventRow] ?? null,
    );
    const id = JSON.stringify(dimensions);
    let group = groups.get(id);
    if (!group) {
      group = Object.fromEntries(
        GATEWAY_SUMS.dimensions.map((name, i) => [name, dimensions[i]]),
      );
      for (const alias of Object.keys(TOKEN_SUMS)) group[alias] = 0;
      Object.assign(group, {
        cost: 0,
        estimated: 0,
        missing_estimates: 0,
        unpriced: 0,
      });
      groups.set(id, group);
    }
    for (const [alias, column] of Object.entries(TOKEN_SUMS)) {
      group[alias] += dbNumber(event[column as keyof DbPushEventRow]);
    }
    group.cost += dbNumber(event.cost_micros);
    if (event.estimated_cost_micros === null) group.missing_estimates += 1;
    else group.estimated += dbNumber(event.estimated_cost_micros);
    if (event.unpriced) group.unpriced = 1;
  }
  return [...groups.values()].map(group => gatewayUsageRow(sourceId, group));
}

/** Usage rows of some days of a FOCUS source: the sums of its stored rows. */
export async function focusUsageRows(
  tx: Knex.Transaction,
  sourceId: string,
  days: string[],
): Promise<DbUsageRow[]> {
  const groups = await sumPushedDays(tx, FOCUS_SUMS, sourceId, days);
  return groups.map(group => {
    const record: UsageRecord = {
      date: group.date,
      accountId: group.account_id,
      projectId: group.project_id,
      resourceId: group.resource_id,
      region: group.region,
      tags: group.tags ? JSON.parse(group.tags) : null,
      model: group.model,
      lineItem: group.line_item,
      category: group.category,
      ...tokenCounts(group),
      cost: dbNumber(group.cost),
      estimatedCost: estimateOf(group),
      currency: group.currency,
      costKind: 'billed',
    };
    // The billed currency keeps apart rows of one day and dimensions billed
    // in two currencies (each converted on its own, DESIGN §9.3).
    return pushUsageRow(sourceId, group.provider, record, [
      group.provider,
      group.currency,
    ]);
  });
}

import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import type { UsageAmounts, UsageGroup } from '../attribution/attributeUsage';
import { AMOUNT_KEYS } from '../attribution/usageAmounts';
import { isPostgres, selectArrays } from './bulkInsert';
import { chunks, dbNumber, sumsAs } from './dbHelpers';
import { inDays } from './usageUpsert';
import type { UsageDays } from './UsageWindowWriter';

/**
 * Raw usage summed the way attribution reads it: per source, day, model
 * and the dimensions claims and allocation rules match. Re-attribution reads
 * the sums kept in `ai_cost_usage_groups` (docs/benchmarks.md, attribution
 * rebuild): every write of usage marks its days in
 * `ai_cost_usage_stale_days` in its own transaction, and a re-attribution
 * of a window sums its marked days again before reading them. Grouping by
 * user (an allocation rule matches on it) reads raw usage instead.
 */

/** The columns of raw usage attribution groups it by: what claims and allocation rules match, per day and model. */
const CLAIMABLE_DIMENSIONS = [
  'provider',
  'account_id',
  'project_id',
  'resource_id',
  'api_key_id',
  'tags',
  'date',
  'model',
  'region',
  'service_tier',
];

/** What `ai_cost_usage_groups` groups by besides the source, as in raw usage. */
const GROUPED_COLUMNS = [
  ...CLAIMABLE_DIMENSIONS,
  'category',
  // Converted spend stays apart per billed currency (DESIGN §9.3).
  'original_currency',
];

// Gateway usage keeps the upstream provider as its line item
// (modelProviderOf); other sources' line items are not grouped by.
const UPSTREAM = "case when provider = 'gateway' then line_item end";
// Expensed spend is claimed by employee (userId claims of their groups).
const EMPLOYEE = "case when provider = 'expense' then user_id end";

/** The columns of each of {@link UsageAmounts}, as the tables that keep them name them. */
export const AMOUNT_SUMS: Record<keyof UsageAmounts, string> = {
  cost: 'cost_micros',
  estimatedOnly: 'estimated_only_micros',
  inputTokens: 'input_tokens',
  cachedInputTokens: 'cached_input_tokens',
  cacheWriteTokens: 'cache_write_tokens',
  outputTokens: 'output_tokens',
  reasoningTokens: 'reasoning_tokens',
  requests: 'requests',
};

/** The sums of `ai_cost_usage_groups`, named like {@link UsageAmounts}. */
const GROUP_SUMS = { ...AMOUNT_SUMS, originalCost: 'original_cost' };

/** Marked days per statement. */
const DAYS_PER_STATEMENT = 1_000;

/** The amounts summed column by column, in the order {@link usageSums} selects them. */
const SUMMED_AMOUNTS = AMOUNT_KEYS.filter(key => key !== 'estimatedOnly');

/** The columns of `ai_cost_usage_groups`, in the order a grouping of raw usage selects them. */
const STORED_COLUMNS = [
  'source_id',
  ...GROUPED_COLUMNS,
  'upstream',
  'employee',
  ...SUMMED_AMOUNTS.map(key => GROUP_SUMS[key]),
  GROUP_SUMS.estimatedOnly,
  GROUP_SUMS.originalCost,
];

/** Sums of raw usage, named like {@link UsageAmounts}: {@link SUMMED_AMOUNTS}, then `estimatedOnly`. */
export function usageSums(db: Knex) {
  return [
    ...sumsAs(
      db,
      Object.fromEntries(SUMMED_AMOUNTS.map(key => [key, GROUP_SUMS[key]])),
    ),
    db.raw(
      "coalesce(sum(case when cost_kind = 'estimated' then cost_micros else 0 end), 0) as ??",
      ['estimatedOnly'],
    ),
  ];
}

/** Raw usage of a source's days summed as `ai_cost_usage_groups` keeps it (and by user too, if asked). */
function groupingQuery(
  db: Knex,
  options: { sourceId?: string; days: UsageDays; byUser?: boolean },
) {
  const dimensions = [
    'source_id',
    ...GROUPED_COLUMNS,
    ...(options.byUser ? ['user_id'] : []),
  ];
  const query = db('ai_cost_usage')
    .select(
      ...dimensions,
      db.raw(`${UPSTREAM} as upstream`),
      db.raw(`${EMPLOYEE} as employee`),
      ...usageSums(db),
      db.raw('sum(original_cost) as ??', ['originalCost']),
    )
    .modify(inDays(db, options.days))
    .groupBy(dimensions)
    .groupByRaw(UPSTREAM)
    .groupByRaw(EMPLOYEE);
  if (options.sourceId !== undefined)
    query.where('source_id', options.sourceId);
  return query;
}

/**
 * A usage group from the columns a grouping (or `ai_cost_usage_groups`)
 * selects, in their order: the source, {@link GROUPED_COLUMNS}, the user
 * when grouped by it, upstream, employee, then the sums.
 */
function toUsageGroup(values: unknown[], byUser?: boolean): UsageGroup {
  const v = values as any[];
  let i = 1 + GROUPED_COLUMNS.length;
  const userId = byUser ? v[i++] : undefined;
  const upstream = v[i++];
  const employee = v[i++];
  const group: UsageGroup = {
    sourceId: v[0],
    provider: v[1],
    accountId: v[2],
    projectId: v[3],
    resourceId: v[4],
    apiKeyId: v[5],
    tags: v[6] ? JSON.parse(v[6]) : null,
    date: v[7],
    model: v[8] ?? '',
    region: v[9],
    serviceTier: v[10],
    category: v[11],
    originalCurrency: v[12],
    lineItem: upstream,
    cost: dbNumber(v[i]),
    inputTokens: dbNumber(v[i + 1]),
    cachedInputTokens: dbNumber(v[i + 2]),
    cacheWriteTokens: dbNumber(v[i + 3]),
    outputTokens: dbNumber(v[i + 4]),
    reasoningTokens: dbNumber(v[i + 5]),
    requests: dbNumber(v[i + 6]),
    estimatedOnly: dbNumber(v[i + 7]),
    originalCost: v[12] === null ? null : dbNumber(v[i + 8]),
  };
  if (byUser || employee) group.userId = byUser ? userId : employee;
  return group;
}

/** Raw usage summed by what claims and allocation rules match, per source, day and model. */
export async function groupRawUsage(
  db: Knex,
  options: {
    window: UsageWindow;
    sourceId?: string;
    days?: string[];
    byUser?: boolean;
  },
): Promise<UsageGroup[]> {
  const { window, days, byUser } = options;
  const query = groupingQuery(db, { ...options, days: window });
  if (days) query.modify(inDays(db, { days }));
  const rows = await selectArrays(db, query);
  return rows.map(row => toUsageGroup(row, byUser));
}

/**
 * Marks a source's days as written: their groups are summed again before a
 * re-attribution reads them. Part of every usage write's transaction.
 */
export async function markUsageStale(
  tx: Knex.Transaction,
  sourceId: string,
  days: UsageDays,
): Promise<void> {
  const list =
    'days' in days ? [...new Set(days.days)] : eachDay(days.from, days.to);
  for (const batch of chunks(list, DAYS_PER_STATEMENT)) {
    await tx('ai_cost_usage_stale_days')
      .insert(batch.map(date => ({ source_id: sourceId, date })))
      .onConflict(['source_id', 'date'])
      .ignore();
  }
}

/**
 * Takes the marks of a source's written days of a window off and answers
 * those days. On PostgreSQL a write that marks one of them after this waits
 * for the transaction and marks it again, so a day is never unmarked with
 * usage its groups do not include.
 */
async function takeStaleDays(
  tx: Knex.Transaction,
  sourceId: string,
  window: UsageWindow,
): Promise<string[]> {
  const marked = () =>
    tx('ai_cost_usage_stale_days')
      .where('source_id', sourceId)
      .whereBetween('date', [window.from, window.to]);
  if (isPostgres(tx)) {
    const rows: Array<{ date: string }> = await marked()
      .delete()
      .returning('date');
    return rows.map(row => row.date);
  }
  // SQLite has one writer: nothing marks a day between these statements.
  const rows: Array<{ date: string }> = await marked().select('date');
  await marked().delete();
  return rows.map(row => row.date);
}

/** A source's kept groups of some days. */
async function keptGroups(
  tx: Knex.Transaction,
  sourceId: string,
  window: UsageWindow,
  days?: string[],
): Promise<UsageGroup[]> {
  const query = tx('ai_cost_usage_groups')
    .select(STORED_COLUMNS)
    .where('source_id', sourceId)
    .whereBetween('date', [window.from, window.to]);
  if (days) query.modify(inDays(tx, { days }));
  const rows = await selectArrays(tx, query);
  return rows.map(row => toUsageGroup(row));
}

/**
 * A source's usage groups of a window, in the caller's transaction. A whole
 * window (a run's, a rebuild's) sums its marked days again and keeps them.
 * Some days only (a push's today, the days a changed claim touches) read
 * their marked days from raw usage and leave them marked: a push, which
 * re-attributes today after every batch, does not write groups the next
 * batch makes stale again.
 */
export async function storedUsageGroups(
  tx: Knex.Transaction,
  options: { sourceId: string; window: UsageWindow; days?: string[] },
): Promise<UsageGroup[]> {
  const { sourceId, window, days } = options;
  if (days) {
    const marked = new Set<string>(
      (
        await tx('ai_cost_usage_stale_days')
          .select('date')
          .where('source_id', sourceId)
          .modify(inDays(tx, { days }))
      ).map((row: { date: string }) => row.date),
    );
    const fresh = days.filter(day => !marked.has(day));
    const groups =
      marked.size > 0
        ? await groupRawUsage(tx, { window, sourceId, days: [...marked] })
        : [];
    if (fresh.length > 0) {
      for (const group of await keptGroups(tx, sourceId, window, fresh)) {
        groups.push(group);
      }
    }
    return groups;
  }
  const stale = await takeStaleDays(tx, sourceId, window);
  if (stale.length > 0) {
    await tx('ai_cost_usage_groups')
      .where('source_id', sourceId)
      .modify(inDays(tx, { days: stale }))
      .delete();
    const grouping = groupingQuery(tx, {
      sourceId,
      days: { days: stale },
    }).toSQL();
    await tx.raw(
      `insert into ai_cost_usage_groups (${STORED_COLUMNS.join(', ')}) ${
        grouping.sql
      }`,
      grouping.bindings,
    );
  }
  return keptGroups(tx, sourceId, window);
}

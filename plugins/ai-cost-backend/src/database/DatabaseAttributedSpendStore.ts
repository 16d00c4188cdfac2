import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import type { ClaimedValue } from '../attribution/catalogSnapshot';
import { parseTagSelector } from '../attribution/claims';
import {
  allocationTagsJson,
  type AttributedRow,
  type UnallocatedRow,
  type UsageAmounts,
  type UsageGroup,
} from '../attribution/attributeUsage';
import { sumAmountRows } from '../attribution/usageAmounts';
import type {
  AmountsRow,
  AttributedColumn,
  AttributedSpendStore,
  OriginalCostSum,
  SourceUsageSpan,
  TagValueCost,
  UnallocatedAmounts,
  UnallocatedColumn,
} from './AttributionStore';
import { BulkStatement, isPostgres, pgArray } from './bulkInsert';
import { chunks, dbNumber, IN_CHUNK, sumsAs, tokenColumns } from './dbHelpers';
import { entityDailyDeltas } from './entityDailyDeltas';
import { monthSegments } from './monthSegments';
import {
  AMOUNT_SUMS,
  groupRawUsage,
  storedUsageGroups,
  usageSums,
} from './usageGroups';
import type {
  DbDailyRow,
  DbEntityDailyRow,
  DbTagDailyRow,
  DbUnallocatedRow,
} from './tables';
import { ALL_SPEND, tagDailyRows } from './tagDailyRows';

const COLUMNS: Record<AttributedColumn, string> = {
  entityRef: 'entity_ref',
  date: 'date',
  sourceId: 'source_id',
  provider: 'provider',
  model: 'model',
  modelProvider: 'model_provider',
  category: 'category',
  originalCurrency: 'original_currency',
  apiKeyId: 'api_key_id',
  allocationTags: 'allocation_tags',
  splitRuleId: 'split_rule_id',
  splitMethod: 'split_method',
};

const UNALLOCATED_COLUMNS: Record<UnallocatedColumn, string> = {
  date: 'date',
  provider: 'provider',
  dimension: 'dimension',
  value: 'value',
  model: 'model',
  category: 'category',
  allocationTags: 'allocation_tags',
};

/** Amounts read from columns named like {@link UsageAmounts}. */
export function amountsFrom(row: Record<string, unknown>): UsageAmounts {
  return {
    cost: dbNumber(row.cost),
    estimatedOnly: dbNumber(row.estimatedOnly),
    inputTokens: dbNumber(row.inputTokens),
    cachedInputTokens: dbNumber(row.cachedInputTokens),
    cacheWriteTokens: dbNumber(row.cacheWriteTokens),
    outputTokens: dbNumber(row.outputTokens),
    reasoningTokens: dbNumber(row.reasoningTokens),
    requests: dbNumber(row.requests),
  };
}

/** The amounts `ai_cost_unallocated_daily` keeps. */
const UNALLOCATED_SUMS: Record<keyof UnallocatedAmounts, string> = {
  cost: 'cost_micros',
  inputTokens: 'input_tokens',
  cachedInputTokens: 'cached_input_tokens',
  cacheWriteTokens: 'cache_write_tokens',
  outputTokens: 'output_tokens',
  requests: 'requests',
};

/** Sources re-attributed at once on PostgreSQL (docs/benchmarks.md, attribution rebuild). */
const POSTGRES_REATTRIBUTE_CONCURRENCY = 3;

/**
 * `work_mem` of a re-attribution transaction on PostgreSQL: a month of a
 * large source has tens of thousands of usage groups (55,000 and 44 MB to
 * hash for a month of 170,000 usage rows in the benchmark). With the
 * default 4 MB PostgreSQL sorts them on disk and, to share that sort among
 * parallel workers, scans the whole usage table instead of the source's
 * days (docs/benchmarks.md, attribution rebuild). Set for the transaction
 * only.
 */
const POSTGRES_REATTRIBUTE_WORK_MEM = '64MB';

const INSERT_DAILY = new BulkStatement<DbDailyRow>('ai_cost_daily', [
  ['entity_ref', 'text'],
  ['date', 'text'],
  ['source_id', 'text'],
  ['provider', 'text'],
  ['model', 'text'],
  ['model_provider', 'text', ''],
  ['category', 'text', ''],
  ['api_key_id', 'text'],
  ['cost_micros', 'bigint'],
  ['estimated_only_micros', 'bigint'],
  ['input_tokens', 'bigint'],
  ['cached_input_tokens', 'bigint'],
  ['cache_write_tokens', 'bigint'],
  ['output_tokens', 'bigint'],
  ['reasoning_tokens', 'bigint'],
  ['requests', 'bigint'],
  ['conflict', 'boolean'],
  ['allocation_tags', 'text'],
  ['split_rule_id', 'text'],
  ['split_method', 'text'],
  ['original_cost', 'bigint'],
  ['original_currency', 'text'],
]);

const INSERT_UNALLOCATED = new BulkStatement<DbUnallocatedRow>(
  'ai_cost_unallocated_daily',
  [
    ['date', 'text'],
    ['source_id', 'text'],
    ['provider', 'text'],
    ['dimension', 'text'],
    ['value', 'text'],
    ['model', 'text'],
    ['category', 'text', ''],
    ['cost_micros', 'bigint'],
    ['input_tokens', 'bigint'],
    ['cached_input_tokens', 'bigint'],
    ['cache_write_tokens', 'bigint'],
    ['output_tokens', 'bigint'],
    ['requests', 'bigint'],
    ['allocation_tags', 'text'],
    ['original_cost', 'bigint'],
    ['original_currency', 'text'],
  ],
);

const INSERT_TAG_DAILY = new BulkStatement<DbTagDailyRow>('ai_cost_tag_daily', [
  ['source_id', 'text'],
  ['date', 'text'],
  ['tag_key', 'text'],
  ['tag_value', 'text'],
  ['cost_micros', 'bigint'],
  ['unallocated_micros', 'bigint'],
]);

const ADD_TO_ENTITY_DAILY =
  'on conflict (date, entity_ref) do update set cost_micros = ai_cost_entity_daily.cost_micros + excluded.cost_micros';

/**
 * Adds to each entity's cost of a day over all sources (commutes with other
 * sources' additions); on PostgreSQL it returns the rows as they now stand.
 */
const ADD_ENTITY_DAILY = new BulkStatement<DbEntityDailyRow>(
  'ai_cost_entity_daily',
  [
    ['date', 'text'],
    ['entity_ref', 'text'],
    ['cost_micros', 'bigint'],
  ],
  {
    postgres: `${ADD_TO_ENTITY_DAILY} returning date, entity_ref, cost_micros`,
    sqlite: ADD_TO_ENTITY_DAILY,
  },
);

/** Keys per PostgreSQL statement deleting `ai_cost_entity_daily` rows at zero. */
const PG_KEYS_PER_DELETE = 5_000;

/** What `sumAttributedCost` reads from `ai_cost_entity_daily` when grouped by these alone. */
const ENTITY_DAILY_COLUMNS: Partial<Record<AttributedColumn, string>> = {
  entityRef: 'entity_ref',
  date: 'date',
};

/** The tables `reattribute` replaces a source's window of. */
const ATTRIBUTED_TABLES = [
  'ai_cost_daily',
  'ai_cost_unallocated_daily',
  'ai_cost_tag_daily',
];

/**
 * The order `ai_cost_daily` rows are written in: each entity's rows of the
 * window side by side. SQLite has no covering index, so a page view reads
 * every row it sums from the table; written in the order usage groups come
 * (by day) an entity's rows sat on a page each, and a team's first view
 * took three times as long (docs/benchmarks.md, attribution rebuild).
 */
function entityThenDay(a: DbDailyRow, b: DbDailyRow): number {
  if (a.entity_ref !== b.entity_ref)
    return a.entity_ref < b.entity_ref ? -1 : 1;
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return 0;
}

function toDailyRow(row: AttributedRow): DbDailyRow {
  return {
    entity_ref: row.entityRef,
    date: row.date,
    source_id: row.sourceId,
    provider: row.provider,
    model: row.model,
    model_provider: row.modelProvider,
    category: row.category,
    api_key_id: row.apiKeyId,
    cost_micros: row.cost,
    estimated_only_micros: row.estimatedOnly,
    ...tokenColumns(row),
    conflict: row.conflict,
    allocation_tags: allocationTagsJson(row.allocationTags),
    split_rule_id: row.splitRuleId,
    split_method: row.splitMethod,
    original_cost: row.originalCurrency ? row.originalCost : null,
    original_currency: row.originalCurrency || null,
  };
}

function toUnallocatedRow(row: UnallocatedRow): DbUnallocatedRow {
  return {
    date: row.date,
    source_id: row.sourceId,
    provider: row.provider,
    dimension: row.dimension,
    value: row.value,
    model: row.model,
    category: row.category,
    cost_micros: row.cost,
    input_tokens: row.inputTokens,
    cached_input_tokens: row.cachedInputTokens,
    cache_write_tokens: row.cacheWriteTokens,
    output_tokens: row.outputTokens,
    requests: row.requests,
    allocation_tags: allocationTagsJson(row.allocationTags),
    original_cost: row.originalCurrency ? row.originalCost : null,
    original_currency: row.originalCurrency || null,
  };
}

/** Claimed values per statement of `daysWithClaimedValues`. */
const CLAIMED_VALUES_PER_QUERY = 200;

/** Usage columns of the claim dimensions matched by equality, as ClaimIndex matches them. */
const CLAIMED_COLUMNS: Partial<Record<string, string>> = {
  apiKeyId: 'api_key_id',
  projectId: 'project_id',
  accountId: 'account_id',
};

/**
 * Usage that carries a claimed value, or may: ids as stated, employees
 * case-insensitively, a resource id by prefix (case-insensitively, as some
 * providers' are), a tag selector `k=v,k2=v2` by each pair in the stored
 * tags JSON.
 */
function claimedValue(value: ClaimedValue, postgres: boolean) {
  return (q: Knex.QueryBuilder) => {
    const column = CLAIMED_COLUMNS[value.dimension];
    if (column) {
      q.where(column, value.value);
    } else if (value.dimension === 'userId') {
      q.whereRaw('lower(user_id) = lower(?)', [value.value]);
    } else if (value.dimension === 'resourceId') {
      q.whereRaw('substr(lower(resource_id), 1, ?) = lower(?)', [
        value.value.length,
        value.value,
      ]);
    } else if (value.dimension === 'tag') {
      for (const { key, value: tag } of parseTagSelector(value.value)) {
        const pair = `${JSON.stringify(key)}:${JSON.stringify(tag)}`;
        q.whereRaw(
          postgres
            ? 'strpos(lower(tags), lower(?)) > 0'
            : 'instr(lower(tags), lower(?)) > 0',
          [pair],
        );
      }
    } else {
      throw new Error(`Unknown claim dimension ${value.dimension}`);
    }
  };
}

/**
 * Adds the deltas of a re-attribution to `ai_cost_entity_daily` and removes
 * the rows they brought to zero (an entity that lost a day's spend). On
 * PostgreSQL the upsert returns the rows it wrote and only those at zero are
 * deleted, by key: rows the transaction already locked, so it waits for no
 * other source's re-attribution. SQLite has one writer and deletes the zero
 * rows of the re-attributed days.
 */
async function addEntityDailyDeltas(
  tx: Knex.Transaction,
  deltas: readonly DbEntityDailyRow[],
  days: { window: UsageWindow; days?: string[] },
) {
  const written = (await ADD_ENTITY_DAILY.run(
    tx,
    deltas,
  )) as DbEntityDailyRow[];
  if (!isPostgres(tx)) {
    const query = tx('ai_cost_entity_daily')
      .where('cost_micros', 0)
      .whereBetween('date', [days.window.from, days.window.to]);
    if (days.days) query.whereIn('date', days.days);
    await query.delete();
    return;
  }
  const zero = written.filter(row => Number(row.cost_micros) === 0);
  for (const batch of chunks(zero, PG_KEYS_PER_DELETE)) {
    await tx.raw(
      `delete from ai_cost_entity_daily d
        using unnest(?::text[], ?::text[]) as k(date, entity_ref)
        where d.date = k.date and d.entity_ref = k.entity_ref`,
      [
        pgArray(batch.map(row => row.date)),
        pgArray(batch.map(row => row.entity_ref)),
      ],
    );
  }
}

/**
 * Raises the versions page views cache answers under, in the transaction
 * that rewrote the spend, so answers cached before are not read once it
 * commits: of each day re-attributed alone (a push's today stays the only
 * part read again), or of each month of a whole window, whose days'
 * versions the new month versions supersede.
 */
async function raiseAttributedVersions(
  tx: Knex.Transaction,
  options: { sourceId: string; window: UsageWindow; days?: string[] },
) {
  const { sourceId, window, days } = options;
  /** Adds one to the source's version of each period, from 1 for a new one. */
  const raise = (table: string, column: string, periods: string[]) =>
    tx(table)
      .insert(
        periods.map(period => ({
          source_id: sourceId,
          [column]: period,
          version: 1,
        })),
      )
      .onConflict(['source_id', column])
      .merge({ version: tx.raw('??.version + 1', [table]) });
  if (days) {
    if (days.length > 0) {
      await raise('ai_cost_attributed_day_versions', 'date', days);
    }
    return;
  }
  const segments = monthSegments(window);
  if (segments.length === 0) return;
  await raise(
    'ai_cost_attributed_versions',
    'month',
    segments.map(segment => segment.month),
  );
  await tx('ai_cost_attributed_day_versions')
    .where('source_id', sourceId)
    // Every day of those months.
    .whereBetween('date', [
      `${segments[0].month}-01`,
      `${segments[segments.length - 1].month}-31`,
    ])
    .delete();
}

/** Cost alone of a window of a daily table, summed by some of its columns. */
async function sumCost<K extends string>(
  db: Knex,
  table: string,
  columns: Record<K, string>,
  options: { window: UsageWindow; groupBy: K[] },
): Promise<Array<Record<K, string> & { cost: number }>> {
  const { window, groupBy } = options;
  const query = db(table)
    .select(
      ...groupBy.map(key => db.raw('?? as ??', [columns[key], key])),
      ...sumsAs(db, { cost: 'cost_micros' }),
    )
    .whereBetween('date', [window.from, window.to]);
  if (groupBy.length > 0) query.groupBy(groupBy.map(key => columns[key]));
  const rows = await query;
  return rows.map((row: any) => {
    const out: Record<string, unknown> = { cost: dbNumber(row.cost) };
    for (const key of groupBy) out[key] = row[key];
    return out as Record<K, string> & { cost: number };
  });
}

/** The knex implementation of {@link AttributedSpendStore}, on SQLite and PostgreSQL. */
export class DatabaseAttributedSpendStore implements AttributedSpendStore {
  /**
   * PostgreSQL serves each source's transaction on its own connection and
   * backend process, so while one source's usage is read another's rows are
   * attributed in JavaScript or written; SQLite has one writer.
   */
  readonly reattributeConcurrency: number;

  constructor(private readonly db: Knex) {
    this.reattributeConcurrency = isPostgres(db)
      ? POSTGRES_REATTRIBUTE_CONCURRENCY
      : 1;
  }

  async usageSpans(providers?: string[]): Promise<SourceUsageSpan[]> {
    // One statement: a source's first and last day are probes of the
    // natural key's (source_id, date) prefix, never a scan of its usage.
    const day = (fn: 'min' | 'max') =>
      this.db('ai_cost_usage as u')
        [fn]('u.date')
        .whereRaw('?? = ??', ['u.source_id', 's.id']);
    const query = this.db('ai_cost_sources as s')
      .select('s.id', 's.provider', { from: day('min'), to: day('max') })
      .orderBy('s.id');
    if (providers) {
      // A source of one of the kinds, or one whose usage names one of the
      // providers (FOCUS files name each row's).
      query.where(q =>
        q
          .whereIn('s.provider', providers)
          .orWhereExists(
            this.db('ai_cost_usage as u')
              .select(this.db.raw('1'))
              .whereRaw('?? = ??', ['u.source_id', 's.id'])
              .whereIn('u.provider', providers),
          ),
      );
    }
    const rows: Array<{
      id: string;
      provider: string;
      from: string | null;
      to: string | null;
    }> = await query;
    return rows.flatMap(row =>
      row.from && row.to
        ? [
            {
              sourceId: row.id,
              provider: row.provider,
              from: row.from,
              to: row.to,
            },
          ]
        : [],
    );
  }

  async attributedVersions() {
    const rows: Array<{
      source_id: string;
      month: string;
      day: string;
      version: number | string;
    }> = await this.db
      // A month's version first: '' sorts before its days on both databases.
      .select('source_id', 'month', this.db.raw("'' as day"), 'version')
      .from('ai_cost_attributed_versions')
      .unionAll(q =>
        q
          .select(
            'source_id',
            this.db.raw('substr(date, 1, 7) as month'),
            'date as day',
            'version',
          )
          .from('ai_cost_attributed_day_versions'),
      )
      .orderBy(['source_id', 'month', 'day']);
    return rows.map(row => ({
      sourceId: row.source_id,
      month: row.month,
      ...(row.day ? { day: row.day } : {}),
      version: dbNumber(row.version),
    }));
  }

  async historyStarts(): Promise<Array<{ sourceId: string; from: string }>> {
    // One statement: min(date) of each source is a correlated probe of the
    // natural key's (source_id, date) prefix.
    const sources: Array<{
      id: string;
      backfilled_from: string | null;
      first_day: string | null;
    }> = await this.db('ai_cost_sources as s')
      .select('s.id', 's.backfilled_from', {
        first_day: this.db('ai_cost_usage as u')
          .min('u.date')
          .whereRaw('?? = ??', ['u.source_id', 's.id']),
      })
      .orderBy('s.id');
    return sources.flatMap(source => {
      const days = [source.backfilled_from, source.first_day].filter(
        (day): day is string => typeof day === 'string' && day !== '',
      );
      if (days.length === 0) return [];
      return [{ sourceId: source.id, from: days.sort()[0] }];
    });
  }

  async daysWithClaimedValues(values: ClaimedValue[]) {
    const days = new Map<string, Set<string>>();
    for (const batch of chunks(values, CLAIMED_VALUES_PER_QUERY)) {
      const rows: Array<{ source_id: string; date: string }> = await this.db(
        'ai_cost_usage',
      )
        .distinct('source_id', 'date')
        .where(query => {
          for (const value of batch) {
            query.orWhere(q =>
              q
                .where('provider', value.provider)
                .where(claimedValue(value, isPostgres(this.db))),
            );
          }
        });
      for (const row of rows) {
        const set = days.get(row.source_id) ?? new Set<string>();
        set.add(row.date);
        days.set(row.source_id, set);
      }
    }
    return [...days]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([sourceId, set]) => ({ sourceId, days: [...set].sort() }));
  }

  async reattribute(options: {
    sourceId: string;
    window: UsageWindow;
    days?: string[];
    attribute: (groups: UsageGroup[]) => {
      attributed: AttributedRow[];
      unallocated: UnallocatedRow[];
    };
    /** Group by user too (an allocation rule matches on it). */
    byUser?: boolean;
  }) {
    const { sourceId, window, days } = options;
    return this.db.transaction(async tx => {
      // Serialises with ingestion of the same source, which updates this row.
      await tx('ai_cost_sources').where({ id: sourceId }).forUpdate().first();
      if (isPostgres(tx)) {
        await tx.raw(`SET LOCAL work_mem = '${POSTGRES_REATTRIBUTE_WORK_MEM}'`);
      }
      const groups = options.byUser
        ? await groupRawUsage(tx, { window, days, sourceId, byUser: true })
        : await storedUsageGroups(tx, { sourceId, window, days });
      const { attributed, unallocated } = options.attribute(groups);

      const ofTheseDays = (table: string) => {
        const query = tx(table)
          .where('source_id', sourceId)
          .whereBetween('date', [window.from, window.to]);
        if (days) query.whereIn('date', days);
        return query;
      };
      const replaced = await ofTheseDays('ai_cost_daily')
        .select('date', tx.raw('?? as ??', ['entity_ref', 'entityRef']))
        .sum({ cost: 'cost_micros' })
        .groupBy('date', 'entity_ref');
      for (const table of ATTRIBUTED_TABLES) {
        await ofTheseDays(table).delete();
      }
      await INSERT_DAILY.run(
        tx,
        attributed.map(toDailyRow).sort(entityThenDay),
      );
      await INSERT_UNALLOCATED.run(tx, unallocated.map(toUnallocatedRow));
      await INSERT_TAG_DAILY.run(tx, tagDailyRows(attributed, unallocated));
      const deltas = entityDailyDeltas(
        replaced.map((row: any) => ({ ...row, cost: dbNumber(row.cost) })),
        attributed,
      );
      await addEntityDailyDeltas(tx, deltas, { window, days });
      await raiseAttributedVersions(tx, { sourceId, window, days });
      return {
        attributedRows: attributed.length,
        unallocatedRows: unallocated.length,
      };
    });
  }

  usageGroups(options: { window: UsageWindow; byUser?: boolean }) {
    return groupRawUsage(this.db, options);
  }

  async sumAttributed<K extends AttributedColumn>(options: {
    window: UsageWindow;
    entityRefs?: string[];
    sourceIds?: string[];
    groupBy: K[];
  }): Promise<Array<AmountsRow<K> & OriginalCostSum>> {
    const { window, entityRefs, sourceIds, groupBy } = options;
    // Only queries by billed currency read original_cost (page views keep
    // their covering indexes).
    const byOriginal = (groupBy as string[]).includes('originalCurrency');
    const run = (refs?: string[]) => {
      const query = this.db('ai_cost_daily')
        .select(
          ...groupBy.map(key => this.db.raw('?? as ??', [COLUMNS[key], key])),
          ...sumsAs(this.db, AMOUNT_SUMS),
          ...(byOriginal
            ? sumsAs(this.db, { originalCost: 'original_cost' })
            : []),
        )
        .whereBetween('date', [window.from, window.to]);
      if (refs) query.whereIn('entity_ref', refs);
      if (sourceIds) query.whereIn('source_id', sourceIds);
      if (groupBy.length > 0) query.groupBy(groupBy.map(key => COLUMNS[key]));
      return query;
    };
    const toRow = (row: any) => {
      const out: Record<string, unknown> = { ...amountsFrom(row) };
      if (byOriginal) out.originalCost = dbNumber(row.originalCost);
      for (const key of groupBy) out[key] = row[key];
      return out as AmountsRow<K> & OriginalCostSum;
    };
    if (!entityRefs) return (await run()).map(toRow);
    if (entityRefs.length === 0) return groupBy.length ? [] : [toRow({})];

    const rows: Array<AmountsRow<K> & OriginalCostSum> = [];
    for (const refs of chunks(entityRefs, IN_CHUNK)) {
      for (const row of await run(refs)) rows.push(toRow(row));
    }
    return sumAmountRows(rows, groupBy);
  }

  async sumAttributedCost<K extends AttributedColumn>(options: {
    window: UsageWindow;
    groupBy: K[];
  }) {
    const byEntityAndDay = options.groupBy.every(
      key => ENTITY_DAILY_COLUMNS[key],
    );
    return byEntityAndDay
      ? sumCost(
          this.db,
          'ai_cost_entity_daily',
          ENTITY_DAILY_COLUMNS as Record<K, string>,
          options,
        )
      : sumCost(this.db, 'ai_cost_daily', COLUMNS, options);
  }

  async sumUnallocated(window: UsageWindow) {
    const rows = await this.db('ai_cost_unallocated_daily')
      .select(
        'provider',
        'dimension',
        'value',
        ...sumsAs(this.db, UNALLOCATED_SUMS),
      )
      .whereBetween('date', [window.from, window.to])
      .groupBy('provider', 'dimension', 'value');
    return rows.map((row: any) => ({
      provider: row.provider,
      dimension: row.dimension,
      value: row.value,
      ...amountsFrom(row),
    }));
  }

  async sumUnallocatedCost<K extends UnallocatedColumn>(options: {
    window: UsageWindow;
    groupBy: K[];
  }) {
    return sumCost(
      this.db,
      'ai_cost_unallocated_daily',
      UNALLOCATED_COLUMNS,
      options,
    );
  }

  async sumTagValues(options: { window: UsageWindow; tag: string }) {
    const { window, tag } = options;
    const rows = await this.db('ai_cost_tag_daily')
      .select('tag_key', 'tag_value')
      .sum({ cost: 'cost_micros', unallocatedCost: 'unallocated_micros' })
      .whereIn('tag_key', [ALL_SPEND, tag])
      .whereBetween('date', [window.from, window.to])
      .groupBy('tag_key', 'tag_value');
    let total = { cost: 0, unallocatedCost: 0 };
    const values: TagValueCost[] = [];
    for (const row of rows as any[]) {
      const sums = {
        cost: dbNumber(row.cost),
        unallocatedCost: dbNumber(row.unallocatedCost),
      };
      if (row.tag_key === ALL_SPEND) total = sums;
      else values.push({ value: row.tag_value, ...sums });
    }
    const valued = values.reduce(
      (sum, v) => ({
        cost: sum.cost + v.cost,
        unallocatedCost: sum.unallocatedCost + v.unallocatedCost,
      }),
      { cost: 0, unallocatedCost: 0 },
    );
    const missing = {
      value: null,
      cost: total.cost - valued.cost,
      unallocatedCost: total.unallocatedCost - valued.unallocatedCost,
    };
    return missing.cost !== 0 || missing.unallocatedCost !== 0
      ? [...values, missing]
      : values;
  }

  async sumUnallocatedDaily(window: UsageWindow) {
    const rows = await this.db('ai_cost_unallocated_daily')
      .select(
        'date',
        'provider',
        'dimension',
        'value',
        'model',
        this.db.raw('?? as ??', ['allocation_tags', 'allocationTags']),
        this.db.raw('?? as ??', ['original_currency', 'originalCurrency']),
        ...sumsAs(this.db, UNALLOCATED_SUMS),
        ...sumsAs(this.db, { originalCost: 'original_cost' }),
      )
      .whereBetween('date', [window.from, window.to])
      .groupBy(
        'date',
        'provider',
        'dimension',
        'value',
        'model',
        'allocation_tags',
        'original_currency',
      );
    return rows.map((row: any) => ({
      date: row.date,
      provider: row.provider,
      dimension: row.dimension,
      value: row.value,
      model: row.model,
      allocationTags: row.allocationTags,
      originalCurrency: row.originalCurrency ?? null,
      originalCost: dbNumber(row.originalCost),
      cost: dbNumber(row.cost),
      inputTokens: dbNumber(row.inputTokens),
      cachedInputTokens: dbNumber(row.cachedInputTokens),
      cacheWriteTokens: dbNumber(row.cacheWriteTokens),
      outputTokens: dbNumber(row.outputTokens),
      requests: dbNumber(row.requests),
    }));
  }

  async sumIngested(window: UsageWindow): Promise<UsageAmounts> {
    const [row] = await this.db('ai_cost_usage')
      .select(...usageSums(this.db))
      .whereBetween('date', [window.from, window.to]);
    return amountsFrom(row);
  }
}

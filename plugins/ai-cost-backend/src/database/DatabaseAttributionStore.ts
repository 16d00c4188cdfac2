import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { Knex } from 'knex';
import type {
  AttributedRow,
  UnallocatedRow,
  UsageAmounts,
  UsageGroup,
} from '../attribution/attributeUsage';
import type { CatalogSnapshot } from '../attribution/catalogSnapshot';
import type { Claim } from '../attribution/claims';
import type {
  AmountsRow,
  AttributedColumn,
  AttributionStore,
  CatalogIndexState,
  SourceUsageSpan,
} from './AttributionStore';
import type {
  DbAttributionKeyRow,
  DbDailyRow,
  DbEntityRow,
  DbIndexStateRow,
  DbUnallocatedRow,
} from './tables';

/** Rows per insert: 16 columns × 400 stays under every database's parameter limit. */
const BATCH_SIZE = 400;
/** Entity refs per `IN (...)` list. */
const IN_CHUNK = 1000;

const COLUMNS: Record<AttributedColumn, string> = {
  entityRef: 'entity_ref',
  date: 'date',
  sourceId: 'source_id',
  provider: 'provider',
  model: 'model',
  apiKeyId: 'api_key_id',
};

const AMOUNT_SUMS: Record<keyof UsageAmounts, string> = {
  cost: 'cost_micros',
  estimatedOnly: 'estimated_only_micros',
  inputTokens: 'input_tokens',
  cachedInputTokens: 'cached_input_tokens',
  cacheWriteTokens: 'cache_write_tokens',
  outputTokens: 'output_tokens',
  reasoningTokens: 'reasoning_tokens',
  requests: 'requests',
};

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function amountsFrom(row: Record<string, unknown>): UsageAmounts {
  return {
    cost: num(row.cost),
    estimatedOnly: num(row.estimatedOnly),
    inputTokens: num(row.inputTokens),
    cachedInputTokens: num(row.cachedInputTokens),
    cacheWriteTokens: num(row.cacheWriteTokens),
    outputTokens: num(row.outputTokens),
    reasoningTokens: num(row.reasoningTokens),
    requests: num(row.requests),
  };
}

function sumSelects(db: Knex, columns: Record<string, string>) {
  return Object.entries(columns).map(([alias, column]) =>
    db.raw('coalesce(sum(??), 0) as ??', [column, alias]),
  );
}

/** Sums of raw usage, named like {@link UsageAmounts}. */
function usageSums(db: Knex) {
  const { estimatedOnly: _, ...columns } = AMOUNT_SUMS;
  return [
    ...sumSelects(db, columns),
    db.raw(
      "coalesce(sum(case when cost_kind = 'estimated' then cost_micros else 0 end), 0) as ??",
      ['estimatedOnly'],
    ),
  ];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

function toDailyRow(row: AttributedRow): DbDailyRow {
  return {
    entity_ref: row.entityRef,
    date: row.date,
    source_id: row.sourceId,
    provider: row.provider,
    model: row.model,
    api_key_id: row.apiKeyId,
    cost_micros: row.cost,
    estimated_only_micros: row.estimatedOnly,
    input_tokens: row.inputTokens,
    cached_input_tokens: row.cachedInputTokens,
    cache_write_tokens: row.cacheWriteTokens,
    output_tokens: row.outputTokens,
    reasoning_tokens: row.reasoningTokens,
    requests: row.requests,
    conflict: row.conflict,
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
    cost_micros: row.cost,
    input_tokens: row.inputTokens,
    cached_input_tokens: row.cachedInputTokens,
    cache_write_tokens: row.cacheWriteTokens,
    output_tokens: row.outputTokens,
    requests: row.requests,
  };
}

function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** The knex implementation of {@link AttributionStore}, on SQLite and PostgreSQL. */
export class DatabaseAttributionStore implements AttributionStore {
  /** Expects the plugin's migrations to have run (see `DatabaseAiCostStore.create`). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAttributionStore> {
    return new DatabaseAttributionStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async replaceCatalogSnapshot(snapshot: CatalogSnapshot, fingerprint: string) {
    const entities: DbEntityRow[] = snapshot.entities.map(e => ({
      entity_ref: e.entityRef,
      kind: e.kind,
      title: e.title ?? null,
      owner_ref: e.ownerRef ?? null,
      part_of: JSON.stringify(e.partOf),
      child_of: JSON.stringify(e.childOf),
      monthly_budget: e.monthlyBudget ?? null,
    }));
    const keys: DbAttributionKeyRow[] = snapshot.claims.map(c => ({
      entity_ref: c.entityRef,
      annotation: c.annotation,
      provider: c.provider,
      dimension: c.dimension,
      value: c.value,
      specificity: c.specificity,
    }));
    const state: DbIndexStateRow = {
      id: 1,
      fingerprint,
      built_at: new Date(),
      entity_count: entities.length,
      problems: JSON.stringify(snapshot.problems),
    };
    await this.db.transaction(async tx => {
      await tx('ai_cost_entities').delete();
      await tx('ai_cost_attribution_keys').delete();
      for (const batch of chunks(entities, BATCH_SIZE)) {
        await tx('ai_cost_entities').insert(batch);
      }
      for (const batch of chunks(keys, BATCH_SIZE)) {
        await tx('ai_cost_attribution_keys').insert(batch);
      }
      await tx('ai_cost_index_state').insert(state).onConflict('id').merge();
    });
  }

  async getIndexState(): Promise<CatalogIndexState | undefined> {
    const row = await this.db<DbIndexStateRow>('ai_cost_index_state')
      .where({ id: 1 })
      .first();
    if (!row) return undefined;
    return {
      fingerprint: row.fingerprint,
      builtAt: toIso(row.built_at),
      entityCount: num(row.entity_count),
      problems: JSON.parse(row.problems),
    };
  }

  async loadCatalogSnapshot() {
    return this.db.transaction(async tx => {
      const stateRow = await tx<DbIndexStateRow>('ai_cost_index_state')
        .where({ id: 1 })
        .first();
      if (!stateRow) return undefined;
      const entityRows = await tx<DbEntityRow>('ai_cost_entities');
      const keyRows = await tx<DbAttributionKeyRow>(
        'ai_cost_attribution_keys',
      ).orderBy('id');
      const state: CatalogIndexState = {
        fingerprint: stateRow.fingerprint,
        builtAt: toIso(stateRow.built_at),
        entityCount: num(stateRow.entity_count),
        problems: JSON.parse(stateRow.problems),
      };
      const snapshot: CatalogSnapshot = {
        entities: entityRows.map(row => ({
          entityRef: row.entity_ref,
          kind: row.kind,
          ...(row.title ? { title: row.title } : {}),
          ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
          partOf: JSON.parse(row.part_of),
          childOf: JSON.parse(row.child_of),
          ...(row.monthly_budget !== null
            ? { monthlyBudget: row.monthly_budget }
            : {}),
        })),
        claims: keyRows.map(row => ({
          entityRef: row.entity_ref,
          annotation: row.annotation,
          provider: row.provider,
          dimension: row.dimension as Claim['dimension'],
          value: row.value,
          specificity: num(row.specificity) as Claim['specificity'],
        })),
        problems: state.problems,
      };
      return { snapshot, state };
    });
  }

  async usageSpans(providers?: string[]): Promise<SourceUsageSpan[]> {
    const query = this.db('ai_cost_usage')
      .select('source_id', 'provider')
      .min({ from: 'date' })
      .max({ to: 'date' })
      .groupBy('source_id', 'provider')
      .orderBy('source_id');
    if (providers) query.whereIn('provider', providers);
    const rows = await query;
    return rows.map((row: any) => ({
      sourceId: row.source_id,
      provider: row.provider,
      from: row.from,
      to: row.to,
    }));
  }

  async reattribute(options: {
    sourceId: string;
    window: UsageWindow;
    attribute: (groups: UsageGroup[]) => {
      attributed: AttributedRow[];
      unallocated: UnallocatedRow[];
    };
  }) {
    const { sourceId, window } = options;
    return this.db.transaction(async tx => {
      // Serialises with ingestion of the same source, which updates this row.
      await tx('ai_cost_sources').where({ id: sourceId }).forUpdate().first();
      const usage = await tx('ai_cost_usage')
        .select(
          'provider',
          'account_id',
          'project_id',
          'resource_id',
          'api_key_id',
          'tags',
          'date',
          'model',
          ...usageSums(tx),
        )
        .where('source_id', sourceId)
        .whereBetween('date', [window.from, window.to])
        .groupBy(
          'provider',
          'account_id',
          'project_id',
          'resource_id',
          'api_key_id',
          'tags',
          'date',
          'model',
        );
      const groups: UsageGroup[] = usage.map((row: any) => ({
        sourceId,
        provider: row.provider,
        accountId: row.account_id,
        projectId: row.project_id,
        resourceId: row.resource_id,
        apiKeyId: row.api_key_id,
        tags: row.tags ? JSON.parse(row.tags) : null,
        date: row.date,
        model: row.model ?? '',
        ...amountsFrom(row),
      }));
      const { attributed, unallocated } = options.attribute(groups);

      for (const table of ['ai_cost_daily', 'ai_cost_unallocated_daily']) {
        await tx(table)
          .where('source_id', sourceId)
          .whereBetween('date', [window.from, window.to])
          .delete();
      }
      for (const batch of chunks(attributed.map(toDailyRow), BATCH_SIZE)) {
        await tx('ai_cost_daily').insert(batch);
      }
      for (const batch of chunks(
        unallocated.map(toUnallocatedRow),
        BATCH_SIZE,
      )) {
        await tx('ai_cost_unallocated_daily').insert(batch);
      }
      return {
        attributedRows: attributed.length,
        unallocatedRows: unallocated.length,
      };
    });
  }

  async sumAttributed<K extends AttributedColumn>(options: {
    window: UsageWindow;
    entityRefs?: string[];
    groupBy: K[];
  }): Promise<Array<AmountsRow<K>>> {
    const { window, entityRefs, groupBy } = options;
    const run = (refs?: string[]) => {
      const query = this.db('ai_cost_daily')
        .select(
          ...groupBy.map(key => this.db.raw('?? as ??', [COLUMNS[key], key])),
          ...sumSelects(this.db, AMOUNT_SUMS),
        )
        .whereBetween('date', [window.from, window.to]);
      if (refs) query.whereIn('entity_ref', refs);
      if (groupBy.length > 0) query.groupBy(groupBy.map(key => COLUMNS[key]));
      return query;
    };
    const toRow = (row: any) => {
      const out: Record<string, unknown> = { ...amountsFrom(row) };
      for (const key of groupBy) out[key] = row[key];
      return out as AmountsRow<K>;
    };
    if (!entityRefs) return (await run()).map(toRow);
    if (entityRefs.length === 0) return groupBy.length ? [] : [toRow({})];

    const merged = new Map<string, AmountsRow<K>>();
    for (const refs of chunks(entityRefs, IN_CHUNK)) {
      for (const row of (await run(refs)).map(toRow)) {
        const key = groupBy.map(k => row[k]).join('\u0000');
        const existing = merged.get(key);
        if (!existing) {
          merged.set(key, row);
          continue;
        }
        for (const amount of Object.keys(AMOUNT_SUMS) as Array<
          keyof UsageAmounts
        >) {
          existing[amount] += row[amount];
        }
      }
    }
    return [...merged.values()];
  }

  async sumUnallocated(window: UsageWindow) {
    const rows = await this.db('ai_cost_unallocated_daily')
      .select(
        'provider',
        'dimension',
        'value',
        ...sumSelects(this.db, {
          cost: 'cost_micros',
          inputTokens: 'input_tokens',
          cachedInputTokens: 'cached_input_tokens',
          cacheWriteTokens: 'cache_write_tokens',
          outputTokens: 'output_tokens',
          requests: 'requests',
        }),
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

  async sumIngested(window: UsageWindow): Promise<UsageAmounts> {
    const [row] = await this.db('ai_cost_usage')
      .select(...usageSums(this.db))
      .whereBetween('date', [window.from, window.to]);
    return amountsFrom(row);
  }
}

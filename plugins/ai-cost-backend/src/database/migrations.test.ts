import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { applyMigrations } from './migrations';

const migrationsDir = path.resolve(__dirname, '../../migrations');
const INIT = '20261122000000_init.js';

/** Every table of the initial schema. */
const INIT_TABLES = [
  'ai_cost_anomalies',
  'ai_cost_attribution_keys',
  'ai_cost_budget_alerts',
  'ai_cost_budgets',
  'ai_cost_daily',
  'ai_cost_entities',
  'ai_cost_focus_files',
  'ai_cost_focus_rows',
  'ai_cost_index_state',
  'ai_cost_push_events',
  'ai_cost_recommendations',
  'ai_cost_runs',
  'ai_cost_sources',
  'ai_cost_task_requests',
  'ai_cost_unallocated_daily',
  'ai_cost_usage',
];

/** Every table once all migrations ran. */
const TABLES = [
  ...INIT_TABLES,
  'ai_cost_allocation_rules',
  'ai_cost_anomaly_settings',
  'ai_cost_attributed_day_versions',
  'ai_cost_attributed_versions',
  'ai_cost_budget_requests',
  'ai_cost_chargeback_months',
  'ai_cost_digests',
  'ai_cost_entity_daily',
  'ai_cost_exchange_rates',
  'ai_cost_expense_files',
  'ai_cost_expense_lines',
  'ai_cost_metrics',
  'ai_cost_policy_exceptions',
  'ai_cost_policy_notices',
  'ai_cost_subscriptions',
  'ai_cost_tag_daily',
  'ai_cost_usage_groups',
  'ai_cost_usage_stale_days',
].sort();

/** Indexes of the initial schema other than primary keys, on both databases. */
const COMMON_INDEXES = [
  'ai_cost_anomalies.ai_cost_anomalies_entity_idx (entity_ref,start_date)',
  'ai_cost_anomalies.ai_cost_anomalies_ongoing_uq unique (entity_ref,model,start_date)',
  'ai_cost_attribution_keys.ai_cost_keys_entity_idx (entity_ref)',
  'ai_cost_attribution_keys.ai_cost_keys_lookup_idx (provider,dimension,value)',
  'ai_cost_budget_alerts.ai_cost_budget_alerts_once_uq unique (entity_ref,period_start,threshold,basis)',
  'ai_cost_daily.ai_cost_daily_source_date_idx (source_id,date)',
  'ai_cost_entities.ai_cost_entities_owner_idx (owner_ref)',
  'ai_cost_focus_files.ai_cost_focus_files_sha_idx (source_id,sha256)',
  'ai_cost_focus_files.ai_cost_focus_files_uq unique (source_id,file_id)',
  'ai_cost_focus_rows.ai_cost_focus_rows_source_date_idx (source_id,date)',
  'ai_cost_focus_rows.ai_cost_focus_rows_uq unique (source_id,file_id,line)',
  'ai_cost_push_events.ai_cost_push_events_source_date_idx (source_id,date)',
  'ai_cost_push_events.ai_cost_push_events_uq unique (source_id,event_id)',
  'ai_cost_recommendations.ai_cost_recommendations_status_idx (status)',
  'ai_cost_recommendations.ai_cost_recommendations_uq unique (entity_ref,rule,fingerprint)',
  'ai_cost_runs.ai_cost_runs_source_started_idx (source_id,started_at)',
  'ai_cost_unallocated_daily.ai_cost_unallocated_date_idx (date)',
  'ai_cost_unallocated_daily.ai_cost_unallocated_source_date_idx (source_id,date)',
  'ai_cost_usage.ai_cost_usage_date_idx (date)',
  'ai_cost_usage.ai_cost_usage_natural_key_uq unique (source_id,record_key)',
  'ai_cost_usage.ai_cost_usage_source_date_idx (source_id,date)',
];

/** Page views read `ai_cost_daily` from covering indexes on PostgreSQL. */
const POSTGRES_DAILY_INDEXES = [
  'ai_cost_daily.ai_cost_daily_date_cover_idx (date) include (entity_ref,provider,model,cost_micros,estimated_only_micros,input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,reasoning_tokens,requests)',
  'ai_cost_daily.ai_cost_daily_entity_date_cover_idx (entity_ref,date) include (source_id,provider,model,api_key_id,cost_micros,estimated_only_micros,input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,reasoning_tokens,requests)',
];

/** SQLite has no INCLUDE: plain indexes. */
const SQLITE_DAILY_INDEXES = [
  'ai_cost_daily.ai_cost_daily_date_idx (date)',
  'ai_cost_daily.ai_cost_daily_entity_date_idx (entity_ref,date)',
];

async function tables(knex: Knex): Promise<string[]> {
  const found: string[] = [];
  for (const table of TABLES) {
    if (await knex.schema.hasTable(table)) found.push(table);
  }
  return found;
}

/** Non-primary indexes as `table.name [unique] (columns) [include (columns)]`, sorted. */
async function indexes(knex: Knex): Promise<string[]> {
  const out: string[] = [];
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(`
      select t.relname as "table", i.relname as "name", ix.indisunique as "unique",
        array(select a.attname from unnest(ix.indkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
          order by k.ord)::text[] as "columns",
        ix.indnkeyatts as "keys"
      from pg_index ix
      join pg_class t on t.oid = ix.indrelid
      join pg_class i on i.oid = ix.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname like 'ai_cost%'
        and not ix.indisprimary`);
    for (const row of rows) {
      const keys = row.columns.slice(0, row.keys).join(',');
      const included = row.columns.slice(row.keys).join(',');
      out.push(
        `${row.table}.${row.name}${row.unique ? ' unique' : ''} (${keys})${
          included ? ` include (${included})` : ''
        }`,
      );
    }
  } else {
    for (const table of await tables(knex)) {
      const list = await knex.raw(`PRAGMA index_list(??)`, [table]);
      for (const index of list) {
        if (index.origin === 'pk') continue;
        const info = await knex.raw(`PRAGMA index_info(??)`, [index.name]);
        const columns = info
          .sort((a: any, b: any) => a.seqno - b.seqno)
          .map((c: any) => c.name)
          .join(',');
        out.push(
          `${table}.${index.name}${index.unique ? ' unique' : ''} (${columns})`,
        );
      }
    }
  }
  return out.sort();
}

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'create the initial schema with its unique and covering indexes on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({ directory: migrationsDir, name: INIT });
      expect(await tables(knex)).toEqual(INIT_TABLES);
      const dailyIndexes =
        knex.client.config.client === 'pg'
          ? POSTGRES_DAILY_INDEXES
          : SQLITE_DAILY_INDEXES;
      expect(await indexes(knex)).toEqual(
        [...COMMON_INDEXES, ...dailyIndexes].sort(),
      );

      // The natural key is unique per source.
      await knex('ai_cost_sources').insert({
        id: 's',
        provider: 'openai',
        status: 'never-run',
        rows_upserted: 0,
      });
      const row = {
        source_id: 's',
        provider: 'openai',
        record_key: 'k',
        date: '2026-11-01',
        cost_micros: 1,
        currency: 'USD',
        cost_kind: 'billed',
      };
      await knex('ai_cost_usage').insert(row);
      const duplicate = await knex('ai_cost_usage')
        .insert(row)
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(duplicate).toMatch(/unique/i);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'run every migration up and down cleanly, twice, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (let round = 0; round < 2; round++) {
        await knex.migrate.latest({ directory: migrationsDir });
        expect(await tables(knex)).toEqual(TABLES);
        await knex.migrate.rollback({ directory: migrationsDir }, true);
        expect(await tables(knex)).toEqual([]);
      }
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'key budgets and their alerts by scope, keeping budgets as overall ones, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const budget = {
        entity_ref: 'component:default/svc',
        amount_micros: 2_500_000_000,
        currency: 'USD',
        period: 'month',
        thresholds: '[1]',
        updated_by: 'user:default/alice',
        updated_at: new Date('2026-11-01T00:00:00Z'),
      };
      await knex.migrate.up({ directory: migrationsDir, name: INIT });
      await knex('ai_cost_budgets').insert(budget);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex('ai_cost_budgets').insert({
        ...budget,
        scope: 'environment:staging',
        amount_micros: 300_000_000,
      });
      const rows = await knex('ai_cost_budgets')
        .select('scope', 'amount_micros')
        .orderBy('scope');
      expect(rows.map(r => [r.scope, Number(r.amount_micros)])).toEqual([
        ['', 2_500_000_000],
        ['environment:staging', 300_000_000],
      ]);
      const twice = await knex('ai_cost_budgets')
        .insert({ ...budget, scope: 'environment:staging' })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(twice).toMatch(/unique|duplicate/i);
      expect(await indexes(knex)).toContain(
        'ai_cost_budget_alerts.ai_cost_budget_alerts_once_uq unique (entity_ref,scope,period_start,threshold,basis)',
      );
      await knex('ai_cost_entities').insert({
        entity_ref: 'component:default/svc',
        kind: 'component',
        monthly_budget: `2500 USD, ${'x'.repeat(80)}=1`,
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'key usage by source, day and record key, and take it back down, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const usageIndexes = async () =>
        (await indexes(knex)).filter(i => i.startsWith('ai_cost_usage.'));
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await usageIndexes()).toEqual([
        'ai_cost_usage.ai_cost_usage_date_idx (date)',
        'ai_cost_usage.ai_cost_usage_natural_key_uq unique (source_id,date,record_key)',
      ]);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261208000000_usage_key_by_date.js',
      });
      expect(await usageIndexes()).toEqual([
        'ai_cost_usage.ai_cost_usage_date_idx (date)',
        'ai_cost_usage.ai_cost_usage_natural_key_uq unique (source_id,record_key)',
        'ai_cost_usage.ai_cost_usage_source_date_idx (source_id,date)',
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'cover the allocation columns page views group by on PostgreSQL, and take them back down, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const dailyIndexes = async () =>
        (await indexes(knex)).filter(i => i.startsWith('ai_cost_daily.'));
      await knex.migrate.latest({ directory: migrationsDir });
      const amounts =
        'cost_micros,estimated_only_micros,input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,reasoning_tokens,requests';
      const allocation =
        'model_provider,category,allocation_tags,split_rule_id,split_method';
      const postgres = knex.client.config.client === 'pg';
      expect(await dailyIndexes()).toEqual(
        postgres
          ? [
              `ai_cost_daily.ai_cost_daily_date_cover_idx (date) include (entity_ref,source_id,provider,model,${allocation},${amounts})`,
              `ai_cost_daily.ai_cost_daily_entity_date_cover_idx (entity_ref,date) include (source_id,provider,model,api_key_id,${allocation},${amounts})`,
              'ai_cost_daily.ai_cost_daily_source_date_idx (source_id,date)',
            ]
          : [
              ...SQLITE_DAILY_INDEXES,
              'ai_cost_daily.ai_cost_daily_source_date_idx (source_id,date)',
            ],
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261208000001_daily_cover_allocation.js',
      });
      expect(await dailyIndexes()).toEqual(
        [
          ...(postgres ? POSTGRES_DAILY_INDEXES : SQLITE_DAILY_INDEXES),
          'ai_cost_daily.ai_cost_daily_source_date_idx (source_id,date)',
        ].sort(),
      );
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'are applied by applyMigrations unless the database service skips them, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(
        mockServices.database({ knex, migrations: { skip: true } }),
      );
      expect(await tables(knex)).toEqual([]);
      await applyMigrations(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
      expect(await tables(knex)).toEqual(TABLES);
      const [{ count }] = await knex('knex_migrations').count({ count: '*' });
      await applyMigrations(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
      const [again] = await knex('knex_migrations').count({ count: '*' });
      expect(Number(again.count)).toBe(Number(count));
      await knex.destroy();
    },
  );
});

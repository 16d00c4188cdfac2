// @ts-check

/**
 * The natural key of `ai_cost_usage` is unique by `(source_id, date,
 * record_key)` instead of `(source_id, record_key)` (docs/benchmarks.md,
 * upsert throughput). `record_key` hashes the date with the other
 * dimensions, so the uniqueness is the same; the index is ordered by day,
 * so a run's inserts land together instead of at random places of a
 * sha256-ordered index. Its `(source_id, date)` prefix serves every query
 * `ai_cost_usage_source_date_idx` served (a window of a source, a source's
 * first day), so that index is dropped.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_cost_usage', table => {
    table.dropUnique(
      ['source_id', 'record_key'],
      'ai_cost_usage_natural_key_uq',
    );
    table.dropIndex(['source_id', 'date'], 'ai_cost_usage_source_date_idx');
    table.unique(['source_id', 'date', 'record_key'], {
      indexName: 'ai_cost_usage_natural_key_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_cost_usage', table => {
    table.dropUnique(
      ['source_id', 'date', 'record_key'],
      'ai_cost_usage_natural_key_uq',
    );
    table.unique(['source_id', 'record_key'], {
      indexName: 'ai_cost_usage_natural_key_uq',
    });
    table.index(['source_id', 'date'], 'ai_cost_usage_source_date_idx');
  });
};

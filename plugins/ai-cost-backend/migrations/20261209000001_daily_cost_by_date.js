// @ts-check

/**
 * An index of `ai_cost_daily` by day with just the entity and the cost:
 * `GET /rollup?groupBy=owner` (and system, domain) reads the cost of every
 * entity over two windows, and from the wide covering index it read about
 * six times the bytes it needs (docs/benchmarks.md, rollup). PostgreSQL
 * carries the two columns in INCLUDE, SQLite in the key.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.dialect === 'postgresql') {
    await knex.raw(
      'CREATE INDEX ai_cost_daily_date_cost_idx ON ai_cost_daily (date) INCLUDE (entity_ref, cost_micros)',
    );
  } else {
    await knex.schema.alterTable('ai_cost_daily', table => {
      table.index(
        ['date', 'entity_ref', 'cost_micros'],
        'ai_cost_daily_date_cost_idx',
      );
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX IF EXISTS ai_cost_daily_date_cost_idx');
};

// @ts-check

/**
 * On PostgreSQL, the two indexes page views read `ai_cost_daily` through
 * carry the summed columns (INCLUDE), so `/costs` (entity + days) and
 * `/rollup` (days) are answered from the index alone. SQLite has no INCLUDE
 * and keeps the plain indexes. Measured in docs/benchmarks.md.
 *
 * @param {import('knex').Knex} knex
 */
const AMOUNTS = [
  'cost_micros',
  'estimated_only_micros',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'requests',
];

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return knex.client.dialect === 'postgresql';
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) return;
  await knex.raw(
    `CREATE INDEX ai_cost_daily_entity_date_cover_idx ON ai_cost_daily (entity_ref, date) INCLUDE (source_id, provider, model, api_key_id, ${AMOUNTS.join(
      ', ',
    )})`,
  );
  await knex.raw('DROP INDEX ai_cost_daily_entity_date_idx');
  await knex.raw(
    `CREATE INDEX ai_cost_daily_date_cover_idx ON ai_cost_daily (date) INCLUDE (entity_ref, provider, model, ${AMOUNTS.join(
      ', ',
    )})`,
  );
  await knex.raw('DROP INDEX ai_cost_daily_date_idx');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) return;
  await knex.raw(
    'CREATE INDEX ai_cost_daily_entity_date_idx ON ai_cost_daily (entity_ref, date)',
  );
  await knex.raw('DROP INDEX ai_cost_daily_entity_date_cover_idx');
  await knex.raw('CREATE INDEX ai_cost_daily_date_idx ON ai_cost_daily (date)');
  await knex.raw('DROP INDEX ai_cost_daily_date_cover_idx');
};

// @ts-check

/**
 * On PostgreSQL the two covering indexes page views read `ai_cost_daily`
 * through also carry the columns allocation added (spend category, model
 * provider, allocation tags, split rule), so `/costs` (its `byTag`,
 * `byCategory` and shared-cost breakdowns), `/rollup?groupBy=tag:<key>` and
 * the allocation coverage are answered from the index alone, as `/costs`
 * and `/rollup?groupBy=owner` were (docs/benchmarks.md). Without them
 * PostgreSQL reads the table for those queries, in parallel workers that
 * two cores cannot serve. SQLite has no INCLUDE and is unchanged.
 */

/** The summed columns of `ai_cost_daily`. */
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

const ALLOCATION = [
  'model_provider',
  'category',
  'allocation_tags',
  'split_rule_id',
  'split_method',
];

/** @param {import('knex').Knex} knex @param {string[]} entityDate @param {string[]} date */
async function createCoverIndexes(knex, entityDate, date) {
  await knex.raw('DROP INDEX IF EXISTS ai_cost_daily_entity_date_cover_idx');
  await knex.raw('DROP INDEX IF EXISTS ai_cost_daily_date_cover_idx');
  await knex.raw(
    `CREATE INDEX ai_cost_daily_entity_date_cover_idx ON ai_cost_daily (entity_ref, date) INCLUDE (${[
      ...entityDate,
      ...AMOUNTS,
    ].join(', ')})`,
  );
  await knex.raw(
    `CREATE INDEX ai_cost_daily_date_cover_idx ON ai_cost_daily (date) INCLUDE (${[
      ...date,
      ...AMOUNTS,
    ].join(', ')})`,
  );
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  await createCoverIndexes(
    knex,
    ['source_id', 'provider', 'model', 'api_key_id', ...ALLOCATION],
    ['entity_ref', 'source_id', 'provider', 'model', ...ALLOCATION],
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  await createCoverIndexes(
    knex,
    ['source_id', 'provider', 'model', 'api_key_id'],
    ['entity_ref', 'provider', 'model'],
  );
};

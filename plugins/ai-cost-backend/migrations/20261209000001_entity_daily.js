// @ts-check

/**
 * `ai_cost_entity_daily`: each entity's attributed cost per day over all
 * sources, kept by attribution next to `ai_cost_daily` (which it sums by
 * day and entity), so `GET /rollup?groupBy=owner` (and system, domain)
 * reads one narrow row per entity and day instead of every source, model,
 * key and tag row of it (docs/benchmarks.md, rollup). Existing attributed spend is summed into it
 * here.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  const postgres = knex.client.dialect === 'postgresql';
  await knex.schema.createTable('ai_cost_entity_daily', table => {
    table.comment(
      'Attributed cost per day and entity over all sources, kept by attribution',
    );
    table.string('date', 10).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.bigInteger('cost_micros').notNullable();
    if (!postgres) table.primary(['date', 'entity_ref']);
  });
  if (postgres) {
    // The cost rides in the key's index, so a rollup is an index-only scan
    // of its days: re-attribution updates rows in place, which scatters a
    // day's rows over the heap.
    await knex.raw(
      'ALTER TABLE ai_cost_entity_daily ADD CONSTRAINT ai_cost_entity_daily_pkey PRIMARY KEY (date, entity_ref) INCLUDE (cost_micros)',
    );
  }
  await knex
    .insert(
      knex('ai_cost_daily')
        .select('date', 'entity_ref')
        .sum({ cost_micros: 'cost_micros' })
        .groupBy('date', 'entity_ref'),
    )
    .into(
      knex.raw('?? (??, ??, ??)', [
        'ai_cost_entity_daily',
        'date',
        'entity_ref',
        'cost_micros',
      ]),
    );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_entity_daily');
};

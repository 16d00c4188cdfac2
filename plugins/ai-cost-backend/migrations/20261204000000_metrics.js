// @ts-check

/**
 * Unit economics (DESIGN §9.2): business metrics pushed through
 * `POST /metrics` or pulled from Prometheus, one value per metric, day,
 * entity and tag values. `point_key` hashes that identity, so a value pushed
 * again replaces the earlier one.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_metrics', table => {
    table.comment(
      'Business metrics per day, entity and tag values: what unit costs divide by',
    );
    table.bigIncrements('id').primary();
    table
      .string('point_key', 64)
      .notNullable()
      .comment('sha256 of metric, date, entity_ref and tags');
    table.string('metric', 128).notNullable();
    table.string('date', 10).notNullable();
    table
      .string('entity_ref', 512)
      .notNullable()
      .defaultTo('')
      .comment('Empty for an organisation-wide value');
    table
      .text('tags')
      .notNullable()
      .defaultTo('{}')
      .comment('JSON object of allocation tag values, sorted keys');
    table
      .bigInteger('value_micros')
      .notNullable()
      .comment('The value times 1,000,000');
    table
      .string('unit', 32)
      .nullable()
      .comment('e.g. documents; a currency code for money');
    table
      .string('origin', 255)
      .notNullable()
      .comment('push, or the id of the Prometheus source that pulled it');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['point_key'], { indexName: 'ai_cost_metrics_point_uq' });
    table.index(['metric', 'date'], 'ai_cost_metrics_metric_date_idx');
    table.index(['origin', 'date'], 'ai_cost_metrics_origin_date_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_metrics');
};

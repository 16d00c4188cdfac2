// @ts-check

/**
 * Owner-defined anomaly thresholds (DESIGN §9.4): the raw
 * `ai-cost/anomaly-threshold` annotation kept with the catalog snapshot, and
 * the thresholds set in the portal (`PUT /anomalies/settings`).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_cost_entities', table => {
    table
      .text('anomaly_threshold')
      .nullable()
      .comment('Raw ai-cost/anomaly-threshold annotation');
  });

  await knex.schema.createTable('ai_cost_anomaly_settings', table => {
    table.comment(
      'Anomaly thresholds set in the portal; they beat the annotation and the org default',
    );
    table.string('entity_ref', 512).primary();
    table
      .bigInteger('min_impact_micros')
      .nullable()
      .comment('Minimum impact in micro-units of aiCost.currency');
    table
      .double('min_impact_percent')
      .nullable()
      .comment('Minimum impact in percent of the expected spend');
    table.string('updated_by', 512).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_anomaly_settings');
  await knex.schema.alterTable('ai_cost_entities', table => {
    table.dropColumn('anomaly_threshold');
  });
};

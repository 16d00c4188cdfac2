// @ts-check

/**
 * Budget alerts already sent (each threshold fires once per period and
 * basis, actual spend or forecast), and what anomalies need beyond the
 * initial table: one row per ongoing anomaly and a feedback comment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_budget_alerts', table => {
    table.comment('Budget thresholds that fired, one row per period and basis');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table
      .string('period_start', 10)
      .notNullable()
      .comment('First day of the budget period the alert belongs to');
    table
      .string('threshold', 16)
      .notNullable()
      .comment(
        'Fraction of the budget as written, e.g. 0.8 (exact, unlike a float)',
      );
    table
      .string('basis', 16)
      .notNullable()
      .comment('actual (spend reached it) or forecast (projected to)');
    table
      .bigInteger('spent_micros')
      .notNullable()
      .comment('Spend of the period when it fired');
    table.bigInteger('budget_micros').notNullable();
    table
      .string('projected_date', 10)
      .nullable()
      .comment(
        'For forecast alerts: the day the threshold is projected to be crossed',
      );
    table.timestamp('fired_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'period_start', 'threshold', 'basis'], {
      indexName: 'ai_cost_budget_alerts_once_uq',
    });
  });

  await knex.schema.alterTable('ai_cost_anomalies', table => {
    table.text('feedback_comment').nullable();
    table.unique(['entity_ref', 'model', 'start_date'], {
      indexName: 'ai_cost_anomalies_ongoing_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_cost_anomalies', table => {
    table.dropUnique([], 'ai_cost_anomalies_ongoing_uq');
    table.dropColumn('feedback_comment');
  });
  await knex.schema.dropTable('ai_cost_budget_alerts');
};

// @ts-check

/**
 * Model policies (DESIGN §9.4): the raw policy annotations kept with the
 * catalog snapshot, exceptions owners grant, and the violations already
 * notified (each entity and model once).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_cost_entities', table => {
    table
      .text('model_policy')
      .nullable()
      .comment(
        'JSON of the raw ai-cost/max-model-tier, ai-cost/allowed-models and ai-cost/budget-enforcement annotations',
      );
  });

  await knex.schema.createTable('ai_cost_policy_exceptions', table => {
    table.comment('Models an entity may use above its policy until a day');
    table.string('id', 36).primary();
    table.string('entity_ref', 512).notNullable().index();
    table.string('model_glob', 200).notNullable().comment('Lower-case glob');
    table.text('justification').notNullable();
    table
      .string('expires_at', 10)
      .notNullable()
      .comment('Last day it applies, YYYY-MM-DD UTC');
    table.string('created_by', 512).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('ai_cost_policy_notices', table => {
    table.comment('Policy violations whose owners were notified, once each');
    table.string('entity_ref', 512).notNullable();
    table.string('model', 200).notNullable();
    table.timestamp('notified_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'model']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_policy_notices');
  await knex.schema.dropTable('ai_cost_policy_exceptions');
  await knex.schema.alterTable('ai_cost_entities', table => {
    table.dropColumn('model_policy');
  });
};

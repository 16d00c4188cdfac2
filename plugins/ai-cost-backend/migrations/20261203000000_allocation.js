// @ts-check

/**
 * Allocation (DESIGN §9.1): attributed and unallocated spend carry the
 * allocation tag values of the usage they came from (`allocation_tags`, a
 * JSON object with sorted keys, `{}` for none), attributed spend names the
 * split rule that gave it (`split_rule_id`, empty for a claim), entities keep
 * their raw `ai-cost/tags` and `ai-cost/cost-center` annotations, allocation
 * rules managed in the portal are stored in order, and a closed chargeback
 * month keeps the statement it was closed with (DESIGN §9.4).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_cost_daily', table => {
    table
      .text('allocation_tags')
      .notNullable()
      .defaultTo('{}')
      .comment('JSON object of allocation tag values, sorted keys');
    table
      .string('split_rule_id', 255)
      .notNullable()
      .defaultTo('')
      .comment('The split rule that allocated this spend; empty for a claim');
    table
      .string('split_method', 16)
      .notNullable()
      .defaultTo('')
      .comment('even, fixed or proportional; empty for a claim');
  });
  await knex.schema.alterTable('ai_cost_unallocated_daily', table => {
    table
      .text('allocation_tags')
      .notNullable()
      .defaultTo('{}')
      .comment('JSON object of allocation tag values, sorted keys');
  });
  await knex.schema.alterTable('ai_cost_index_state', table => {
    table
      .string('fingerprint', 160)
      .notNullable()
      .comment(
        'sha256 of the catalog snapshot, a dot, and the allocation config fingerprint; a change triggers re-attribution',
      )
      .alter();
  });
  await knex.schema.alterTable('ai_cost_entities', table => {
    table
      .text('allocation_tags')
      .nullable()
      .comment('Raw ai-cost/tags annotation');
    table
      .string('cost_center', 255)
      .nullable()
      .comment('ai-cost/cost-center annotation (groups)');
  });
  await knex.schema.createTable('ai_cost_chargeback_months', table => {
    table.comment(
      'Closed chargeback months: the statement as closed, which never changes',
    );
    table.string('month', 7).primary().comment('YYYY-MM');
    table
      .text('statement')
      .notNullable()
      .comment('JSON: the statement in micro-units as it was closed');
    table.string('closed_by', 512).notNullable();
    table.timestamp('closed_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('ai_cost_allocation_rules', table => {
    table.comment(
      'Virtual-tag and split rules managed in the portal; applied before config rules, in position order',
    );
    table.string('id', 255).primary();
    table.integer('position').notNullable();
    table.text('rule').notNullable().comment('JSON: the rule as in config');
    table.string('updated_by', 512).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_chargeback_months');
  await knex.schema.dropTable('ai_cost_allocation_rules');
  await knex.schema.alterTable('ai_cost_entities', table => {
    table.dropColumn('cost_center');
    table.dropColumn('allocation_tags');
  });
  await knex('ai_cost_index_state').delete();
  await knex.schema.alterTable('ai_cost_index_state', table => {
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('sha256 of the claims; a change triggers re-attribution')
      .alter();
  });
  await knex.schema.alterTable('ai_cost_unallocated_daily', table => {
    table.dropColumn('allocation_tags');
  });
  await knex.schema.alterTable('ai_cost_daily', table => {
    table.dropColumn('split_method');
    table.dropColumn('split_rule_id');
    table.dropColumn('allocation_tags');
  });
};

// @ts-check

/**
 * Budget requests (DESIGN §9.4): budgets asked for through the portal or the
 * Scaffolder, pending until an approver decides (or auto-approved below
 * `aiCost.budgets.approval.autoApproveBelow`).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_budget_requests', table => {
    table.comment('Budgets asked for and their approval decisions');
    table.string('id', 64).primary();
    table.string('entity_ref', 512).notNullable();
    table
      .bigInteger('amount_micros')
      .notNullable()
      .comment('Requested budget in micro-units of currency');
    table.string('currency', 3).notNullable();
    table.string('period', 16).notNullable().comment('month or quarter');
    table
      .string('scope', 300)
      .nullable()
      .comment(
        'Allocation tag and value of a scoped budget, e.g. environment:staging',
      );
    table.text('business_case').nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved or rejected');
    table.string('requested_by', 512).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('decided_by', 512).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('decision_comment').nullable();
    table.boolean('auto_approved').notNullable().defaultTo(false);
    table.index(['status', 'entity_ref'], 'ai_cost_budget_requests_status_idx');
    table.index(['entity_ref'], 'ai_cost_budget_requests_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_budget_requests');
};

// @ts-check

/**
 * Digests (DESIGN §9.4): the last period each digest was sent for, claimed
 * atomically so that no period is sent twice, whatever the replicas.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_digests', table => {
    table.comment(
      'The last period sent per digest: weekly, monthly, leadership',
    );
    table.string('digest', 32).primary();
    table
      .string('period', 10)
      .notNullable()
      .comment('First day (YYYY-MM-DD) of the last period sent');
    table.timestamp('sent_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_digests');
};

// @ts-check

/**
 * Subscriptions and seats (DESIGN §9.3): subscriptions managed in the portal
 * (config subscriptions are never stored), and the `memberOf` groups of
 * catalog Users, which members splits weigh groups by.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_subscriptions', table => {
    table.comment(
      'Seat and flat-fee subscriptions managed in the portal, amortised per day as provider subscription',
    );
    table.string('id', 255).primary();
    table
      .text('subscription')
      .notNullable()
      .comment('JSON: the subscription as in config (amount decimal)');
    table.string('updated_by', 512).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.alterTable('ai_cost_entities', table => {
    table
      .text('member_of')
      .nullable()
      .comment('Users: JSON array of memberOf group refs');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_cost_entities', table => {
    table.dropColumn('member_of');
  });
  await knex.schema.dropTable('ai_cost_subscriptions');
};

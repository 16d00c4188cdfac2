// @ts-check

/**
 * What recommendations need beyond the initial table: their text, when the
 * decision on them was taken, and a stale marker. A finding that stops
 * triggering is deleted while nobody decided on it; a dismissed or snoozed
 * one is kept but marked stale (hidden), so the decision still applies if it
 * comes back.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_cost_recommendations', table => {
    table
      .string('title', 512)
      .notNullable()
      .defaultTo('')
      .comment('One line saying what to do');
    table
      .text('description')
      .nullable()
      .comment('Why, with the figures and how to act on it');
    table
      .timestamp('decided_at', { useTz: true })
      .nullable()
      .comment('When decided_by dismissed, snoozed or reopened it');
    table
      .timestamp('stale_since', { useTz: true })
      .nullable()
      .comment(
        'Set when a decided finding stopped triggering; hidden until it triggers again',
      );
    table.index(['status'], 'ai_cost_recommendations_status_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_cost_recommendations', table => {
    table.dropIndex([], 'ai_cost_recommendations_status_idx');
    table.dropColumn('title');
    table.dropColumn('description');
    table.dropColumn('decided_at');
    table.dropColumn('stale_since');
  });
};

// @ts-check

/**
 * The kind of AI spend a row is (DESIGN §9.3): model APIs, cloud AI
 * services, self-hosted GPU, subscriptions, expensed tools. Usage rows keep
 * (and FOCUS rows) the category their source stated (null: the provider
 * kind decides, as for every row before this migration);
 * attributed and unallocated rows keep the one attribution settled on, empty
 * until the next re-attribution fills it.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const name of ['ai_cost_usage', 'ai_cost_focus_rows']) {
    await knex.schema.alterTable(name, table => {
      table
        .string('category', 32)
        .nullable()
        .comment(
          'Spend category the source stated, null when its kind decides',
        );
    });
  }
  for (const name of ['ai_cost_daily', 'ai_cost_unallocated_daily']) {
    await knex.schema.alterTable(name, table => {
      table
        .string('category', 32)
        .notNullable()
        .defaultTo('')
        .comment('Spend category (model-api, cloud-ai, self-hosted, ...)');
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of [
    'ai_cost_usage',
    'ai_cost_focus_rows',
    'ai_cost_daily',
    'ai_cost_unallocated_daily',
  ]) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('category');
    });
  }
};

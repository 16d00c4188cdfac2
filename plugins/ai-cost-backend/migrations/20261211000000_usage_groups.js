// @ts-check

/**
 * `ai_cost_usage_groups`: raw usage summed per source, day and the
 * dimensions claims and allocation rules match, as re-attribution reads it
 * (docs/benchmarks.md, attribution rebuild). Reading these sums instead of
 * grouping `ai_cost_usage` again makes a re-attribution after a catalog
 * change read about a third of the rows, without sorting them.
 *
 * `ai_cost_usage_stale_days`: the days of a source whose usage was written
 * since their groups were summed. Every usage write marks its days in its
 * own transaction; a re-attribution sums its window's marked days again
 * before reading the groups. Every day already stored starts marked, so
 * the first re-attribution of each window sums it.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_usage_groups', table => {
    table.comment(
      'Raw usage summed per source, day and the dimensions claims and allocation rules match: what re-attribution reads',
    );
    table.string('source_id', 255).notNullable();
    table.string('date', 10).notNullable();
    table.string('provider', 64).notNullable();
    table.string('account_id', 255).nullable();
    table.string('project_id', 255).nullable();
    table.string('resource_id', 1024).nullable();
    table.string('api_key_id', 255).nullable();
    table.text('tags').nullable();
    table.string('model', 255).nullable();
    table.string('region', 64).nullable();
    table.string('service_tier', 64).nullable();
    table.string('category', 32).nullable();
    table.string('original_currency', 3).nullable();
    table
      .string('upstream', 512)
      .nullable()
      .comment('Line item of gateway usage: the upstream provider');
    table
      .string('employee', 255)
      .nullable()
      .comment('User of expensed usage: the employee who expensed it');
    for (const amount of [
      'cost_micros',
      'estimated_only_micros',
      'input_tokens',
      'cached_input_tokens',
      'cache_write_tokens',
      'output_tokens',
      'reasoning_tokens',
      'requests',
    ]) {
      table.bigInteger(amount).notNullable();
    }
    table.bigInteger('original_cost').nullable();
    table.index(['source_id', 'date'], 'ai_cost_usage_groups_source_date_idx');
  });
  await knex.schema.createTable('ai_cost_usage_stale_days', table => {
    table.comment(
      'Days of a source whose usage changed since ai_cost_usage_groups summed them',
    );
    table.string('source_id', 255).notNullable();
    table.string('date', 10).notNullable();
    table.primary(['source_id', 'date']);
  });
  await knex.raw(
    `insert into ai_cost_usage_stale_days (source_id, date)
     select distinct source_id, date from ai_cost_usage`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_usage_stale_days');
  await knex.schema.dropTable('ai_cost_usage_groups');
};

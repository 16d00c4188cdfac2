// @ts-check

/**
 * `ai_cost_attributed_day_versions`: per source and day, a counter a
 * re-attribution of some days only (a push's today, the days a changed
 * claim touches) raises instead of the versions of their months. Page views
 * cache the window's last day apart from the rest of its month, so after a
 * push only the last day's part of an answer is read again, not the whole
 * month (docs/benchmarks.md, `GET /costs`). A re-attribution of a whole
 * window raises its months' versions and deletes their days' versions,
 * which the new month versions supersede.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_attributed_day_versions', table => {
    table.comment(
      'Per source and day, how many times some days only of its attributed spend were written since its month was',
    );
    table.string('source_id', 255).notNullable();
    table.string('date', 10).notNullable();
    table.bigInteger('version').notNullable();
    table.primary(['source_id', 'date']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_attributed_day_versions');
};

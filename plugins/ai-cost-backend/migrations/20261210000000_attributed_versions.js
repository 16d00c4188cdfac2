// @ts-check

/**
 * `ai_cost_attributed_versions`: per source, a counter every re-attribution
 * raises in the transaction that writes its attributed spend. Page views
 * cache the answers of attributed-spend queries under the counters of all
 * sources, so a cached answer is never read after any source's attributed
 * spend changed (docs/benchmarks.md, `GET /costs`). A later migration that
 * rewrites attributed spend must raise them too.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_attributed_versions', table => {
    table.comment(
      'Per source, how many times its attributed spend was written: the version page views cache answers under',
    );
    table.string('source_id', 255).primary();
    table.bigInteger('version').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_attributed_versions');
};

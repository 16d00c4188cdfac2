// @ts-check

/**
 * `ai_cost_attributed_versions`: per source, a counter every re-attribution
 * raises in the transaction that writes its attributed spend. Page views
 * cache each source's answer to an attributed-spend query under its
 * counter, so an answer is never read after the source's attributed spend
 * changed (docs/benchmarks.md, `GET /costs`). Sources with attributed spend
 * start at 0. A later migration that rewrites attributed spend must raise
 * them too.
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
  // Every source with attributed spend has a version from the start.
  await knex.raw(
    `insert into ai_cost_attributed_versions (source_id, version)
     select source_id, 0 from ai_cost_daily
     union
     select source_id, 0 from ai_cost_unallocated_daily`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_attributed_versions');
};

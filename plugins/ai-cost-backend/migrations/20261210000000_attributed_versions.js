// @ts-check

/**
 * `ai_cost_attributed_versions`: per source and month, a counter every
 * re-attribution of days of that month raises in the transaction that
 * writes them. Page views cache each source's and month's part of an
 * attributed-spend query's answer under its counter, so a part is never
 * read after its spend changed, and a push, which re-attributes today,
 * leaves the other months' parts cached (docs/benchmarks.md, `GET /costs`).
 * Months with attributed spend start at 0. A later migration that rewrites
 * attributed spend must raise them too.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_attributed_versions', table => {
    table.comment(
      'Per source, how many times its attributed spend was written: the version page views cache answers under',
    );
    table.string('source_id', 255).notNullable();
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table.bigInteger('version').notNullable();
    table.primary(['source_id', 'month']);
  });
  // Every source and month with attributed spend has a version from the start.
  await knex.raw(
    `insert into ai_cost_attributed_versions (source_id, month, version)
     select source_id, substr(date, 1, 7), 0 from ai_cost_daily
     union
     select source_id, substr(date, 1, 7), 0 from ai_cost_unallocated_daily`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_attributed_versions');
};

// @ts-check

/**
 * Corporate-card and expense exports (`POST /import/expenses`, DESIGN §9.3):
 * the imported files and their AI-vendor lines, from which the usage of an
 * expense source is summed; and the vendors a catalog entity declares
 * approved (`ai-cost/vendor`).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_expense_files', table => {
    table.comment('Imported expense files, one row per source and content');
    table.bigIncrements('id').primary();
    table.string('source_id', 255).notNullable();
    table
      .string('sha256', 64)
      .notNullable()
      .comment('sha256 of the decompressed file');
    table.integer('rows').notNullable().comment('Lines imported (AI vendors)');
    table
      .bigInteger('cost_micros')
      .notNullable()
      .comment('Sum of the imported lines, in their currencies');
    table.string('first_day', 10).nullable();
    table.string('last_day', 10).nullable();
    table
      .integer('skipped_rows')
      .notNullable()
      .defaultTo(0)
      .comment('Lines not imported (not an AI vendor)');
    table
      .text('skipped')
      .nullable()
      .comment('JSON object of skipped line counts per reason');
    table.string('imported_by', 512).notNullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
    table.unique(['source_id', 'sha256'], {
      indexName: 'ai_cost_expense_files_uq',
    });
  });

  await knex.schema.createTable('ai_cost_expense_lines', table => {
    table.comment(
      'AI-vendor lines of imported expense files; ai_cost_usage of an expense source is their daily sum',
    );
    table.bigIncrements('id').primary();
    table.string('source_id', 255).notNullable();
    table.string('sha256', 64).notNullable().comment('The file of the line');
    table.integer('line').notNullable().comment('CSV line, header = 1');
    table.string('date', 10).notNullable();
    table
      .string('vendor', 128)
      .notNullable()
      .comment('Canonical AI vendor, e.g. OpenAI');
    table.string('vendor_text', 512).notNullable().comment('As on the file');
    table
      .string('user_id', 512)
      .notNullable()
      .comment('Lower-case e-mail address or user entity ref');
    table.string('cost_center', 64).nullable();
    table.string('description', 255).nullable();
    table
      .bigInteger('cost_micros')
      .notNullable()
      .comment('Negative for refunds');
    table.string('currency', 3).notNullable();
    table.unique(['source_id', 'sha256', 'line'], {
      indexName: 'ai_cost_expense_lines_uq',
    });
    table.index(['source_id', 'date'], 'ai_cost_expense_lines_source_date_idx');
  });

  await knex.schema.alterTable('ai_cost_entities', table => {
    table
      .text('vendors')
      .nullable()
      .comment('Raw ai-cost/vendor annotation: AI vendors the entity approves');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_cost_entities', table => {
    table.dropColumn('vendors');
  });
  await knex.schema.dropTable('ai_cost_expense_lines');
  await knex.schema.dropTable('ai_cost_expense_files');
};

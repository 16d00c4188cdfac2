// @ts-check

/**
 * The catalog snapshot attribution and rollups work from, and the columns
 * and indexes attribution writes and page views read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_entities', table => {
    table.comment(
      'Catalog snapshot: every entity with the relations rollups follow',
    );
    table
      .string('entity_ref', 512)
      .primary()
      .comment('Lower-case kind:namespace/name');
    table.string('kind', 64).notNullable();
    table.string('title', 512).nullable();
    table
      .string('owner_ref', 512)
      .nullable()
      .comment('Target of the ownedBy relation');
    table
      .text('part_of')
      .notNullable()
      .defaultTo('[]')
      .comment(
        'JSON array of partOf targets (system, domain, parent component)',
      );
    table
      .text('child_of')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of childOf targets (parent groups)');
    table
      .string('monthly_budget', 64)
      .nullable()
      .comment('Raw ai-cost/monthly-budget annotation');
    table.index(['owner_ref'], 'ai_cost_entities_owner_idx');
  });

  await knex.schema.createTable('ai_cost_index_state', table => {
    table.comment('One row: when and from what the annotation index was built');
    table.integer('id').primary();
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('sha256 of the claims; a change triggers re-attribution');
    table.timestamp('built_at', { useTz: true }).notNullable();
    table.integer('entity_count').notNullable();
    table
      .text('problems')
      .notNullable()
      .comment('JSON array of annotations that could not be read');
  });

  await knex.schema.alterTable('ai_cost_daily', table => {
    table.bigInteger('reasoning_tokens').notNullable().defaultTo(0);
    table.index(['source_id', 'date'], 'ai_cost_daily_source_date_idx');
  });

  await knex.schema.alterTable('ai_cost_unallocated_daily', table => {
    table.bigInteger('cached_input_tokens').notNullable().defaultTo(0);
    table.bigInteger('cache_write_tokens').notNullable().defaultTo(0);
    table.index(['source_id', 'date'], 'ai_cost_unallocated_source_date_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_cost_unallocated_daily', table => {
    table.dropIndex([], 'ai_cost_unallocated_source_date_idx');
    table.dropColumn('cached_input_tokens');
    table.dropColumn('cache_write_tokens');
  });
  await knex.schema.alterTable('ai_cost_daily', table => {
    table.dropIndex([], 'ai_cost_daily_source_date_idx');
    table.dropColumn('reasoning_tokens');
  });
  await knex.schema.dropTable('ai_cost_index_state');
  await knex.schema.dropTable('ai_cost_entities');
};

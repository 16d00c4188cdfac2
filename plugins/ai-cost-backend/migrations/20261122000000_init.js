// @ts-check

/**
 * Initial schema of the AI Cost plugin.
 *
 * Money is stored as integer micro-units (1e-6 of the currency) in bigint
 * columns, never as floats. Days are `YYYY-MM-DD` strings so that SQLite and
 * PostgreSQL compare and index them identically.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_sources', table => {
    table.comment(
      'Configured billing sources and the outcome of their last run',
    );
    table
      .string('id', 255)
      .primary()
      .comment('Configured source id, e.g. openai-prod');
    table
      .string('provider', 64)
      .notNullable()
      .comment('Provider kind, e.g. openai');
    table
      .boolean('demo')
      .notNullable()
      .defaultTo(false)
      .comment('Synthetic demo data');
    table.string('status', 32).notNullable().defaultTo('never-run');
    table.timestamp('last_run_at', { useTz: true }).nullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table
      .text('last_error')
      .nullable()
      .comment('Error of the last failed run; cleared on success');
    table
      .bigInteger('rows_upserted')
      .notNullable()
      .defaultTo(0)
      .comment('Rows written by the last successful run');
    table
      .string('fresh_through', 10)
      .nullable()
      .comment('Last day covered by a successful run');
    table
      .string('backfilled_from', 10)
      .nullable()
      .comment('First day of the initial backfill, set once it succeeded');
  });

  await knex.schema.createTable('ai_cost_runs', table => {
    table.comment('One row per ingestion run of a source');
    table.bigIncrements('id').primary();
    table
      .string('source_id', 255)
      .notNullable()
      .references('id')
      .inTable('ai_cost_sources')
      .onDelete('CASCADE');
    table.string('trigger', 32).notNullable().comment('schedule or manual');
    table.string('window_from', 10).notNullable();
    table.string('window_to', 10).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table
      .string('status', 32)
      .notNullable()
      .comment('running, succeeded or failed');
    table.bigInteger('rows_upserted').notNullable().defaultTo(0);
    table
      .bigInteger('rows_deleted')
      .notNullable()
      .defaultTo(0)
      .comment('Rows of the window the provider no longer reports');
    table.text('error').nullable();
    table.index(['source_id', 'started_at'], 'ai_cost_runs_source_started_idx');
  });

  await knex.schema.createTable('ai_cost_usage', table => {
    table.comment(
      'Normalized usage records as ingested; the natural key is hashed into record_key',
    );
    table.bigIncrements('id').primary();
    table.string('source_id', 255).notNullable();
    table.string('provider', 64).notNullable();
    table
      .string('record_key', 64)
      .notNullable()
      .comment('sha256 of the natural key (every dimension)');
    table.string('date', 10).notNullable().comment('UTC day YYYY-MM-DD');
    table.integer('hour').nullable();
    table.string('account_id', 255).nullable();
    table.string('project_id', 255).nullable();
    table.string('resource_id', 1024).nullable();
    table.string('api_key_id', 255).nullable();
    table.string('user_id', 255).nullable();
    table.string('region', 64).nullable();
    table.string('service_tier', 64).nullable();
    table
      .text('tags')
      .nullable()
      .comment('JSON object of provider tags / labels');
    table.string('model', 255).nullable();
    table.string('line_item', 512).nullable();
    table
      .bigInteger('input_tokens')
      .notNullable()
      .defaultTo(0)
      .comment('Uncached input tokens');
    table.bigInteger('cached_input_tokens').notNullable().defaultTo(0);
    table.bigInteger('cache_write_tokens').notNullable().defaultTo(0);
    table.bigInteger('output_tokens').notNullable().defaultTo(0);
    table.bigInteger('reasoning_tokens').notNullable().defaultTo(0);
    table.bigInteger('requests').notNullable().defaultTo(0);
    table
      .bigInteger('cost_micros')
      .notNullable()
      .comment('Cost in micro-units of currency');
    table
      .bigInteger('estimated_cost_micros')
      .nullable()
      .comment('List-price estimate; null when unpriced');
    table.string('currency', 3).notNullable();
    table.string('cost_kind', 16).notNullable().comment('billed or estimated');
    table.boolean('unpriced').notNullable().defaultTo(false);
    table
      .bigInteger('run_id')
      .nullable()
      .comment('Run that last wrote the row');
    table.unique(['source_id', 'record_key'], {
      indexName: 'ai_cost_usage_natural_key_uq',
    });
    table.index(['source_id', 'date'], 'ai_cost_usage_source_date_idx');
    table.index(['date'], 'ai_cost_usage_date_idx');
  });

  await knex.schema.createTable('ai_cost_attribution_keys', table => {
    table.comment(
      'Annotation index: every ai-cost/* claim of every catalog entity',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('annotation', 128).notNullable();
    table.string('provider', 64).notNullable();
    table
      .string('dimension', 32)
      .notNullable()
      .comment('apiKeyId, projectId, resourceId, accountId or tag');
    table
      .string('value', 1024)
      .notNullable()
      .comment('Claimed id, or key=value for tags');
    table
      .integer('specificity')
      .notNullable()
      .comment('3 api key, 2 project/workspace/resource, 1 account/tags');
    table.index(['provider', 'dimension', 'value'], 'ai_cost_keys_lookup_idx');
    table.index(['entity_ref'], 'ai_cost_keys_entity_idx');
  });

  await knex.schema.createTable('ai_cost_daily', table => {
    table.comment(
      'Attributed spend per entity, day, provider and model: what every page view reads',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('date', 10).notNullable();
    table.string('source_id', 255).notNullable();
    table.string('provider', 64).notNullable();
    table
      .string('model', 255)
      .notNullable()
      .defaultTo('')
      .comment('Empty when no model explains the spend');
    table.string('api_key_id', 255).notNullable().defaultTo('');
    table.bigInteger('cost_micros').notNullable();
    table
      .bigInteger('estimated_only_micros')
      .notNullable()
      .defaultTo(0)
      .comment('Part of cost that is estimated, not billed');
    table.bigInteger('input_tokens').notNullable().defaultTo(0);
    table.bigInteger('cached_input_tokens').notNullable().defaultTo(0);
    table.bigInteger('cache_write_tokens').notNullable().defaultTo(0);
    table.bigInteger('output_tokens').notNullable().defaultTo(0);
    table.bigInteger('requests').notNullable().defaultTo(0);
    table
      .boolean('conflict')
      .notNullable()
      .defaultTo(false)
      .comment('Split evenly between equally specific claims');
    table.index(['entity_ref', 'date'], 'ai_cost_daily_entity_date_idx');
    table.index(['date'], 'ai_cost_daily_date_idx');
  });

  await knex.schema.createTable('ai_cost_unallocated_daily', table => {
    table.comment(
      'Spend no entity claims, per provider dimension, so someone can claim it',
    );
    table.bigIncrements('id').primary();
    table.string('date', 10).notNullable();
    table.string('source_id', 255).notNullable();
    table.string('provider', 64).notNullable();
    table
      .string('dimension', 32)
      .notNullable()
      .comment('The most specific dimension the record had');
    table.string('value', 1024).notNullable();
    table.string('model', 255).notNullable().defaultTo('');
    table.bigInteger('cost_micros').notNullable();
    table.bigInteger('input_tokens').notNullable().defaultTo(0);
    table.bigInteger('output_tokens').notNullable().defaultTo(0);
    table.bigInteger('requests').notNullable().defaultTo(0);
    table.index(['date'], 'ai_cost_unallocated_date_idx');
  });

  await knex.schema.createTable('ai_cost_budgets', table => {
    table.comment(
      'Budgets set in the portal; they override ai-cost/monthly-budget annotations',
    );
    table.string('entity_ref', 512).primary();
    table.bigInteger('amount_micros').notNullable();
    table.string('currency', 3).notNullable();
    table.string('period', 16).notNullable().comment('month or quarter');
    table
      .text('thresholds')
      .notNullable()
      .comment('JSON array of fractions, e.g. [0.5,0.8,1]');
    table.string('updated_by', 512).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('ai_cost_anomalies', table => {
    table.comment(
      'Detected spend anomalies; an ongoing anomaly is one row whose end_date moves',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table
      .string('model', 255)
      .notNullable()
      .defaultTo('')
      .comment('Empty for the entity total');
    table.string('start_date', 10).notNullable();
    table.string('end_date', 10).notNullable();
    table.bigInteger('expected_micros').notNullable();
    table.bigInteger('actual_micros').notNullable();
    table.bigInteger('impact_micros').notNullable();
    table.float('impact_pct').notNullable();
    table.string('severity', 16).notNullable();
    table
      .text('root_causes')
      .notNullable()
      .comment('JSON array of ranked causes');
    table.string('status', 16).notNullable().defaultTo('open');
    table
      .string('feedback', 32)
      .nullable()
      .comment('accurate, expected or not-an-issue');
    table.string('feedback_by', 512).nullable();
    table.timestamp('feedback_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'start_date'], 'ai_cost_anomalies_entity_idx');
  });

  await knex.schema.createTable('ai_cost_recommendations', table => {
    table.comment(
      'Optimization recommendations with evidence, savings and user decisions',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('rule', 64).notNullable();
    table
      .string('fingerprint', 255)
      .notNullable()
      .comment('What the recommendation is about, stable across runs');
    table
      .text('evidence')
      .notNullable()
      .comment('JSON object with the numbers that triggered it');
    table.bigInteger('estimated_monthly_savings_micros').notNullable();
    table.string('confidence', 16).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('open')
      .comment('open, dismissed or snoozed');
    table.timestamp('snoozed_until', { useTz: true }).nullable();
    table.string('decided_by', 512).nullable();
    table.text('decision_reason').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'rule', 'fingerprint'], {
      indexName: 'ai_cost_recommendations_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'ai_cost_recommendations',
    'ai_cost_anomalies',
    'ai_cost_budgets',
    'ai_cost_unallocated_daily',
    'ai_cost_daily',
    'ai_cost_attribution_keys',
    'ai_cost_usage',
    'ai_cost_runs',
    'ai_cost_sources',
  ]) {
    await knex.schema.dropTable(table);
  }
};

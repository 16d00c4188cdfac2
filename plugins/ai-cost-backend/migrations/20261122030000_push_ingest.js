// @ts-check

/**
 * Pushed usage: gateway / OpenTelemetry GenAI events and LiteLLM spend logs
 * (`POST /ingest/events`), and imported FOCUS billing files
 * (`POST /import/focus`). Both are kept as received, keyed for idempotence,
 * and the `ai_cost_usage` rows of their source are recomputed from them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_push_events', table => {
    table.comment(
      'Pushed usage events, one row per event id and source; ai_cost_usage of a gateway source is their daily sum',
    );
    table.bigIncrements('id').primary();
    table.string('source_id', 255).notNullable();
    table
      .string('event_id', 255)
      .notNullable()
      .comment('Event id (LiteLLM request_id); a re-sent id is a duplicate');
    table
      .string('content_hash', 64)
      .notNullable()
      .comment('sha256 of the event as sent; tells a re-send from a clash');
    table.string('format', 16).notNullable().comment('otel or litellm');
    table
      .string('occurred_at', 32)
      .notNullable()
      .comment('ISO 8601 instant of the event');
    table.string('date', 10).notNullable().comment('UTC day YYYY-MM-DD');
    table
      .string('upstream_provider', 64)
      .nullable()
      .comment('Provider the gateway routed to (gen_ai.provider.name)');
    table.string('model', 255).nullable();
    table.string('api_key_id', 255).nullable();
    table.string('user_id', 255).nullable();
    table
      .text('tags')
      .nullable()
      .comment('JSON object with sorted keys: the free attributes');
    table
      .bigInteger('input_tokens')
      .notNullable()
      .defaultTo(0)
      .comment('Uncached input tokens');
    table.bigInteger('cached_input_tokens').notNullable().defaultTo(0);
    table.bigInteger('cache_write_tokens').notNullable().defaultTo(0);
    table.bigInteger('output_tokens').notNullable().defaultTo(0);
    table.bigInteger('reasoning_tokens').notNullable().defaultTo(0);
    table.bigInteger('requests').notNullable().defaultTo(1);
    table
      .bigInteger('cost_micros')
      .notNullable()
      .comment('Given cost (billed) or our estimate; 0 when unpriced');
    table
      .bigInteger('estimated_cost_micros')
      .nullable()
      .comment('List-price estimate; null when unpriced');
    table.string('currency', 3).notNullable();
    table.string('cost_kind', 16).notNullable().comment('billed or estimated');
    table.boolean('unpriced').notNullable().defaultTo(false);
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.unique(['source_id', 'event_id'], {
      indexName: 'ai_cost_push_events_uq',
    });
    table.index(['source_id', 'date'], 'ai_cost_push_events_source_date_idx');
  });

  await knex.schema.createTable('ai_cost_focus_files', table => {
    table.comment('Imported FOCUS files, one row per source and file id');
    table.bigIncrements('id').primary();
    table.string('source_id', 255).notNullable();
    table
      .string('file_id', 255)
      .notNullable()
      .comment('Given ?fileId= or sha256:<content hash>');
    table
      .string('sha256', 64)
      .notNullable()
      .comment('sha256 of the decompressed file');
    table.integer('rows').notNullable();
    table
      .bigInteger('billed_cost_micros')
      .notNullable()
      .comment('Sum of BilledCost');
    table.bigInteger('effective_cost_micros').notNullable().defaultTo(0);
    table.bigInteger('list_cost_micros').notNullable().defaultTo(0);
    table.string('first_day', 10).nullable();
    table.string('last_day', 10).nullable();
    table.string('imported_by', 512).notNullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
    table.unique(['source_id', 'file_id'], {
      indexName: 'ai_cost_focus_files_uq',
    });
    table.index(['source_id', 'sha256'], 'ai_cost_focus_files_sha_idx');
  });

  await knex.schema.createTable('ai_cost_focus_rows', table => {
    table.comment(
      'Rows of imported FOCUS files mapped onto usage dimensions; ai_cost_usage of a focus source is their daily sum',
    );
    table.bigIncrements('id').primary();
    table.string('source_id', 255).notNullable();
    table.string('file_id', 255).notNullable();
    table.integer('line').notNullable().comment('CSV line, header = 1');
    table
      .string('date', 10)
      .notNullable()
      .comment('UTC day of ChargePeriodStart');
    table
      .string('provider', 64)
      .notNullable()
      .comment(
        'aws, gcp, azure, openai, anthropic or focus, from ProviderName',
      );
    table.string('provider_name', 255).nullable();
    table.string('service_name', 255).nullable();
    table.string('charge_category', 32).nullable();
    table.string('account_id', 255).nullable();
    table.string('project_id', 255).nullable();
    table.string('resource_id', 1024).nullable();
    table.string('region', 64).nullable();
    table.text('tags').nullable().comment('JSON object with sorted keys');
    table.string('model', 255).nullable();
    table.string('line_item', 512).nullable();
    table.bigInteger('input_tokens').notNullable().defaultTo(0);
    table.bigInteger('cached_input_tokens').notNullable().defaultTo(0);
    table.bigInteger('cache_write_tokens').notNullable().defaultTo(0);
    table.bigInteger('output_tokens').notNullable().defaultTo(0);
    table.bigInteger('reasoning_tokens').notNullable().defaultTo(0);
    table.bigInteger('requests').notNullable().defaultTo(0);
    table
      .bigInteger('billed_cost_micros')
      .notNullable()
      .comment('BilledCost; negative for credits');
    table.bigInteger('effective_cost_micros').nullable();
    table.bigInteger('list_cost_micros').nullable();
    table.string('currency', 3).notNullable();
    table.unique(['source_id', 'file_id', 'line'], {
      indexName: 'ai_cost_focus_rows_uq',
    });
    table.index(['source_id', 'date'], 'ai_cost_focus_rows_source_date_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_focus_rows');
  await knex.schema.dropTable('ai_cost_focus_files');
  await knex.schema.dropTable('ai_cost_push_events');
};

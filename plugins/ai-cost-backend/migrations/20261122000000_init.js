// @ts-check

/**
 * The schema of the AI Cost plugin.
 *
 * Money is stored as integer micro-units (1e-6 of the currency) in bigint
 * columns, never as floats. Days are `YYYY-MM-DD` strings so that SQLite and
 * PostgreSQL compare and index them identically.
 *
 * - Ingestion: configured sources, their runs, and normalized usage
 *   (`ai_cost_usage`, one row per natural key).
 * - Pushed usage: gateway / OpenTelemetry GenAI events and LiteLLM spend logs
 *   (`POST /ingest/events`) and imported FOCUS billing files
 *   (`POST /import/focus`), kept as received and keyed for idempotence; the
 *   `ai_cost_usage` rows of their source are recomputed from them.
 * - Attribution: the catalog snapshot (entities, their ai-cost/* claims and
 *   the index state) and attributed spend per entity and day, which every
 *   page view reads.
 * - Governance: budgets and the alerts already sent (each threshold fires
 *   once per period and basis), anomalies (one row per ongoing anomaly) and
 *   recommendations with their decisions. A recommendation that stops
 *   triggering is deleted while nobody decided on it; a dismissed or snoozed
 *   one is kept but marked stale (hidden), so the decision still applies if
 *   it comes back.
 * - Scheduling: requests of global tasks (a manual source refresh, pending
 *   post-attribution or re-attribution work) that every replica sees.
 *
 * On PostgreSQL the two indexes page views read `ai_cost_daily` through
 * carry the summed columns (INCLUDE), so `/costs` (entity + days) and
 * `/rollup` (days) are answered from the index alone. SQLite has no INCLUDE
 * and keeps plain indexes. Measured in docs/benchmarks.md.
 */

/** The summed columns of `ai_cost_daily`. */
const DAILY_AMOUNTS = [
  'cost_micros',
  'estimated_only_micros',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'requests',
];

/** Tables in creation order; dropped in reverse. */
const TABLES = [
  'ai_cost_sources',
  'ai_cost_runs',
  'ai_cost_usage',
  'ai_cost_push_events',
  'ai_cost_focus_files',
  'ai_cost_focus_rows',
  'ai_cost_entities',
  'ai_cost_attribution_keys',
  'ai_cost_index_state',
  'ai_cost_daily',
  'ai_cost_unallocated_daily',
  'ai_cost_budgets',
  'ai_cost_budget_alerts',
  'ai_cost_anomalies',
  'ai_cost_recommendations',
  'ai_cost_task_requests',
];

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return knex.client.dialect === 'postgresql';
}

/** @param {import('knex').Knex} knex */
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
    table
      .bigInteger('cache_write_1h_tokens')
      .notNullable()
      .defaultTo(0)
      .comment('The part of cache_write_tokens written for one hour');
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
    table
      .string('row_selection', 80)
      .notNullable()
      .defaultTo('all')
      .comment('all, or ai:<classification rules fingerprint>');
    table
      .integer('skipped_rows')
      .notNullable()
      .defaultTo(0)
      .comment('Rows of the file not imported (not AI spend)');
    table
      .bigInteger('skipped_billed_cost_micros')
      .notNullable()
      .defaultTo(0)
      .comment('Sum of BilledCost of the skipped rows');
    table
      .text('skipped_services')
      .nullable()
      .comment(
        'JSON array of { serviceName, rows, billedCost (micro-units) } of the skipped rows',
      );
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
    table.bigInteger('reasoning_tokens').notNullable().defaultTo(0);
    table.index(['source_id', 'date'], 'ai_cost_daily_source_date_idx');
    if (!isPostgres(knex)) {
      table.index(['entity_ref', 'date'], 'ai_cost_daily_entity_date_idx');
      table.index(['date'], 'ai_cost_daily_date_idx');
    }
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
    table.bigInteger('cached_input_tokens').notNullable().defaultTo(0);
    table.bigInteger('cache_write_tokens').notNullable().defaultTo(0);
    table.index(['date'], 'ai_cost_unallocated_date_idx');
    table.index(['source_id', 'date'], 'ai_cost_unallocated_source_date_idx');
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

  await knex.schema.createTable('ai_cost_budget_alerts', table => {
    table.comment('Budget thresholds that fired, one row per period and basis');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table
      .string('period_start', 10)
      .notNullable()
      .comment('First day of the budget period the alert belongs to');
    table
      .string('threshold', 16)
      .notNullable()
      .comment(
        'Fraction of the budget as written, e.g. 0.8 (exact, unlike a float)',
      );
    table
      .string('basis', 16)
      .notNullable()
      .comment('actual (spend reached it) or forecast (projected to)');
    table
      .bigInteger('spent_micros')
      .notNullable()
      .comment('Spend of the period when it fired');
    table.bigInteger('budget_micros').notNullable();
    table
      .string('projected_date', 10)
      .nullable()
      .comment(
        'For forecast alerts: the day the threshold is projected to be crossed',
      );
    table.timestamp('fired_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'period_start', 'threshold', 'basis'], {
      indexName: 'ai_cost_budget_alerts_once_uq',
    });
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
    table.text('feedback_comment').nullable();
    table.index(['entity_ref', 'start_date'], 'ai_cost_anomalies_entity_idx');
    table.unique(['entity_ref', 'model', 'start_date'], {
      indexName: 'ai_cost_anomalies_ongoing_uq',
    });
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
    table
      .string('title', 512)
      .notNullable()
      .defaultTo('')
      .comment('One line saying what to do');
    table
      .text('description')
      .nullable()
      .comment('Why, with the figures and how to act on it');
    table
      .timestamp('decided_at', { useTz: true })
      .nullable()
      .comment('When decided_by dismissed, snoozed or reopened it');
    table
      .timestamp('stale_since', { useTz: true })
      .nullable()
      .comment(
        'Set when a decided finding stopped triggering; hidden until it triggers again',
      );
    table.unique(['entity_ref', 'rule', 'fingerprint'], {
      indexName: 'ai_cost_recommendations_uq',
    });
    table.index(['status'], 'ai_cost_recommendations_status_idx');
  });

  await knex.schema.createTable('ai_cost_task_requests', table => {
    table.comment(
      'Work requested of global scheduled tasks (a manual refresh, pending post-attribution or re-attribution); generation rises with every request',
    );
    table.string('task_id', 255).primary();
    table.bigInteger('generation').notNullable();
    table.text('payload').nullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
  });

  if (isPostgres(knex)) {
    await knex.raw(
      `CREATE INDEX ai_cost_daily_entity_date_cover_idx ON ai_cost_daily (entity_ref, date) INCLUDE (source_id, provider, model, api_key_id, ${DAILY_AMOUNTS.join(
        ', ',
      )})`,
    );
    await knex.raw(
      `CREATE INDEX ai_cost_daily_date_cover_idx ON ai_cost_daily (date) INCLUDE (entity_ref, provider, model, ${DAILY_AMOUNTS.join(
        ', ',
      )})`,
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [...TABLES].reverse()) {
    await knex.schema.dropTable(table);
  }
};

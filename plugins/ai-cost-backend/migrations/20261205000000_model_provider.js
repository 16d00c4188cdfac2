// @ts-check

/**
 * The provider of the model behind attributed spend where it differs from
 * the provider kind of the source: gateway events name the upstream
 * provider (`gen_ai.provider.name`, LiteLLM's `custom_llm_provider`), while
 * their spend is claimed under `gateway`. Empty when it is the source's own
 * provider; filled by the next re-attribution.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_cost_daily', table => {
    table
      .string('model_provider', 64)
      .notNullable()
      .defaultTo('')
      .comment(
        'Provider of the model when not the source provider (gateway events), else empty',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_cost_daily', table => {
    table.dropColumn('model_provider');
  });
};

// @ts-check

/**
 * Every billing currency (DESIGN §9.3): amounts billed in another currency
 * are converted into `aiCost.currency` at the usage day's rate.
 *
 * - `ai_cost_exchange_rates`: rates imported through
 *   `POST /import/exchange-rates` (configured rates stay in config), one per
 *   currency and day (`YYYY-MM-DD`) or month (`YYYY-MM`); units of
 *   `aiCost.currency` per one unit of `currency`.
 * - Usage rows, attributed and unallocated daily rows keep the original
 *   amount and currency of converted spend (null when not converted); usage
 *   rows also keep the rate applied.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_exchange_rates', table => {
    table.comment(
      'Imported exchange rates into aiCost.currency, per currency and day or month',
    );
    table.string('currency', 3).notNullable().comment('ISO 4217 code');
    table
      .string('period', 10)
      .notNullable()
      .comment('YYYY-MM-DD (a day) or YYYY-MM (every day of a month)');
    table
      .double('rate')
      .notNullable()
      .comment('Units of aiCost.currency per one unit of currency');
    table
      .string('source', 255)
      .notNullable()
      .comment('Where the rate came from (import)');
    table
      .string('imported_by', 512)
      .notNullable()
      .comment('Principal that imported the rate');
    table.timestamp('imported_at', { useTz: true }).notNullable();
    table.primary(['currency', 'period']);
  });

  await knex.schema.alterTable('ai_cost_usage', table => {
    table
      .bigInteger('original_cost')
      .nullable()
      .comment(
        'Cost in micro-units of original_currency; null when not converted',
      );
    table
      .string('original_currency', 3)
      .nullable()
      .comment('Billed currency when converted; null when not converted');
    table
      .double('exchange_rate')
      .nullable()
      .comment('Rate applied, units of currency per unit of original_currency');
  });
  for (const name of ['ai_cost_daily', 'ai_cost_unallocated_daily']) {
    await knex.schema.alterTable(name, table => {
      table
        .bigInteger('original_cost')
        .nullable()
        .comment(
          'Share of the cost in micro-units of original_currency; null when not converted',
        );
      table
        .string('original_currency', 3)
        .nullable()
        .comment('Billed currency when converted; null when not converted');
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of ['ai_cost_daily', 'ai_cost_unallocated_daily']) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('original_cost');
      table.dropColumn('original_currency');
    });
  }
  await knex.schema.alterTable('ai_cost_usage', table => {
    table.dropColumn('original_cost');
    table.dropColumn('original_currency');
    table.dropColumn('exchange_rate');
  });
  await knex.schema.dropTable('ai_cost_exchange_rates');
};

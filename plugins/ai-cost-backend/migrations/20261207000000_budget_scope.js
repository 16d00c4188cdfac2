// @ts-check

/**
 * Budgets scoped to one allocation tag value (DESIGN §9.4): a budget is
 * keyed by entity and scope (`environment:staging`, '' for the overall
 * budget), and so are the alerts that fired. The raw
 * `ai-cost/monthly-budget` annotation, which now lists scoped amounts,
 * becomes text.
 */

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return knex.client.dialect === 'postgresql';
}

/**
 * Recreates `ai_cost_budgets` with the given key, copying its rows: SQLite
 * cannot change a primary key in place.
 * @param {import('knex').Knex} knex
 * @param {boolean} scoped
 */
async function rebuildBudgets(knex, scoped) {
  await knex.schema.createTable('ai_cost_budgets_next', table => {
    table.comment(
      'Budgets set in the portal; they override ai-cost/monthly-budget annotations',
    );
    table.string('entity_ref', 512).notNullable();
    if (scoped) {
      table
        .string('scope', 512)
        .notNullable()
        .defaultTo('')
        .comment(
          'Allocation tag value the budget covers, e.g. environment:staging; empty for the overall budget',
        );
      table.primary(['entity_ref', 'scope']);
    } else {
      table.primary(['entity_ref']);
    }
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
  const columns = [
    'entity_ref',
    'amount_micros',
    'currency',
    'period',
    'thresholds',
    'updated_by',
    'updated_at',
  ];
  const list = columns.map(() => '??').join(', ');
  await knex.raw(
    `INSERT INTO ai_cost_budgets_next (${list}) SELECT ${list} FROM ai_cost_budgets${
      scoped ? '' : " WHERE scope = ''"
    }`,
    [...columns, ...columns],
  );
  await knex.schema.dropTable('ai_cost_budgets');
  await knex.schema.renameTable('ai_cost_budgets_next', 'ai_cost_budgets');
  if (isPostgres(knex)) {
    // The primary key keeps the name of the table it was created with.
    await knex.raw(
      'ALTER TABLE ai_cost_budgets RENAME CONSTRAINT ai_cost_budgets_next_pkey TO ai_cost_budgets_pkey',
    );
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await rebuildBudgets(knex, true);

  await knex.schema.alterTable('ai_cost_budget_alerts', table => {
    table.dropUnique([], 'ai_cost_budget_alerts_once_uq');
  });
  await knex.schema.alterTable('ai_cost_budget_alerts', table => {
    table
      .string('scope', 512)
      .notNullable()
      .defaultTo('')
      .comment('Scope of the budget, e.g. environment:staging; empty overall');
    table.unique(
      ['entity_ref', 'scope', 'period_start', 'threshold', 'basis'],
      {
        indexName: 'ai_cost_budget_alerts_once_uq',
      },
    );
  });

  if (isPostgres(knex)) {
    // SQLite does not enforce the length of a string column.
    await knex.raw(
      'ALTER TABLE ai_cost_entities ALTER COLUMN monthly_budget TYPE text',
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    await knex.raw(
      'ALTER TABLE ai_cost_entities ALTER COLUMN monthly_budget TYPE varchar(64) USING left(monthly_budget, 64)',
    );
  }

  await knex('ai_cost_budget_alerts').whereNot({ scope: '' }).delete();
  await knex.schema.alterTable('ai_cost_budget_alerts', table => {
    table.dropUnique([], 'ai_cost_budget_alerts_once_uq');
  });
  await knex.schema.alterTable('ai_cost_budget_alerts', table => {
    table.dropColumn('scope');
    table.unique(['entity_ref', 'period_start', 'threshold', 'basis'], {
      indexName: 'ai_cost_budget_alerts_once_uq',
    });
  });

  await rebuildBudgets(knex, false);
};

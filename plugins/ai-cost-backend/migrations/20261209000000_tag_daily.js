// @ts-check

/**
 * `ai_cost_tag_daily`: attributed and unallocated cost per source, day and
 * allocation tag value, kept by attribution next to `ai_cost_daily`, so
 * `GET /rollup?groupBy=tag:<key>` reads a few rows per day instead of every
 * entity's (docs/benchmarks.md, tag rollup). Each source and day also has
 * one row with an empty key and value: all its spend, from which the spend
 * without a value of a key follows. Existing attributed spend is summed into
 * it here.
 */

/** Rows inserted per statement while summing existing spend. */
const BATCH = 500;

/**
 * @param {import('knex').Knex} knex
 * @param {string} table
 * @param {'cost_micros' | 'unallocated_micros'} column
 * @param {Map<string, {source_id: string, date: string, tag_key: string, tag_value: string, cost_micros: number, unallocated_micros: number}>} sums
 */
async function addSums(knex, table, column, sums) {
  /** @type {Array<{source_id: string, date: string, allocation_tags: string | null, cost: number | string}>} */
  const rows = await knex(table)
    .select('source_id', 'date', 'allocation_tags')
    .sum({ cost: 'cost_micros' })
    .groupBy('source_id', 'date', 'allocation_tags');
  for (const row of rows) {
    /** @type {Record<string, string>} */
    const tags = JSON.parse(row.allocation_tags || '{}');
    for (const [key, value] of [['', ''], ...Object.entries(tags)]) {
      const id = JSON.stringify([row.source_id, row.date, key, value]);
      const sum = sums.get(id) ?? {
        source_id: row.source_id,
        date: row.date,
        tag_key: key,
        tag_value: value,
        cost_micros: 0,
        unallocated_micros: 0,
      };
      sum[column] += Number(row.cost);
      sums.set(id, sum);
    }
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_cost_tag_daily', table => {
    table.comment(
      'Cost per source, day and allocation tag value (an empty key: all spend), kept by attribution',
    );
    table.string('source_id', 255).notNullable();
    table.string('date', 10).notNullable();
    table
      .string('tag_key', 255)
      .notNullable()
      .comment('Allocation tag key; empty on the row of all spend');
    table.text('tag_value').notNullable();
    table
      .bigInteger('cost_micros')
      .notNullable()
      .comment('Attributed and unallocated cost');
    table
      .bigInteger('unallocated_micros')
      .notNullable()
      .comment('The part of cost_micros no entity claims');
    table.primary(['source_id', 'date', 'tag_key', 'tag_value']);
    table.index(['tag_key', 'date'], 'ai_cost_tag_daily_key_date_idx');
  });

  /** @type {Map<string, any>} */
  const sums = new Map();
  await addSums(knex, 'ai_cost_daily', 'cost_micros', sums);
  await addSums(knex, 'ai_cost_unallocated_daily', 'unallocated_micros', sums);
  const rows = [...sums.values()].map(sum => ({
    ...sum,
    cost_micros: sum.cost_micros + sum.unallocated_micros,
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await knex('ai_cost_tag_daily').insert(rows.slice(i, i + BATCH));
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_cost_tag_daily');
};

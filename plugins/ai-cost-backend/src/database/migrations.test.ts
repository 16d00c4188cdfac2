import path from 'node:path';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const migrationsDir = path.resolve(__dirname, '../../migrations');

const TABLES = [
  'ai_cost_sources',
  'ai_cost_runs',
  'ai_cost_usage',
  'ai_cost_attribution_keys',
  'ai_cost_daily',
  'ai_cost_unallocated_daily',
  'ai_cost_budgets',
  'ai_cost_anomalies',
  'ai_cost_recommendations',
  'ai_cost_entities',
  'ai_cost_index_state',
  'ai_cost_budget_alerts',
];

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'run up and down cleanly, twice, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (let round = 0; round < 2; round++) {
        await knex.migrate.latest({ directory: migrationsDir });
        for (const table of TABLES) {
          expect(await knex.schema.hasTable(table)).toBe(true);
        }
        // The natural key is unique per source.
        await knex('ai_cost_sources').insert({
          id: 's',
          provider: 'openai',
          status: 'never-run',
          rows_upserted: 0,
        });
        const row = {
          source_id: 's',
          provider: 'openai',
          record_key: 'k',
          date: '2026-11-01',
          cost_micros: 1,
          currency: 'USD',
          cost_kind: 'billed',
        };
        await knex('ai_cost_usage').insert(row);
        const duplicate = await knex('ai_cost_usage')
          .insert(row)
          .then(
            () => 'inserted',
            (error: Error) => error.message,
          );
        expect(duplicate).toMatch(/unique/i);

        await knex.migrate.rollback({ directory: migrationsDir }, true);
        for (const table of TABLES) {
          expect(await knex.schema.hasTable(table)).toBe(false);
        }
      }
      await knex.destroy();
    },
  );
});

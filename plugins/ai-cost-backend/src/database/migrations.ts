import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';

const migrationsDir = resolvePackagePath(
  '@ai-cost/plugin-ai-cost-backend',
  'migrations',
);

/**
 * Brings the plugin's database to the latest schema, unless the database
 * service says migrations are run elsewhere (`migrations.skip`). The one
 * place the plugin migrates: {@link createStores} calls it once, before any
 * store is built.
 */
export async function applyMigrations(
  database: DatabaseService,
): Promise<void> {
  if (database.migrations?.skip) return;
  const client = await database.getClient();
  await client.migrate.latest({ directory: migrationsDir });
}

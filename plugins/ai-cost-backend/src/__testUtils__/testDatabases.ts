import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

/**
 * The databases store tests run on: SQLite always, plus every PostgreSQL
 * whose `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING` is set (CI
 * starts Debian's PostgreSQL and sets it). With `AI_COST_REQUIRE_POSTGRES=1`
 * a missing PostgreSQL fails the run instead of silently testing SQLite only.
 */
export function createTestDatabases(): TestDatabases {
  const postgresIds = Object.keys(process.env)
    .map(
      name =>
        /^BACKSTAGE_TEST_DATABASE_(POSTGRES\d+)_CONNECTION_STRING$/.exec(
          name,
        )?.[1],
    )
    .filter((id): id is string => Boolean(id))
    .map(id => id.replace(/^POSTGRES/, 'POSTGRES_') as TestDatabaseId);
  if (
    process.env.AI_COST_REQUIRE_POSTGRES === '1' &&
    postgresIds.length === 0
  ) {
    throw new Error(
      'AI_COST_REQUIRE_POSTGRES=1 but no BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING is set',
    );
  }
  return TestDatabases.create({
    ids: [...postgresIds, 'SQLITE_3'],
    disableDocker: true,
  });
}

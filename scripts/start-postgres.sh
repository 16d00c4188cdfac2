#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the store tests on 127.0.0.1:${PGPORT:-5433}
# from Debian's postgresql package (installed by .ci/run), and prints the
# connection string TestDatabases reads from
# BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING.
# Reuses the server when it already runs.
set -euo pipefail
port=${PGPORT:-5433}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=${PGDATA_DIR:-/tmp/ai-cost-pg-$port}

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

if ! as_pg "'$bin/pg_ctl' -D '$data' status" >/dev/null 2>&1; then
  rm -rf "$data"
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi
  as_pg "'$bin/initdb' -D '$data' -U postgres --auth=trust" >/dev/null
  as_pg "'$bin/pg_ctl' -D '$data' -l '$data/server.log' -w start -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off'" >/dev/null
fi
echo "postgresql://postgres@127.0.0.1:$port"

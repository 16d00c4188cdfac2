#!/usr/bin/env bash
# Several replicas: starts two real backends (backend/index.ts: catalog, AI
# Cost plugin, a fake billing provider) on one PostgreSQL database created for
# the run and dropped after it, and checks through HTTP and SQL that each
# source runs once per interval, nothing is stored twice, post-attribution
# runs without errors and both replicas report the same reconciled totals.
# PostgreSQL: AI_COST_REPLICAS_PG (default: the server of
# scripts/start-postgres.sh on 127.0.0.1:5433).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/env.sh

export AI_COST_REPLICAS_PG="${AI_COST_REPLICAS_PG:-postgresql://postgres@127.0.0.1:5433}"
if ! node -e "
  const { Client } = require('pg');
  const c = new Client({ connectionString: process.env.AI_COST_REPLICAS_PG + '/postgres' });
  c.connect().then(() => c.end(), () => process.exit(1));
"; then
  echo "No PostgreSQL at $AI_COST_REPLICAS_PG (bash scripts/start-postgres.sh)" >&2
  exit 1
fi
node --test --test-concurrency=1 --test-reporter=spec e2e/replicas/replicas.test.mjs

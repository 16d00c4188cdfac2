#!/usr/bin/env bash
# The full test suite: type check, lint, prettier, all unit tests, the
# backend store tests on SQLite and on PostgreSQL (Debian's postgresql, started
# here when installed; required when CI is set), two backend replicas on that
# PostgreSQL (e2e/replicas), the benchmark smoke run, and the browser end-to-end
# tests in Debian's Chromium (when installed; required when CI is set).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

step() { printf '\n=== %s (%s) ===\n' "$*" "$(date -u +%H:%M:%S)"; }

step "install"
yarn install --immutable

export BACKSTAGE_TEST_DISABLE_DOCKER=1
if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  step "postgresql"
  pg_url=$(bash scripts/start-postgres.sh)
  pg_major=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1 | sed -E 's#.*/postgresql/([0-9]+)/bin#\1#')
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${pg_major}_CONNECTION_STRING=$pg_url"
  echo "store tests will run on SQLite and PostgreSQL ${pg_major} at $pg_url"
elif [ -n "${CI:-}" ]; then
  echo "CI is set but PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
else
  echo "PostgreSQL not installed: store tests run on SQLite only"
fi
if [ -n "${CI:-}" ]; then export AI_COST_REQUIRE_POSTGRES=1; fi

step "type check"
yarn tsc
# The bench runs through swc, which does not check types.
yarn tsc -p bench/tsconfig.json --noEmit

step "lint"
yarn backstage-cli repo lint

# The committed report.api.md of every library must match its exports (the
# declarations `yarn tsc` just wrote to dist-types). After a deliberate API
# change, run `rm -rf dist-types && yarn tsc && yarn build:api-reports` and
# commit the reports: an incremental build can order the members of zod-
# inferred unions differently from the clean build CI makes.
step "API reports"
yarn build:api-reports --ci

# Unused and unlisted dependencies (knip, offline, about 2 minutes): each
# package's committed knip-report.md lists only the known false positives.
step "knip reports"
yarn build:knip-reports --ci

step "prettier"
yarn prettier --check .

step "unit tests"
yarn backstage-cli repo test --watchAll=false --verbose

# The benchmark at 1% scale on both databases (about a minute): it checks that
# attributed + unallocated = ingested, that the naive queries give the
# router's totals and that push loses nothing; its timings are not judged.
step "bench smoke run"
yarn bench --scale=0.01

# Two backend replicas on one PostgreSQL (PostgreSQL is required when CI is set,
# checked above).
if [ -n "${pg_url:-}" ]; then
  step "replicas end-to-end test"
  AI_COST_REPLICAS_PG="$pg_url" bash e2e/replicas/run.sh
else
  echo "PostgreSQL not installed: skipping the replicas end-to-end test"
fi

if [ -x "${AI_COST_E2E_CHROMIUM:-/usr/bin/chromium}" ]; then
  step "browser end-to-end tests"
  bash e2e/run.sh
elif [ -n "${CI:-}" ]; then
  echo "CI is set but Chromium is not installed (apt-get install -y chromium)" >&2
  exit 1
else
  echo "Chromium not installed: skipping the browser end-to-end tests"
fi

step "done"

#!/usr/bin/env bash
# Browser end-to-end tests: starts the portal the way the README does
# (bash scripts/start.sh: SQLite in memory, the example org, demo spend),
# waits until the demo sources are ingested and attributed, then drives
# Debian's Chromium with playwright-core through node's built-in test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh

export AI_COST_E2E_CHROMIUM="${AI_COST_E2E_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$AI_COST_E2E_CHROMIUM" ]; then
  echo "Chromium not found at $AI_COST_E2E_CHROMIUM (apt-get install -y chromium)" >&2
  exit 1
fi
if node -e "fetch('http://localhost:7007/api/ai-cost/health').then(() => process.exit(0), () => process.exit(1))"; then
  echo "Something already listens on :7007; stop the running portal first" >&2
  exit 1
fi

log="${AI_COST_E2E_LOG:-$(mktemp -t ai-cost-e2e-portal.XXXXXX.log)}"
echo "Starting the portal (log: $log)"
setsid bash scripts/start.sh >"$log" 2>&1 &
portal=$!
stop_portal() {
  kill -TERM -- "-$portal" 2>/dev/null || true
  wait "$portal" 2>/dev/null || true
}
trap stop_portal EXIT

node e2e/waitForPortal.mjs "$log"
node --test --test-concurrency=1 --test-reporter=spec "e2e/tests/*.test.mjs"

#!/usr/bin/env bash
# Starts the demo portal: frontend on :3000, backend on :7007, in-memory SQLite,
# the demo org from examples/ and deterministic demo AI spend.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
yarn install --immutable
exec yarn start

#!/usr/bin/env bash
# yarn bench [--scale=0.01] [--db=sqlite,postgres] [--requests=200] [--push-seconds=60] [--only=upsert,attribution,…] [--docs] [--keep-db]
# Runs the TypeScript bench with the same on-the-fly transpilation `backstage-cli`
# uses for backends (swc through @backstage/cli/config/nodeTransform.cjs).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --require @backstage/cli/config/nodeTransform.cjs bench/main.ts "$@"

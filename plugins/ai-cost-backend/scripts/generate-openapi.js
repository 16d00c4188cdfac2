#!/usr/bin/env node
/*
 * Turns src/schema/openapi.yaml (the source of truth of the REST contract)
 * into src/schema/openapi.generated.ts, a typed constant: the router's
 * types, and what the route tests check every response against.
 *
 * Run with `yarn generate`. A test fails when the two drift apart.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const schemaDir = path.resolve(__dirname, '../src/schema');

function render() {
  const spec = YAML.parse(
    fs.readFileSync(path.join(schemaDir, 'openapi.yaml'), 'utf8'),
  );
  return [
    '// Generated from openapi.yaml by scripts/generate-openapi.js; do not edit.',
    '',
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;`,
    '',
    'export type AiCostApiSpec = typeof spec;',
    '',
  ].join('\n');
}

module.exports = {
  render,
  target: path.join(schemaDir, 'openapi.generated.ts'),
};

if (require.main === module) {
  fs.writeFileSync(module.exports.target, render());
  console.log(`wrote ${path.relative(process.cwd(), module.exports.target)}`);
}

import fs from 'node:fs';

// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const generator = require('../../scripts/generate-openapi.js');

describe('openapi.generated.ts', () => {
  it('is up to date with openapi.yaml (run `yarn generate` after editing the spec)', async () => {
    const prettier = require('prettier');
    const options = (await prettier.resolveConfig(generator.target)) ?? {};
    const expected = await prettier.format(generator.render(), {
      ...options,
      parser: 'typescript',
    });
    expect(fs.readFileSync(generator.target, 'utf8')).toBe(expected);
  });
});

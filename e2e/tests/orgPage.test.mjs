import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FRONTEND, screenshot, signedInPage } from '../lib.mjs';

let browser;
let page;
before(async () => {
  ({ browser, page } = await signedInPage());
});
after(async () => browser?.close());

test('the org page shows rollups and unallocated spend with guidance', async () => {
  await page.goto(`${FRONTEND}/ai-cost`);
  await page.getByText('Unallocated spend').first().waitFor();
  await page.getByText('proj_experiments').first().waitFor();
  await page.getByText('Search Team').first().waitFor();
  await page
    .getByRole('button', { name: /who owns this/i })
    .first()
    .click();
  await page.getByText('ai-cost/openai-project-id').first().waitFor();
  assert.ok(true);
  await page.keyboard.press('Escape');
  await screenshot(page, 'org-page');
});

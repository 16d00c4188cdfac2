import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  FRONTEND,
  LAYOUTS,
  parseMoney,
  screenshot,
  signedInPage,
  sumCsvCostMicros,
} from '../lib.mjs';

for (const { width, theme } of LAYOUTS) {
  describe(`the org page at ${width} px, ${theme} theme`, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('shows rollups and unallocated spend with guidance', async () => {
      await page.goto(`${FRONTEND}/ai-cost`);
      await page.getByText('Unallocated spend').first().waitFor();
      await page.getByText('proj_experiments').first().waitFor();
      await page.getByText('Search Team').first().waitFor();
      await page
        .getByRole('button', { name: /who owns this/i })
        .first()
        .click();
      await page.getByText('ai-cost/openai-project-id').first().waitFor();
      await page.keyboard.press('Escape');
      if (width === 1400 && theme === 'light') {
        await screenshot(page, 'org-page');
      }
    });

    test('rolls up by environment, each spelling of production as one value', async () => {
      await page.goto(`${FRONTEND}/ai-cost?groupBy=tag:environment`);
      await page.getByRole('tab', { name: 'Environment' }).waitFor();
      await page.getByText('production', { exact: true }).first().waitFor();
      await page.getByText('staging', { exact: true }).first().waitFor();
      assert.equal(await page.getByText('PROD', { exact: true }).count(), 0);
    });

    test('its total equals the sum of the exported CSV', async () => {
      await page.goto(`${FRONTEND}/ai-cost`);
      const subtitle = page.getByText(/^Attributed .* · total \$/).first();
      await subtitle.waitFor();
      const total = parseMoney(
        /total (\$[\d,.]+)/.exec(await subtitle.innerText())[1],
      );
      assert.ok(total > 0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = await readFile(await download.path(), 'utf8');
      assert.match(csv, /^date,entity_ref,owner,system,domain,/);
      // Unallocated spend is in the file, with an empty entity_ref.
      assert.match(csv, /\r\n[^,]+,,.*proj_experiments/);
      const cents = Math.round(sumCsvCostMicros(csv) / 1e4);
      assert.equal(cents, Math.round(total * 100));
    });
  });
}

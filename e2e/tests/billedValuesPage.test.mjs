import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FRONTEND,
  LAYOUTS,
  api,
  openFromOrgPage,
  screenshot,
  signedInPage,
} from '../lib.mjs';

// The demo data's OpenAI project that no catalog entity claims
// (plugins/ai-cost-backend/src/demo/demoStreams.ts, examples/entities.yaml).
const UNCLAIMED = 'proj_experiments';

/** An amount as the page shows it, `$1,234.57`. */
function money(value, currency) {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** A catalog-info.yaml of a new component claiming the unclaimed project. */
const YAML = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: e2e-sandbox
  annotations:
    ai-cost/openai-project-id: ${UNCLAIMED}
spec:
  type: service
  lifecycle: experimental
  owner: search-team
`;

for (const { width, theme } of LAYOUTS) {
  describe(`the billed values page at ${width} px, ${theme} theme`, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('is reachable from the org page', async () => {
      await openFromOrgPage(page, 'Billed values');
      await page.getByRole('table', { name: 'Billed values' }).waitFor();
      assert.match(page.url(), /\/ai-cost\/billed-values/);
    });

    test('finds an unclaimed value with the spend the API reports', async () => {
      const values = await api(`/attribution/values?q=${UNCLAIMED}`);
      const expected = values.items.find(
        v =>
          v.provider === 'openai' &&
          v.dimension === 'projectId' &&
          v.value === UNCLAIMED,
      );
      assert.ok(expected, `the demo data bills no ${UNCLAIMED}`);
      assert.deepEqual(expected.claimedBy, []);

      await page.goto(`${FRONTEND}/ai-cost/billed-values`);
      await page.getByRole('table', { name: 'Billed values' }).waitFor();
      await page.getByLabel('Search values').fill(UNCLAIMED);
      await page.waitForURL(new RegExp(`[?&]q=${UNCLAIMED}`));
      const row = page
        .getByRole('table', { name: 'Billed values' })
        .getByRole('row')
        .filter({ hasText: UNCLAIMED })
        .filter({ hasText: 'OpenAI' });
      await row.first().waitFor();
      assert.equal(await row.count(), 1);
      assert.equal(
        (await row.getByTestId('billed-value-spend').innerText()).trim(),
        money(expected.cost, values.currency),
      );
      await row.getByText('Unclaimed', { exact: true }).waitFor();

      await row.getByRole('button', { name: `Claim ${UNCLAIMED}` }).click();
      await page
        .getByText(`ai-cost/openai-project-id: ${UNCLAIMED}`)
        .first()
        .waitFor();
      if (width === 1400 && theme === 'light') {
        await screenshot(page, 'billed-values-page');
      }
    });

    test('checks a pasted catalog-info.yaml', async () => {
      const preview = await api('/attribution/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'text/yaml' },
        body: YAML,
      });
      const claim = preview.claims.find(c => c.value === UNCLAIMED);
      assert.ok(claim, `the preview claims no ${UNCLAIMED}`);

      await page.goto(`${FRONTEND}/ai-cost/billed-values?q=${UNCLAIMED}`);
      await page
        .getByRole('button', { name: 'Check a catalog-info.yaml' })
        .click();
      const dialog = page.getByRole('dialog', {
        name: 'Check a catalog-info.yaml',
      });
      await dialog.getByLabel('catalog-info.yaml').fill(YAML);
      await dialog.getByRole('button', { name: 'Check', exact: true }).click();
      const claims = dialog.getByRole('table', {
        name: 'Claims of the entity',
      });
      await claims.waitFor();
      const row = claims.getByRole('row').filter({ hasText: UNCLAIMED });
      await row.waitFor();
      const text = await row.innerText();
      assert.ok(
        text.includes(money(claim.cost, preview.currency)),
        `"${text}" lacks ${money(claim.cost, preview.currency)}`,
      );
      // Nobody claims the project yet: nothing to conflict with.
      assert.deepEqual(claim.conflictsWith, []);
      assert.match(text, /None/);
      await dialog.getByText('component:default/e2e-sandbox').waitFor();
    });

    test('shows the server message for YAML it cannot read', async () => {
      await page.goto(`${FRONTEND}/ai-cost/billed-values`);
      await page
        .getByRole('button', { name: 'Check a catalog-info.yaml' })
        .click();
      const dialog = page.getByRole('dialog', {
        name: 'Check a catalog-info.yaml',
      });
      await dialog.getByLabel('catalog-info.yaml').fill('kind: [Component\n');
      await dialog.getByRole('button', { name: 'Check', exact: true }).click();
      await dialog
        .getByRole('alert')
        .getByText(/^Could not check the YAML: body: invalid YAML: /)
        .waitFor();
    });

    if (width === 800) {
      test('does not scroll sideways', async () => {
        await page.goto(`${FRONTEND}/ai-cost/billed-values`);
        await page.getByRole('table', { name: 'Billed values' }).waitFor();
        // The document and every scrolling ancestor of the table: only the
        // table may scroll sideways, inside its own region.
        const overflow = await page.evaluate(() => {
          const scrollers = [document.documentElement];
          let el = document.querySelector('table[aria-label="Billed values"]')
            ?.parentElement?.parentElement;
          for (; el; el = el.parentElement) {
            if (/auto|scroll/.test(getComputedStyle(el).overflowX)) {
              scrollers.push(el);
            }
          }
          return Math.max(...scrollers.map(e => e.scrollWidth - e.clientWidth));
        });
        assert.ok(overflow <= 0, `the page is ${overflow} px too wide`);
      });
    }
  });
}

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

/** The last 30 UTC days, as the page's default period. */
function lastThirtyDays() {
  const today = new Date();
  const from = new Date(today.getTime() - 29 * 86_400_000);
  const day = date => date.toISOString().slice(0, 10);
  return { from: day(from), to: day(today) };
}

/** A share as the page shows it, `75.0%`. */
const share = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

for (const { width, theme } of LAYOUTS) {
  describe(`the allocation page at ${width} px, ${theme} theme`, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('shows the coverage the API computes', async () => {
      const { from, to } = lastThirtyDays();
      const coverage = await api(`/allocation/coverage?from=${from}&to=${to}`);
      await page.goto(`${FRONTEND}/ai-cost/allocation?from=${from}&to=${to}`);
      const shown = page.getByTestId('allocation-coverage');
      await shown.waitFor();
      assert.equal(
        (await shown.innerText()).trim(),
        share.format(coverage.coverage),
      );
      await page
        .getByText(
          coverage.chargebackReady ? 'Chargeback ready' : /^Showback: /,
        )
        .first()
        .waitFor();
      await page.getByRole('table', { name: 'Coverage by tag' }).waitFor();
    });

    test('lists every rule the API lists', async () => {
      const rules = await api('/allocation/rules');
      await page.goto(`${FRONTEND}/ai-cost/allocation`);
      await page.getByText('Allocation rules').first().waitFor();
      await page.getByText('Split rules', { exact: true }).first().waitFor();
      for (const rule of [...rules.virtualTags, ...rules.splitRules]) {
        await page.getByText(rule.id, { exact: true }).first().waitFor();
      }
      if (width === 1400 && theme === 'light') {
        await screenshot(page, 'allocation-page');
      }
    });

    test('is reachable from the org page', async () => {
      await openFromOrgPage(page, 'Allocation & chargeback readiness');
      await page.getByTestId('allocation-coverage').waitFor();
      assert.match(page.url(), /\/ai-cost\/allocation/);
    });

    if (width === 800) {
      test('does not scroll sideways', async () => {
        await page.goto(`${FRONTEND}/ai-cost/allocation`);
        await page.getByTestId('allocation-coverage').waitFor();
        await page.getByText('Split rules', { exact: true }).first().waitFor();
        // The document and every scrolling ancestor of the page content:
        // only tables may scroll sideways, inside their own region.
        const overflow = await page.evaluate(() => {
          const scrollers = [document.documentElement];
          let el = document.querySelector(
            '[data-testid="allocation-coverage"]',
          );
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

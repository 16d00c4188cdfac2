import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  FRONTEND,
  LAYOUTS,
  api,
  openFromOrgPage,
  parseMoney,
  screenshot,
  signedInPage,
  sumCsvCostMicros,
} from '../lib.mjs';

/** The UTC month before the current one, as the page shows by default. */
function previousMonth() {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1));
  return first.toISOString().slice(0, 7);
}

const cents = amount => Math.round(amount * 100);

for (const { width, theme } of LAYOUTS) {
  describe(`the chargeback page at ${width} px, ${theme} theme`, () => {
    const month = previousMonth();
    const url = `${FRONTEND}/ai-cost/chargeback?month=${month}`;
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('shows the statement the API computes, its lines adding up', async () => {
      const statement = await api(`/chargeback?month=${month}`);
      assert.ok(statement.total > 0, `no demo spend in ${month}`);
      await page.goto(url);
      const total = page.getByTestId('chargeback-total');
      await total.waitFor();
      assert.equal(
        cents(parseMoney(await total.innerText())),
        cents(statement.total),
      );
      const table = page.getByRole('table', { name: 'Chargeback statement' });
      const costs = await table
        .locator('tbody tr td:last-child')
        .allInnerTexts();
      // A line per charged party, then unallocated spend.
      assert.equal(costs.length, statement.lines.length + 1);
      assert.equal(
        costs.reduce((sum, text) => sum + cents(parseMoney(text)), 0),
        cents(statement.total),
      );
      for (const line of statement.lines.filter(l => l.title)) {
        await table.getByText(line.title, { exact: true }).first().waitFor();
      }
      await table.getByText('Unallocated', { exact: true }).waitFor();
      await page
        .getByText(statement.status === 'closed' ? /^Closed by / : /^Open — /)
        .first()
        .waitFor();
      if (width === 1400 && theme === 'light') {
        await screenshot(page, 'chargeback-page');
      }
    });

    test('downloads a CSV that sums to the total with adjustments', async () => {
      const statement = await api(`/chargeback?month=${month}`);
      await page.goto(url);
      await page.getByTestId('chargeback-total').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      assert.equal(
        download.suggestedFilename(),
        `ai-cost-chargeback-${month}.csv`,
      );
      const csv = await readFile(await download.path(), 'utf8');
      assert.equal(
        sumCsvCostMicros(csv),
        Math.round((statement.total + statement.adjustmentsTotal) * 1e6),
      );
    });

    test('is reachable from the org page', async () => {
      await openFromOrgPage(page, 'Chargeback');
      await page.getByTestId('chargeback-total').waitFor();
      assert.match(page.url(), /\/ai-cost\/chargeback/);
    });

    if (width === 800) {
      test('does not scroll sideways', async () => {
        await page.goto(url);
        await page.getByTestId('chargeback-total').waitFor();
        // The document and every scrolling ancestor of the statement's
        // total, the table's own region included: three columns fit.
        const overflow = await page.evaluate(() => {
          const scrollers = [document.documentElement];
          let el = document.querySelector('[data-testid="chargeback-total"]');
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

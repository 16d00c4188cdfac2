import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  FRONTEND,
  LAYOUTS,
  api,
  cardTitled,
  parseMoney,
  screenshotPath,
  signedInPage,
  sumCsvCostMicros,
} from '../lib.mjs';

/** The default window of the tab and the org page: the last 30 days (UTC). */
function last30Days() {
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 29 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { from, to };
}

const cents = amount => Math.round(amount * 100);

/** How far the document scrolls sideways (0 when everything fits). */
function documentOverflow(page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
}

for (const { width, theme } of LAYOUTS) {
  const readmeShot = width === 1400 && theme === 'light';
  describe(`unit economics at ${width} px, ${theme} theme`, () => {
    const { from, to } = last30Days();
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('the support bot’s tab shows its cost per resolved ticket as the API computes it', async () => {
      const unitCosts = await api(
        `/unit-costs?entityRef=component:default/support-bot&from=${from}&to=${to}`,
      );
      // The demo pushes tickets_resolved, named by its ai-cost/unit-metric.
      assert.equal(unitCosts.metric, 'tickets_resolved');
      assert.equal(unitCosts.metricFrom, 'annotation');
      assert.ok(unitCosts.total.unitCost > 0, 'no demo unit cost');

      await page.goto(
        `${FRONTEND}/catalog/default/component/support-bot/ai-cost`,
      );
      const card = cardTitled(page, 'Unit economics');
      await card.getByText('per ticket', { exact: true }).waitFor();
      await card.getByText('from ai-cost/unit-metric').waitFor();
      const headline = await card
        .locator('[class*="MuiTypography-h4"]')
        .innerText();
      const shown = parseMoney(headline);
      // The headline keeps three significant digits below $0.10.
      const expected = unitCosts.total.unitCost;
      assert.ok(
        Math.abs(shown - expected) <= expected * 0.005,
        `headline ${headline} for a unit cost of ${expected}`,
      );
      const facts = await card.locator('dl').innerText();
      assert.match(
        facts,
        new RegExp(
          `\\$${unitCosts.total.cost.toLocaleString('en-US', {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          })}`.replace(/\./g, '\\.'),
        ),
      );
      // The chart draws cost, tickets and the unit cost line.
      await card.locator('.recharts-surface').first().waitFor();
      assert.ok((await card.locator('.recharts-line').count()) > 0);
      if (readmeShot) {
        await card.screenshot({ path: screenshotPath('unit-economics') });
      }
    });

    test('the metric picker offers the metrics the entity has values of', async () => {
      await page.goto(
        `${FRONTEND}/catalog/default/component/search-api/ai-cost`,
      );
      const card = cardTitled(page, 'Unit economics');
      await card.getByText('per request', { exact: true }).waitFor();
      // The demo's tickets_resolved belongs to the support bot, its revenue
      // to customers: the search API has the built-ins only.
      assert.deepEqual(
        await card.getByLabel('Metric').locator('option').allInnerTexts(),
        ['requests', 'tokens', 'customers'],
      );
      await page.goto(
        `${FRONTEND}/catalog/default/component/support-bot/ai-cost`,
      );
      await card.getByText('per ticket', { exact: true }).waitFor();
      assert.ok(
        (
          await card.getByLabel('Metric').locator('option').allInnerTexts()
        ).includes('tickets_resolved (tickets)'),
      );
    });

    test('the org page’s customers table shows cost, revenue and margin that add up', async () => {
      const rollup = await api(
        `/rollup?groupBy=tag:customer&metric=revenue&from=${from}&to=${to}`,
      );
      const byKey = new Map(rollup.items.map(item => [item.key, item]));
      // Demo facts: wayne has revenue and no spend; umbrella loses money.
      assert.equal(byKey.get('wayne')?.cost, 0);
      assert.ok(byKey.get('wayne').metricValue > 0);
      assert.ok(byKey.get('umbrella')?.margin < 0);

      await page.goto(`${FRONTEND}/ai-cost`);
      const table = page.getByRole('region', {
        name: 'Cost and revenue by customer',
      });
      await table.waitFor();
      const rowOf = name =>
        table.locator('tbody tr').filter({
          has: page.getByText(name, { exact: true }),
        });
      const cells = async name => rowOf(name).locator('td').allInnerTexts();

      const wayne = await cells('wayne');
      assert.equal(wayne[1], '$0.00');
      assert.equal(
        cents(parseMoney(wayne[5])),
        cents(byKey.get('wayne').margin),
      );
      const umbrella = await cells('umbrella');
      assert.match(umbrella[5], /^-\$/);
      assert.equal(
        cents(parseMoney(umbrella[5])),
        cents(byKey.get('umbrella').margin),
      );

      // The cost column adds up to the footer total, which is the rollup's.
      const costs = await table
        .locator('tbody tr td:nth-child(2)')
        .allInnerTexts();
      const sum = costs.reduce((t, text) => t + cents(parseMoney(text)), 0);
      const footer = page.getByText(/^Total \$[\d,.]+ over \d+ rows?$/);
      assert.equal(sum, cents(parseMoney(await footer.innerText())));
      assert.equal(sum, cents(rollup.total));
      if (readmeShot) {
        await table
          .locator('xpath=ancestor::div[@role="tabpanel"][1]/..')
          .screenshot({ path: screenshotPath('customer-economics') });
      }

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        table
          .locator('xpath=ancestor::div[@role="tabpanel"][1]')
          .getByRole('button', { name: 'Download CSV' })
          .click(),
      ]);
      const csv = await readFile(await download.path(), 'utf8');
      assert.equal(
        sumCsvCostMicros(csv),
        Math.round(cents(rollup.total) * 10_000),
      );
    });

    test('the features tab shows cost per request by feature', async () => {
      const rollup = await api(
        `/rollup?groupBy=tag:feature&metric=requests&from=${from}&to=${to}`,
      );
      assert.ok(rollup.total > 0);
      await page.goto(`${FRONTEND}/ai-cost`);
      await page.getByRole('tab', { name: 'Features' }).click();
      const table = page.getByRole('region', {
        name: 'Cost and requests by feature',
      });
      await table.waitFor();
      const costs = await table
        .locator('tbody tr td:nth-child(2)')
        .allInnerTexts();
      assert.equal(
        costs.reduce((t, text) => t + cents(parseMoney(text)), 0),
        cents(rollup.total),
      );
      const top = rollup.items
        .filter(item => item.key)
        .sort((a, b) => b.cost - a.cost)[0];
      await table.getByText(top.key, { exact: true }).waitFor();
    });

    if (width === 800) {
      test('neither view scrolls the page sideways', async () => {
        await page.goto(
          `${FRONTEND}/catalog/default/component/support-bot/ai-cost`,
        );
        await cardTitled(page, 'Unit economics')
          .getByText('per ticket', { exact: true })
          .waitFor();
        assert.ok((await documentOverflow(page)) <= 0);
        await page.goto(`${FRONTEND}/ai-cost`);
        await page
          .getByRole('region', { name: 'Cost and revenue by customer' })
          .waitFor();
        assert.ok((await documentOverflow(page)) <= 0);
      });
    }
  });
}

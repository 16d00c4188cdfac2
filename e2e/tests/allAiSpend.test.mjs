import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api,
  FRONTEND,
  LAYOUTS,
  parseMoney,
  screenshot,
  signedInPage,
} from '../lib.mjs';

// All AI spend (issue #19): the demo has every category — model APIs
// (demo-openai, demo-anthropic), cloud AI services (demo-aws), self-hosted
// GPU (demo-kubernetes), subscriptions (aiCost.subscriptions in
// app-config.yaml) and expensed tools (demo-expense).

const cents = amount => Math.round(amount * 100);
const CATEGORIES = [
  'Model APIs',
  'Cloud AI services',
  'Self-hosted GPU',
  'Subscriptions',
  'Expensed tools',
];
const KEYS = [
  'model-api',
  'cloud-ai',
  'self-hosted',
  'subscription',
  'expense',
];

for (const { width, theme } of LAYOUTS) {
  describe(`all AI spend at ${width} px, ${theme} theme`, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('the org headline shows every category as the API totals them, adding up', async () => {
      const [response] = await Promise.all([
        page.waitForResponse(r => r.url().includes('/rollup?groupBy=category')),
        page.goto(`${FRONTEND}/ai-cost`),
      ]);
      const rollup = await response.json();
      const table = page.getByRole('table', { name: 'AI spend by category' });
      await table.waitFor();
      const card = table.locator(
        'xpath=ancestor::div[contains(@class,"MuiCard-root")][1]',
      );
      const total = await card
        .locator('p[class*="MuiTypography-h4"]')
        .innerText();
      assert.equal(cents(parseMoney(total)), cents(rollup.total));

      const rows = await table
        .locator('tbody tr')
        .evaluateAll(trs =>
          trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText)),
        );
      assert.deepEqual(
        rows.map(cells => cells[0].split('\n')[0]),
        CATEGORIES,
      );
      let shownCents = 0;
      let shares = 0;
      rows.forEach((cells, i) => {
        const item = rollup.items.find(it => it.key === KEYS[i]);
        assert.ok(item.cost > 0, `the demo has ${KEYS[i]} spend`);
        // Each shown amount is the API's to the cent (rounded once so they add up).
        assert.ok(
          Math.abs(cents(parseMoney(cells[1])) - cents(item.cost)) <= 1,
          `${cells[1]} vs ${item.cost}`,
        );
        shownCents += cents(parseMoney(cells[1]));
        shares += Math.round(Number(cells[2].replace('%', '')) * 10);
      });
      assert.equal(shownCents, cents(rollup.total));
      assert.equal(shares, 1000);
      // It leads the page.
      await page.getByText('Spend by team').first().waitFor();
      const order = await page.evaluate(() => {
        const text = document.body.innerText;
        return [text.indexOf('All AI spend'), text.indexOf('Spend by team')];
      });
      assert.ok(order[0] >= 0 && order[0] < order[1], String(order));
      assert.ok(
        await page.evaluate(
          () =>
            document.documentElement.scrollWidth <=
            document.documentElement.clientWidth,
        ),
        'the page does not scroll sideways',
      );
      if (width === 1400 && theme === 'light') {
        await screenshot(page, 'all-ai-spend');
      }
    });

    test('the shadow AI card shows approved and shadow spend as the API does, adding up', async () => {
      const [response] = await Promise.all([
        page.waitForResponse(r => r.url().includes('/shadow-ai?')),
        page.goto(`${FRONTEND}/ai-cost`),
      ]);
      const report = await response.json();
      const table = page.getByRole('table', { name: 'Expensed AI vendors' });
      await table.waitFor();
      const card = table.locator(
        'xpath=ancestor::div[contains(@class,"MuiCard-root")][1]',
      );
      const total = await card
        .locator('p[class*="MuiTypography-h4"]')
        .innerText();
      assert.equal(cents(parseMoney(total)), cents(report.total));
      const approved = await card.getByTestId('shadow-ai-approved').innerText();
      const shadow = await card.getByTestId('shadow-ai-shadow').innerText();
      assert.equal(
        cents(parseMoney(approved)) + cents(parseMoney(shadow)),
        cents(report.total),
      );
      // The demo's catalog approves OpenAI and Cursor (Resources of type
      // ai-tool); Midjourney and Perplexity are shadow AI.
      const rows = await table
        .locator('tbody tr')
        .evaluateAll(trs =>
          trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText)),
        );
      const status = Object.fromEntries(rows.map(c => [c[0], c[1]]));
      assert.equal(status.Midjourney, 'Shadow');
      assert.equal(status.Perplexity, 'Shadow');
      assert.equal(status.OpenAI, 'Approved');
      assert.equal(
        rows.reduce((t, c) => t + cents(parseMoney(c[2])), 0),
        cents(report.total),
      );
      // Perplexity was expensed by an employee the catalog does not know.
      const perplexity = report.vendors.find(v => v.vendor === 'Perplexity');
      assert.ok(perplexity.unallocated > 0);
      assert.equal(perplexity.approved, false);
    });

    test("a self-hosted workload's tab shows its GPU spend from OpenCost", async () => {
      const [response] = await Promise.all([
        page.waitForResponse(
          r =>
            r
              .url()
              .includes(
                '/costs?entityRef=component%3Adefault%2Fsearch-reranker',
              ) ||
            r
              .url()
              .includes('/costs?entityRef=component:default/search-reranker'),
        ),
        page.goto(
          `${FRONTEND}/catalog/default/component/search-reranker/ai-cost`,
        ),
      ]);
      const costs = await response.json();
      const gpu = costs.byCategory.find(c => c.category === 'self-hosted');
      assert.ok(gpu && gpu.cost > 0, JSON.stringify(costs.byCategory));
      const term = page.getByText('Self-hosted GPU', { exact: true });
      await term.waitFor();
      const amount = await term
        .locator('xpath=following-sibling::dd[1]')
        .innerText();
      assert.equal(cents(parseMoney(amount)), cents(gpu.cost));
    });

    test('the API agrees: categories sum to the org total, unallocated included', async () => {
      const rollup = await api(
        `/rollup?groupBy=category&from=${new Date(Date.now() - 29 * 864e5)
          .toISOString()
          .slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`,
      );
      const micros = rollup.items.reduce(
        (t, i) => t + Math.round(i.cost * 1e6),
        0,
      );
      assert.equal(micros, Math.round(rollup.total * 1e6));
    });
  });
}

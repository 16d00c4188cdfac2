import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api,
  FRONTEND,
  LAYOUTS,
  parseMoney,
  screenshot,
  signedInPage,
  totalOf,
} from '../lib.mjs';

for (const { width, theme } of LAYOUTS) {
  // README screenshots are taken once, at 1400 px in the light theme.
  const readmeShot = width === 1400 && theme === 'light';
  describe(`entity tabs at ${width} px, ${theme} theme`, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('a component’s AI Cost tab shows a non-zero total and the chart', async () => {
      await page.goto(
        `${FRONTEND}/catalog/default/component/search-api/ai-cost`,
      );
      const total = totalOf(page);
      await total.waitFor();
      assert.ok(parseMoney(await total.innerText()) > 0);
      await page.locator('.recharts-surface').first().waitFor();
      assert.ok((await page.locator('.recharts-rectangle').count()) > 0);
      if (readmeShot) await screenshot(page, 'entity-tab');
    });

    test('a component shows its spend by environment and its share of the shared key', async () => {
      await page.goto(
        `${FRONTEND}/catalog/default/component/query-rewriter/ai-cost`,
      );
      await totalOf(page).waitFor();
      // The demo's key_shared_eval is split 70/30 by the shared-eval-key rule,
      // and its usage carries environment tags spelled PROD / production / stg.
      await page.getByText('Spend by environment').first().waitFor();
      await page.getByText('production', { exact: true }).first().waitFor();
      await page.getByText('Shared spend').first().waitFor();
      await page.getByText('shared-eval-key').first().waitFor();
    });

    test('switching the period changes the URL and the figures', async () => {
      await page.goto(
        `${FRONTEND}/catalog/default/component/search-api/ai-cost`,
      );
      await totalOf(page).waitFor();
      await page.getByLabel('Period').selectOption('7d');
      await page.waitForURL(/period=7d/);
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 6 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const expected = await api(
        `/costs?entityRef=component:default/search-api&from=${from}&to=${to}`,
      );
      const formatted = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: 'USD',
      }).format(expected.total.cost);
      await totalOf(page).filter({ hasText: formatted }).waitFor();
    });

    test('a team’s rollup equals the sum of what it owns', async () => {
      await page.goto(`${FRONTEND}/catalog/default/group/search-team/ai-cost`);
      const total = totalOf(page);
      await total.waitFor();
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 29 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const team = await api(
        `/costs?entityRef=group:default/search-team&from=${from}&to=${to}`,
      );
      const children = team.byChild.reduce(
        (sum, c) => sum + Math.round(c.cost * 1e6),
        0,
      );
      assert.equal(
        children + Math.round(team.own.cost * 1e6),
        Math.round(team.total.cost * 1e6),
      );
      assert.ok(team.total.cost > 0);
      assert.equal(
        parseMoney(await total.innerText()),
        Math.round(team.total.cost * 100) / 100,
      );
      if (readmeShot) await screenshot(page, 'team-rollup');
    });

    test('a component without annotations explains what to add', async () => {
      await page.goto(
        `${FRONTEND}/catalog/default/component/docs-site/ai-cost`,
      );
      await page.getByText('ai-cost/openai-project-id').first().waitFor();
      await page.getByText('docs-site').first().waitFor();
      if (readmeShot) await screenshot(page, 'empty-state');
    });
  });
}

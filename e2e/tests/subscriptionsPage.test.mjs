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

// The subscriptions page (issue #19): the demo config's ChatGPT Enterprise
// (25 seats split by member count, active seats pushed as a metric) and
// Cursor Business; the guest, in the platform group, administers AI Cost.

const cents = amount => Math.round(amount * 100);

function rowOf(page, product) {
  return page
    .getByRole('table', { name: 'Subscriptions' })
    .locator('tbody tr')
    .filter({ hasText: product });
}

for (const { width, theme } of LAYOUTS) {
  describe(`the subscriptions page at ${width} px, ${theme} theme`, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('lists config subscriptions with cost per seat and per active seat as the API does', async () => {
      const { subscriptions } = await api('/subscriptions');
      const chatgpt = subscriptions.find(s => s.id === 'chatgpt-enterprise');
      assert.ok(chatgpt.activeSeats > 0 && chatgpt.activeSeats < 25);
      await page.goto(`${FRONTEND}/ai-cost/subscriptions`);
      const row = rowOf(page, 'ChatGPT Enterprise');
      await row.waitFor();
      const cells = await row.locator('td').allInnerTexts();
      assert.equal(cells[0], 'OpenAI');
      assert.equal(cents(parseMoney(cells[4])), cents(chatgpt.costPerSeat));
      assert.equal(Number(cells[5]), chatgpt.activeSeats);
      assert.equal(
        cents(parseMoney(cells[6])),
        cents(chatgpt.costPerActiveSeat),
      );
      // Config subscriptions are changed in app-config, not here.
      assert.match(cells[8], /app-config/);
      assert.ok(
        await page.evaluate(
          () =>
            document.documentElement.scrollWidth <=
            document.documentElement.clientWidth,
        ),
        'the page does not scroll sideways',
      );
      if (width === 1400 && theme === 'light') {
        await screenshot(page, 'subscriptions-page');
      }
    });

    test('adds a portal subscription, and deletes it', async () => {
      const id = `e2e-copilot-${width}-${theme}`;
      await page.goto(`${FRONTEND}/ai-cost/subscriptions`);
      await page.getByRole('button', { name: 'Add subscription' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Id').fill(id);
      await dialog.getByLabel('Vendor').fill('GitHub');
      await dialog.getByLabel('Product').fill(`Copilot ${width} ${theme}`);
      await dialog.getByLabel('Amount per period').fill('190');
      await dialog.getByLabel('Start (YYYY-MM-DD)').fill('2026-01-01');
      await dialog.getByLabel('Seats (optional)').fill('10');
      await dialog
        .getByLabel('Assigned to entity (optional)')
        .fill('group:default/search-team');
      await dialog.getByRole('button', { name: 'Save' }).click();
      const row = rowOf(page, `Copilot ${width} ${theme}`);
      await row.waitFor();
      const cells = await row.locator('td').allInnerTexts();
      assert.equal(cells[2], '$190.00 / month');
      const { subscriptions } = await api('/subscriptions');
      const saved = subscriptions.find(s => s.id === id);
      assert.equal(saved.source, 'portal');
      assert.equal(cents(parseMoney(cells[4])), cents(saved.costPerSeat));

      await page.getByRole('button', { name: `Delete ${id}` }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Delete' })
        .click();
      await row.waitFor({ state: 'detached' });
      const after = await api('/subscriptions');
      assert.equal(
        after.subscriptions.some(s => s.id === id),
        false,
      );
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, FRONTEND, LAYOUTS, parseMoney, signedInPage } from '../lib.mjs';

const cents = amount => Math.round(amount * 100);

/** "$1,234.56–$2,345.67" → [1234.56, 2345.67] */
function moneyRange(text) {
  const [low, high] = text.split('–');
  return [parseMoney(low), parseMoney(high)];
}

function lastDayOfMonthToday() {
  const now = new Date();
  const next = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1),
  );
  return next.getUTCDate() === 1;
}

for (const { width, theme } of LAYOUTS) {
  describe(`the month-end forecast at ${width} px, ${theme} theme`, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('the daily chart draws the forecast the API computes, with its band', async () => {
      const forecast = await api(
        '/forecast?entityRef=component:default/search-api',
      );
      assert.ok(forecast.forecast, forecast.basis.description);
      await page.goto(
        `${FRONTEND}/catalog/default/component/search-api/ai-cost`,
      );
      const caption = page
        .locator('figcaption')
        .filter({ hasText: 'Month-end forecast' });
      await caption.waitFor();
      const text = await caption.innerText();
      const match =
        /Month-end forecast (\$[\d,]+\.\d{2}) \(range (\$[\d,]+\.\d{2}–\$[\d,]+\.\d{2})\)/.exec(
          text,
        );
      assert.ok(match, text);
      assert.equal(
        cents(parseMoney(match[1])),
        cents(forecast.forecast.median),
      );
      const [low, high] = moneyRange(match[2]);
      assert.equal(cents(low), cents(forecast.forecast.low));
      assert.equal(cents(high), cents(forecast.forecast.high));
      if (!lastDayOfMonthToday()) {
        const figure = caption.locator('xpath=ancestor::figure[1]');
        assert.equal(
          await figure
            .locator('.recharts-line .recharts-curve')
            .first()
            .getAttribute('stroke-dasharray'),
          '6 4',
        );
        assert.ok((await figure.locator('.recharts-area-area').count()) > 0);
        await caption
          .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]')
          .getByRole('button', { name: 'Show data table' })
          .click();
        await page
          .getByRole('columnheader', { name: 'Forecast range (80%)' })
          .waitFor();
        // Today is in the window with what it has spent so far; the
        // dashed line projects the days after it.
        const today = new Date().toISOString().slice(0, 10);
        assert.equal(
          await page.getByRole('rowheader', { name: /\(forecast\)$/ }).count(),
          forecast.daily.filter(day => day.date > today).length,
        );
      }
    });

    test('the org page shows the month-end forecast of all spend, unallocated included', async () => {
      const forecast = await api('/forecast');
      assert.ok(forecast.forecast, forecast.basis.description);
      assert.ok(
        forecast.unallocatedSpent > 0,
        'the demo has unallocated spend',
      );
      await page.goto(`${FRONTEND}/ai-cost`);
      const details = page.locator('[aria-label="Month-end forecast details"]');
      await details.waitFor();
      const card = details.locator(
        'xpath=ancestor::div[contains(@class,"MuiCard-root")][1]',
      );
      const median = await card
        .locator('p[class*="MuiTypography-h4"]')
        .innerText();
      assert.equal(cents(parseMoney(median)), cents(forecast.forecast.median));
      const facts = await details.innerText();
      assert.match(
        facts,
        /All AI spend in the organization, unallocated spend included/,
      );
      const spent = /Spent so far\s+(\$[\d,]+\.\d{2})/.exec(facts);
      assert.ok(spent, facts);
      assert.equal(cents(parseMoney(spent[1])), cents(forecast.spent));
      // The card comes before the rollups (which load on their own).
      await page.getByText('Spend by team').first().waitFor();
      const order = await page.evaluate(() => {
        const text = document.body.innerText;
        return [
          text.indexOf('Month-end forecast'),
          text.indexOf('Spend by team'),
        ];
      });
      assert.ok(order[0] >= 0 && order[0] < order[1], String(order));
    });
  });
}

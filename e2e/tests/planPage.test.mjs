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
} from '../lib.mjs';

/** Cents of an amount; null (no data) stays null. */
const cents = amount => (amount === null ? null : Math.round(amount * 100));

/** The amounts of a plan row as shown: 12 months, then the year total (the first amount of each cell, not its range); null for "—" (no data). */
async function rowAmounts(page, key) {
  const cells = await page
    .getByTestId(`plan-row-${key}`)
    .locator('td')
    .allInnerTexts();
  // 12 months, year total (the budget is below the team's name).
  assert.equal(cells.length, 13, `row ${key} has ${cells.length} cells`);
  return cells.map(text =>
    text.trim() === '—' ? null : cents(parseMoney(text)),
  );
}

/** The plan CSV's amount column summed per month, in cents. */
function csvMonthCents(text) {
  const [header, ...rows] = text
    .trim()
    .split(/\r?\n/)
    .map(line => line.split(','));
  const month = header.indexOf('month');
  const amount = header.indexOf('amount');
  const sums = new Map();
  for (const row of rows) {
    sums.set(
      row[month],
      (sums.get(row[month]) ?? 0) + Math.round(Number(row[amount]) * 100),
    );
  }
  return sums;
}

for (const { width, theme } of LAYOUTS) {
  describe(`the plan page at ${width} px, ${theme} theme`, () => {
    const year = new Date().getUTCFullYear();
    const url = `${FRONTEND}/ai-cost/plan?year=${year}`;
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedInPage({ width, theme }));
    });
    after(async () => browser?.close());

    test('shows the plan the API computes, its rows adding up to the totals', async () => {
      const plan = await api(`/plan?year=${year}`);
      assert.ok(plan.totals.total > 0, `no demo spend in ${year}`);
      await page.goto(url);
      await page
        .getByRole('table', { name: `AI spend plan ${year}` })
        .waitFor();
      const totals = await rowAmounts(page, 'total');
      assert.deepEqual(totals, [
        ...plan.totals.months.map(m => cents(m.amount)),
        cents(plan.totals.total),
      ]);
      const lines = [...plan.teams.map(team => team.entityRef), 'unallocated'];
      const shown = [];
      for (const key of lines) shown.push(await rowAmounts(page, key));
      for (const [i, team] of plan.teams.entries()) {
        assert.deepEqual(shown[i], [
          ...team.months.map(m => cents(m.amount)),
          cents(team.total),
        ]);
      }
      // Every month (and the year) the rows as shown add up to the total;
      // months without data are "—" in every row.
      totals.forEach((total, column) => {
        if (total === null) {
          assert.ok(
            shown.every(row => row[column] === null),
            `column ${column}`,
          );
          return;
        }
        assert.equal(
          shown.reduce((sum, row) => sum + row[column], 0),
          total,
          `column ${column}`,
        );
      });
      // Months that ended before the history began are "—", not $0, and
      // the year total leaves them out.
      const noData = plan.totals.months.filter(m => m.kind === 'no-data');
      assert.equal(
        await page
          .getByTestId('plan-row-total')
          .locator('td[data-kind="no-data"]')
          .count(),
        noData.length,
      );
      if (noData.length > 0) {
        assert.ok(plan.historyFrom > `${noData.at(-1).month}-31`);
        await page.getByText('months before it have no data').waitFor();
      }
      // Forecast months are marked, ± their range, the amounts on hover.
      const forecasts = plan.totals.months.filter(m => m.kind === 'forecast');
      const marked = page
        .getByTestId('plan-row-total')
        .locator('td[data-kind="forecast"]');
      assert.equal(await marked.count(), forecasts.length);
      if (forecasts.length > 0) {
        assert.match(
          await marked.first().getAttribute('title'),
          /^80% range \$[\d,.]+–\$[\d,.]+$/,
        );
      }
      // The current month is in view without scrolling by hand.
      const current = page.locator('th[data-current="true"]');
      if ((await current.count()) > 0) {
        const cell = await current.boundingBox();
        const region = await page
          .getByRole('region', { name: `Plan ${year}, scrolls sideways` })
          .boundingBox();
        assert.ok(
          cell.x + cell.width <= region.x + region.width + 1,
          `the current month is out of view (${cell.x + cell.width} > ${
            region.x + region.width
          })`,
        );
      }
      if (width === 1400 && theme === 'light') {
        await screenshot(page, 'plan-page');
      }
    });

    test('downloads a CSV whose months sum to the totals', async () => {
      const plan = await api(`/plan?year=${year}`);
      await page.goto(url);
      await page.getByTestId('plan-row-total').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), `ai-cost-plan-${year}.csv`);
      const sums = csvMonthCents(await readFile(await download.path(), 'utf8'));
      const shown = await rowAmounts(page, 'total');
      plan.totals.months.forEach((month, m) => {
        assert.equal(sums.get(month.month) ?? 0, cents(month.amount) ?? 0);
        assert.equal(shown[m], cents(month.amount));
      });
      assert.equal(
        [...sums.values()].reduce((a, b) => a + b, 0),
        cents(plan.totals.total),
      );
    });

    if (width === 1400 && theme === 'light') {
      test("widens the next year's range with the months ahead", async () => {
        const next = await api(`/plan?year=${year + 1}`);
        const relative = m => (m.high - m.low) / m.amount;
        const [january] = next.totals.months;
        const december = next.totals.months[11];
        assert.equal(december.kind, 'forecast');
        assert.ok(
          relative(december) > 1.5 * relative(january),
          `December ${relative(december)} vs January ${relative(january)}`,
        );
      });
    }

    test('is reachable from the org page', async () => {
      await openFromOrgPage(page, 'Plan');
      await page.getByTestId('plan-row-total').waitFor();
      assert.match(page.url(), /\/ai-cost\/plan/);
    });

    if (width === 800) {
      test('scrolls the table sideways, not the page', async () => {
        await page.goto(url);
        await page.getByTestId('plan-row-total').waitFor();
        const region = page.getByRole('region', {
          name: `Plan ${year}, scrolls sideways`,
        });
        const { page: pageOverflow, table: tableOverflow } =
          await region.evaluate(el => ({
            page:
              document.documentElement.scrollWidth -
              document.documentElement.clientWidth,
            table: el.scrollWidth - el.clientWidth,
          }));
        assert.ok(pageOverflow <= 0, `the page is ${pageOverflow} px too wide`);
        assert.ok(tableOverflow > 0, 'the table does not scroll sideways');
        // The team column stays in view while the months scroll by.
        await region.evaluate(el => el.scrollBy({ left: 400 }));
        const cell = await page
          .getByTestId('plan-row-total')
          .locator('th')
          .boundingBox();
        const box = await region.boundingBox();
        assert.ok(
          cell.x >= box.x - 1,
          `the team column scrolled out of view (${cell.x} < ${box.x})`,
        );
      });
    }
  });
}

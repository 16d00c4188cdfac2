import { after, before, test } from 'node:test';
import { api, FRONTEND, screenshot, signedInPage } from '../lib.mjs';

let browser;
let page;
before(async () => {
  ({ browser, page } = await signedInPage());
});
after(async () => browser?.close());

test('an owner edits a budget and the status card follows', async () => {
  // Guest is a member of search-team, which owns search-api.
  await page.goto(`${FRONTEND}/catalog/default/component/search-api/ai-cost`);
  await page.getByText('AI budget').first().waitFor();
  await page.getByRole('button', { name: 'Edit budget' }).click();
  const amount = page.getByLabel('Budget amount');
  await amount.fill('4321');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('of $4,321.00').first().waitFor();
  const budget = await api('/budgets?entityRef=component:default/search-api');
  if (budget.amount !== 4321 || budget.source !== 'portal') {
    throw new Error(`unexpected budget ${JSON.stringify(budget)}`);
  }
  await screenshot(page, 'budget-and-anomalies');
});

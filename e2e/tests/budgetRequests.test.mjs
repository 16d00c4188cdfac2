import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  FRONTEND,
  api,
  cardTitled,
  screenshot,
  signedInPage,
} from '../lib.mjs';

const SUPPORT_BOT = 'component:default/support-bot';

let browser;
let page;
before(async () => {
  ({ browser, page } = await signedInPage());
});
after(async () => browser?.close());

test("an approver approves the demo's pending budget request and the budget applies", async () => {
  // The demo seeds one pending request: Carol asks for $3,200 a month for
  // support-bot. Guest is in platform, a configured approver group.
  const { items } = await api(
    `/budgets/requests?status=pending&entityRef=${SUPPORT_BOT}`,
  );
  const pending = items.find(r => r.id === 'demo-support-bot-budget');
  assert.ok(pending, `no pending demo request in ${JSON.stringify(items)}`);
  assert.equal(pending.canDecide, true);

  await page.goto(`${FRONTEND}/ai-cost`);
  const card = cardTitled(page, 'Budget requests');
  await card.getByText('$3,200.00').first().waitFor();
  await screenshot(page, 'budget-requests');
  await card
    .getByRole('button', {
      name: `Approve $3,200.00 a month for ${SUPPORT_BOT}`,
    })
    .click();
  await page
    .getByText(/Budget request of \$3,200\.00 a month .* approved/)
    .waitFor();

  const budget = await api(`/budgets?entityRef=${SUPPORT_BOT}`);
  assert.equal(budget.amount, 3200);
  assert.equal(budget.source, 'portal');
  assert.equal(budget.updatedBy, 'user:default/guest');

  await page.goto(`${FRONTEND}/catalog/default/component/support-bot/ai-cost`);
  await page.getByText('AI budget').first().waitFor();
  await page.getByText('of $3,200.00').first().waitFor();
  assert.equal(
    await page.getByText(/Budget request pending/).count(),
    0,
    'the request is no longer pending on the budget card',
  );
});
